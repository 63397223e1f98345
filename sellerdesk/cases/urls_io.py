from django.urls import path

from sellerdesk.cases import views_io

urlpatterns = [
    path("export/<str:fmt>/", views_io.journal_export, name="journal_export"),
    path("import/", views_io.journal_import, name="journal_import"),
]
