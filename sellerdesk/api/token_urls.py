from django.urls import path

from sellerdesk.api import views

urlpatterns = [
    path("", views.tokens, name="api_tokens"),
    path("<int:token_id>/revoke/", views.revoke, name="api_token_revoke"),
]
