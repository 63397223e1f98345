from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Workspace
from sellerdesk.language.identifiers import is_valid_inn


def validate_inn(value: str) -> None:
    if value and not is_valid_inn(value):
        raise ValidationError(
            _("%(value)s is not a valid INN: it must have 10 or 12 digits with matching check digits."),
            params={"value": value},
            code="invalid_inn",
        )


class CustomPlatform(models.Model):
    """A platform a workspace works with beyond the shipped ones (a regional marketplace, a 3PL…)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="custom_platforms")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("support language"), max_length=10, default="ru")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "code"], name="unique_platform_code")]

    def __str__(self) -> str:
        return self.name


# The shipped platform names of playbook/data/platforms.toml, written here so makemessages finds them.
SHIPPED_PLATFORM_NAMES = (gettext_noop("Yandex Market"), gettext_noop("Avito"), gettext_noop("Yandex Eda"),
                          gettext_noop("Tool vendor"))


def platform_choices(workspace: Workspace) -> list[tuple[str, str]]:
    shipped = [(p.code, gettext(p.name)) for p in playbook.platforms().values()]
    custom = [(p.code, p.name) for p in workspace.custom_platforms.all()]
    return shipped + custom


class Shop(models.Model):
    """A seller account on one platform (a WB or Ozon cabinet, a vendor subscription…)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="shops")
    platform = models.CharField(_("platform"), max_length=30)
    name = models.CharField(_("shop name"), max_length=200)
    cabinet_id = models.CharField(_("cabinet ID"), max_length=64, blank=True)
    inn = models.CharField(_("INN"), max_length=12, blank=True, validators=[validate_inn])
    legal_name = models.CharField(_("legal entity"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("shop")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "platform", "name"], name="unique_shop_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.platform_name})"

    @property
    def platform_name(self) -> str:
        shipped = playbook.platforms().get(self.platform)
        return gettext(shipped.name) if shipped else self.platform
