from django.urls import path

from sellerdesk.workspace_playbook import views

urlpatterns = [
    path("", views.index, name="playbook"),
    path("<slug:code>/", views.platform, name="playbook_platform"),
    path("<slug:code>/edit/", views.edit, name="playbook_edit"),
    path("<slug:code>/reset/", views.reset, name="playbook_reset"),
]
