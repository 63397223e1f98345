from django.urls import include, path

from sellerdesk.cases import views, views_appeal

urlpatterns = [
    path("", views.journal, name="journal"),
    path("cases/new/", views_appeal.appeal_new, name="appeal_new"),
    path("cases/new/form/", views.case_new, name="case_new"),
    path("cases/<str:number>/", views.case_detail, name="case_detail"),
    path("cases/<str:number>/edit/", views.case_edit, name="case_edit"),
    path("cases/<str:number>/appeal/", views_appeal.case_appeal, name="case_appeal"),
    path("cases/<str:number>/appeal/check/", views_appeal.case_appeal_check, name="case_appeal_check"),
    path("cases/<str:number>/status/", views.case_status, name="case_status"),
    path("cases/<str:number>/events/", views.case_event, name="case_event"),
    path("cases/<str:number>/merge/", views.case_merge, name="case_merge"),
    path("cases/<str:number>/evidence/", include("sellerdesk.cases.urls_evidence")),
    path("", include("sellerdesk.cases.urls_io")),
]
