from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Workspace


class PlaybookOverride(models.Model):
    """A workspace's own version of one platform's playbook, as TOML laid over the shipped file."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="playbook_overrides")
    platform = models.CharField(_("platform"), max_length=30)
    text = models.TextField(_("playbook (TOML)"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("playbook override")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "platform"], name="one_playbook_override_per_platform"),
        ]

    def __str__(self) -> str:
        return f"{self.workspace.slug}/{self.platform}"
