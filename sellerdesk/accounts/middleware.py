from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

from sellerdesk.accounts.models import Profile


class UserPreferencesMiddleware:
    """Show times in the person's time zone (Moscow unless they chose another) and, when they
    have saved one, use their interface language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = settings.DISPLAY_TIME_ZONE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = Profile.objects.filter(user=user).first()
            if profile is not None:
                tz_name = profile.time_zone or tz_name
                if profile.language and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
                    translation.activate(profile.language)
                    request.LANGUAGE_CODE = profile.language
        timezone.activate(zoneinfo.ZoneInfo(tz_name))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
