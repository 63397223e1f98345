from sellerdesk.notifications.models import Notification


def unread(request):
    """The unread count for the bell, counted once per request and only when a page shows it."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}

    def count() -> int:
        if not hasattr(request, "_unread_notifications"):
            request._unread_notifications = Notification.objects.filter(member=membership, read_at=None).count()
        return request._unread_notifications

    return {"unread_notifications": count}
