"""Case-level follow-through pages, under /w/<slug>/cases/<number>/…"""

from django.urls import include, path

urlpatterns = [
    path("", include("sellerdesk.followup.urls_replies")),     # replies, promises, agreements (D)
    path("", include("sellerdesk.followup.urls_ladder")),      # escalation ladder (E)
]
