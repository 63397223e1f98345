"""How the rest of SellerDesk tells a member something. Owner: notifications (B) fills it in.

`notify` is idempotent on (member, key): calling it twice for the same due item creates one
notification and sends at most one e-mail and one Telegram message for it.
"""

from __future__ import annotations


def notify(member, *, key: str, kind: str, title: str, body: str = "", case=None, url: str = ""):
    """Record an in-app notification for `member` and queue its e-mail/Telegram sends per the
    member's choices (channels, quiet hours). Returns the Notification, or None when one with this
    key already exists. Must be called inside the caller's transaction: it only writes rows."""
    return None
