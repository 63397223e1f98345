"""Replies from support and agreements, under /w/<slug>/cases/<number>/."""

from django.urls import path

from sellerdesk.followup import views_replies as views

urlpatterns = [
    path("reply/", views.case_reply, name="case_reply"),
    path("agreements/new/", views.case_agreement_new, name="case_agreement_new"),
    path("agreements/<int:pk>/confirm-request/", views.case_agreement_confirm_request,
         name="case_agreement_confirm_request"),
    path("agreements/<int:pk>/confirm/", views.case_agreement_confirm, name="case_agreement_confirm"),
    path("agreements/<int:pk>/close/", views.case_agreement_close, name="case_agreement_close"),
]
