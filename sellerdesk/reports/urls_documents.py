"""Mounted at w/<slug>/cases/<number>/documents/."""

from django.urls import path

from sellerdesk.reports import views_documents as views

urlpatterns = [
    path("claim/", views.case_claim, name="case_claim"),
    path("summary.pdf", views.case_summary_pdf, name="case_summary_pdf"),
]
