from sellerdesk.accounts.models import Membership


def workspace(request):
    """The current workspace and membership (set by access.workspace_view), and the person's
    workspaces for the switcher."""
    user = getattr(request, "user", None)
    return {
        "workspace": getattr(request, "workspace", None),
        "membership": getattr(request, "membership", None),
        "user_workspaces": (
            Membership.objects.filter(user=user).select_related("workspace")
            if user is not None and user.is_authenticated else []
        ),
    }
