from django.urls import include, path

urlpatterns = [
    path("", include("sellerdesk.accounts.urls")),
    path("w/<slug:slug>/", include("sellerdesk.cases.urls")),
    path("w/<slug:slug>/shops/", include("sellerdesk.shops.urls")),
    path("api/", include("sellerdesk.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
