from django.contrib.auth import views as auth_views
from django.urls import path

from sellerdesk.accounts import views, views_legal

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("workspaces/new/", views.workspace_new, name="workspace_new"),
    path("invite/<str:token>/", views.invite_accept, name="invite_accept"),
    path("w/<slug:slug>/team/", views.members, name="members"),
    path("w/<slug:slug>/team/legal/", views_legal.workspace_legal, name="workspace_legal"),
    path("w/<slug:slug>/team/<int:pk>/role/", views.member_role, name="member_role"),
    path("w/<slug:slug>/team/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("w/<slug:slug>/team/invites/<int:pk>/revoke/", views.invite_revoke, name="invite_revoke"),
]
