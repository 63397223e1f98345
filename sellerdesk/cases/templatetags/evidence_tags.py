"""What the evidence partial needs beyond its context: type labels and the upload limits."""

from django import template
from django.conf import settings

from sellerdesk.cases import evidence

register = template.Library()


@register.filter
def file_kind(content_type: str) -> str:
    return evidence.kind_label(content_type)


@register.simple_tag
def evidence_accept() -> str:
    """The `accept` attribute of the file input: the extensions the server will take."""
    return ",".join(f".{ext}" for ext in sorted(evidence.ALLOWED_EXTENSIONS))


@register.simple_tag
def evidence_max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES
