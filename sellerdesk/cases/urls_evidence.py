from django.urls import path

from sellerdesk.cases import views_evidence

urlpatterns = [
    path("", views_evidence.evidence_upload, name="evidence_upload"),
    path("<int:pk>/", views_evidence.evidence_download, name="evidence_download"),
    path("<int:pk>/delete/", views_evidence.evidence_delete, name="evidence_delete"),
]
