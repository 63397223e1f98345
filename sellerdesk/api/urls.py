from django.urls import path

from sellerdesk.api.api import api

urlpatterns = [path("", api.urls)]
