"""Weekly review (G) and case documents (F)."""

from django.urls import include, path

urlpatterns = [
    path("review/", include("sellerdesk.reports.urls_review")),                  # weekly review (G)
    path("cases/<str:number>/documents/", include("sellerdesk.reports.urls_documents")),  # documents (F)
]
