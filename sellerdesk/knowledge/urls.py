from django.urls import path

from sellerdesk.knowledge import views

urlpatterns = [
    path("", views.article_list, name="knowledge"),
    path("new/", views.article_edit, name="knowledge_new"),
    path("suggest/", views.suggestions, name="knowledge_suggest"),
    path("<slug:article>/", views.article_detail, name="knowledge_article"),
    path("<slug:article>/edit/", views.article_edit, name="knowledge_edit"),
    path("<slug:article>/delete/", views.article_delete, name="knowledge_delete"),
]
