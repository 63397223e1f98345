from django.urls import include, path

urlpatterns = [
    path("", include("sellerdesk.accounts.urls")),
    path("w/<slug:slug>/", include("sellerdesk.cases.urls")),
    path("w/<slug:slug>/knowledge/", include("sellerdesk.knowledge.urls")),
    path("w/<slug:slug>/playbook/", include("sellerdesk.workspace_playbook.urls")),
    path("w/<slug:slug>/shops/", include("sellerdesk.shops.urls")),
    path("w/<slug:slug>/cases/<str:number>/", include("sellerdesk.followup.urls")),
    path("w/<slug:slug>/notifications/", include("sellerdesk.notifications.urls")),
    path("w/<slug:slug>/", include("sellerdesk.reports.urls")),
    path("w/<slug:slug>/api-tokens/", include("sellerdesk.api.token_urls")),
    path("api/", include("sellerdesk.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
