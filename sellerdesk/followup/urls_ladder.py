"""The escalation ladder, under /w/<slug>/cases/<number>/."""

from django.urls import path

from sellerdesk.followup import views_ladder as views

urlpatterns = [
    path("escalate/", views.case_escalate, name="case_escalate"),
]
