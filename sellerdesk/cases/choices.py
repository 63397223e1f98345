"""Enumerations of the case journal. Transitions between statuses live in playbook/data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready")
    SUBMITTED = "submitted", _("Submitted")
    WAITING = "waiting", _("Waiting for support")
    ANSWERED = "answered", _("Answered")
    ON_US = "on_us", _("On us")
    ESCALATED = "escalated", _("Escalated")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged")


class Kind(models.TextChoices):
    FINANCE = "finance", _("Finance")
    LOGISTICS = "logistics", _("Logistics")
    CONTENT = "content", _("Content")
    ACCESS = "access", _("Access")
    TECHNICAL = "technical", _("Technical")
    DOCUMENTS = "documents", _("Documents")
    PROMOTION = "promotion", _("Promotion")
    REVIEWS = "reviews", _("Reviews")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    CHAT = "chat", _("Chat")
    TICKET = "ticket", _("Ticket / cabinet dialog")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    SOCIAL = "social", _("Social network")
    CLAIM = "claim", _("Formal claim")
    PUBLIC = "public", _("Public post")
    EXTERNAL = "external", _("Outside (court, payment dispute)")


class Priority(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Outcome(models.TextChoices):
    WON = "won", _("Won")
    PARTIAL = "partial", _("Partly won")
    LOST = "lost", _("Lost")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EntityKind(models.TextChoices):
    ORDER = "order", _("Order")
    SUPPLY = "supply", _("Supply")
    SHIPMENT = "shipment", _("Shipment")
    POSTING = "posting", _("Posting")
    NMID = "nmid", _("nmID")
    SKU = "sku", _("SKU")
    ARTICLE = "article", _("Seller article")
    SRID = "srid", _("srid")
    CLAIM = "claim", _("Claim")
    REPORT = "report", _("Report")
    PERIOD = "period", _("Period")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    STATUS = "status", _("Status changed")
    MESSAGE_IN = "message_in", _("Message from support")
    MESSAGE_OUT = "message_out", _("Message to support")
    CALL = "call", _("Phone call")
    NOTE = "note", _("Note")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
    MERGED = "merged", _("Merged")
    IMPORTED = "imported", _("Imported")
    REMINDER = "reminder", _("Reminder")
    ESCALATED_STEP = "escalated_step", _("Escalation step taken")


CURRENCIES = [("RUB", "₽ RUB"), ("CNY", "¥ CNY"), ("USD", "$ USD"), ("EUR", "€ EUR"), ("KZT", "₸ KZT"),
              ("BYN", "Br BYN")]
