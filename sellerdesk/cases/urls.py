from django.urls import include, path

urlpatterns = [
    path("cases/<str:number>/evidence/", include("sellerdesk.cases.urls_evidence")),
    path("", include("sellerdesk.cases.urls_io")),
]
