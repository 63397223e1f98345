from django.urls import path

from sellerdesk.shops import views

urlpatterns = [
    path("", views.shops, name="shops"),
    path("new/", views.shop_edit, name="shop_new"),
    path("<int:pk>/", views.shop_edit, name="shop_edit"),
]
