"""The weekly review: w/<slug>/review/… (G)."""

from django.urls import path

from sellerdesk.reports import views_review as views

urlpatterns = [
    path("", views.review, name="review"),
    path("review.pdf", views.review_pdf, name="review_pdf"),
    path("review.xlsx", views.review_xlsx, name="review_xlsx"),
    path("schedule/", views.review_schedule, name="review_schedule"),
]
