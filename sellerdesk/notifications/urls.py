"""Notifications pages, under /w/<slug>/notifications/."""

from django.urls import path

from sellerdesk.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/", views.notification_open, name="notification_open"),
    path("read/", views.read_all, name="notifications_read_all"),
    path("settings/", views.notification_settings, name="notification_settings"),
    path("settings/test/", views.notification_test, name="notification_test"),
]
