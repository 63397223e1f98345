"""The "New appeal" wizard's work: understand a description, compose the appeal, file the draft.

Views stay short: they hand forms to these functions and render what comes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import get_language, gettext

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.analysis import classify as classifier
from sellerdesk.analysis import split
from sellerdesk.analysis.compose import REQUESTS, URGENCY, AppealFields, Composed, compose
from sellerdesk.cases import actions
from sellerdesk.cases.choices import Kind
from sellerdesk.cases.duplicates import Duplicate, find_duplicates
from sellerdesk.cases.models import Case
from sellerdesk.knowledge.search import suggestions_for
from sellerdesk.language import entities as entity_finder
from sellerdesk.language.text import detect_language, prepare
from sellerdesk.playbook import PlatformBook
from sellerdesk.shops.models import Shop
from sellerdesk.workspace_playbook.actions import book_for


@dataclass
class Understanding:
    """What SellerDesk read in a free description, for the person to confirm."""

    text: str
    truncated: bool
    language: str
    entities: list
    references: list[tuple[str, str]]
    classification: classifier.Classification
    problems: list
    duplicates: list[Duplicate]
    suggestions: dict
    checklist: list[tuple[object, bool]] = field(default_factory=list)  # (item, present)

    @property
    def kind_label(self) -> str:
        return Kind(self.classification.kind).label

    @property
    def confidence_percent(self) -> int:
        return round(self.classification.confidence * 100)

    @property
    def parts(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The proposed split: (kind label, text, references) per problem; one item when there is one problem."""
        return [(Kind(p.kind).label if p.kind in Kind.values else p.kind, p.text, p.references)
                for p in self.problems]

    @property
    def runners_up(self) -> list[tuple[str, int]]:
        return [(Kind(k).label, round(p * 100)) for k, p in self.classification.alternatives
                if k != self.classification.kind and k in Kind.values]


def understand(workspace: Workspace, shop: Shop, description: str) -> Understanding:
    prepared = prepare(description)
    text = prepared.text
    book = book_for(workspace, shop.platform)
    found = entity_finder.extract(text)
    references = entity_finder.references(found)
    classification = classifier.classify(text, platform=shop.platform, book=book)
    kind = classification.kind
    return Understanding(
        text=text, truncated=prepared.truncated, language=detect_language(text), entities=found,
        references=references, classification=classification,
        problems=split.find_problems(text, platform=shop.platform, book=book, whole=classification, entities=found),
        duplicates=find_duplicates(workspace.pk, references=references, shop_id=shop.pk, kind=kind, text=text),
        suggestions=suggestions_for(workspace, text, shop.platform, kind),
        checklist=checklist(book, kind, found),
    )


def checklist(book: PlatformBook, kind: str, found) -> list[tuple[object, bool]]:
    """The kind's checklist with what the description already covers ticked (files come later, on the case)."""
    kinds = {e.kind for e in found}
    return [(item, not item.evidence and bool(kinds & set(item.entities))) for item in book.checklists.get(kind, ())]


def initial(shop: Shop, understanding: Understanding) -> dict:
    """Starting values of the appeal form, from the shop and the description."""
    classification = understanding.classification
    money = next((e for e in understanding.entities if e.kind == "money"), None)
    moment = next((e for e in understanding.entities if e.kind in ("datetime", "date")), None)
    data = dict(money.data) if money else {}
    return {
        "kind": classification.kind,
        "topic_code": classification.topic.code if classification.topic else "",
        "references": "\n".join(f"{k} {v}" for k, v in understanding.references),
        "cabinet_id": shop.cabinet_id, "inn": shop.inn, "contact": shop.contact_email or shop.contact_phone,
        "essence": calm(understanding.text[:1500]),
        "when": understanding.text[moment.start:moment.end] if moment else "",
        "request": playbook.default_request(classification.topic.code if classification.topic else "",
                                            understanding.text),
        "money_at_risk": data.get("amount"),
        "currency": data.get("currency") or "RUB",
    }


_SHOUTS = re.compile(r"([!?！？])[!?1！？]{1,50}")
_CAPS_WORD = re.compile(r"\b[A-ZА-ЯЁ]{4,40}\b")


def calm(text: str) -> str:
    """The description as a start for the appeal's essence: rows of "!!!" become one mark and shouted
    words lose their capitals. Nothing else changes; the person edits the rest."""
    text = _SHOUTS.sub(r"\1", text)
    return _CAPS_WORD.sub(lambda m: m.group().lower() if m.group() not in ABBREVIATIONS else m.group(), text)


ABBREVIATIONS = frozenset({"FBO", "FBS", "DBS", "RFBS", "SKU", "API", "EDO", "INN", "ИНН", "УПД", "ЭДО", "МСК", "ООО",
                           "NMID", "SRID", "ERP", "URL", "HTTP", "JSON", "CSV", "XLSX", "PDF", "КИЗ", "ГТД", "ОГРН"})


def moment_of(text: str):
    """A date or Moscow time written any way people write it ("12.03.2026 14:30", "вчера", "3月5日"), or the
    text itself when none is found (the composer then keeps it as it is)."""
    found = next((e for e in entity_finder.extract(text) if e.kind in ("datetime", "date")), None)
    if found is None:
        return text.strip()
    return found.get("datetime") or found.get("date") or text.strip()


def choices() -> tuple[list, list]:
    """The request and urgency choices, labelled in the reader's language."""
    return ([(code, gettext(label)) for code, label in REQUESTS.items()],
            [(code, gettext(label)) for code, label in URGENCY.items()])


def fields_from(form_data: dict, shop: Shop, book: PlatformBook, evidence: list[str] = ()) -> AppealFields:
    """The composer's input from the confirmed form."""
    topic = book.topic(form_data.get("topic_code") or "")
    references = form_data.get("references") or []
    when = moment_of(form_data.get("when") or "")
    return AppealFields(
        shop_name=shop.name, cabinet_id=form_data.get("cabinet_id") or "", inn=form_data.get("inn") or "",
        contact=form_data.get("contact") or "", section=form_data.get("section") or "",
        work_model=form_data.get("work_model") or "",
        when=when,
        count=form_data.get("count"), essence=form_data.get("essence") or "", steps=form_data.get("steps") or "",
        result=form_data.get("result") or "", expected=form_data.get("expected") or "",
        request=form_data.get("request") or "", request_detail=form_data.get("request_detail") or "",
        urgency=form_data.get("urgency") or "", urgency_detail=form_data.get("urgency_detail") or "",
        references=list(references), money_at_risk=form_data.get("money_at_risk"),
        currency=form_data.get("currency") or "RUB", report_amount=form_data.get("report_amount"),
        our_amount=form_data.get("our_amount"), evidence=list(evidence), kind=form_data.get("kind") or "other",
        topic_label=topic.label if topic else "", category=topic.category if topic else "",
        user_language=(get_language() or "ru")[:2],
    )


def stored(form_data: dict) -> dict:
    """The form's values as JSON for `Case.appeal` (references live in the case's own table)."""
    out = {}
    for key, value in form_data.items():
        if key in ("references", "kind", "channel", "currency", "money_at_risk"):
            continue
        if isinstance(value, Decimal):
            value = str(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        if value not in (None, ""):
            out[key] = value
    return out


def restored(case: Case) -> dict:
    """`Case.appeal` back as form values."""
    data = dict(case.appeal or {})
    data.update(kind=case.kind, channel=case.channel, currency=case.currency,
                money_at_risk=case.money_at_risk or None,
                references="\n".join(f"{r.kind} {r.value}" for r in case.entities.all()))
    return data


@transaction.atomic
def file_draft(workspace: Workspace, actor: Membership, shop: Shop, form_data: dict, *, description: str,
               duplicates: list[Duplicate] = (), duplicate_reason: str = "") -> Case:
    """Create the draft case with the composed appeal; the description stays in its history."""
    book = book_for(workspace, shop.platform)
    composed: Composed = compose(fields_from(form_data, shop, book), book)
    topic = book.topic(form_data.get("topic_code") or "")
    case = actions.create_case(
        workspace, actor, entities=form_data.get("references") or [], appeal=stored(form_data),
        duplicate_of=[d.case for d in duplicates], duplicate_reason=duplicate_reason,
        shop=shop, kind=form_data["kind"], category=topic.category if topic else "",
        topic=topic.label if topic else "", channel=form_data.get("channel") or "ticket",
        subject=composed.subject[:300], body=composed.body, currency=form_data.get("currency") or "RUB",
        money_at_risk=form_data.get("money_at_risk") or Decimal("0"), responsible=actor,
    )
    actions.add_event(case, actor, "note", description)
    return case


@transaction.atomic
def recompose(case: Case, actor: Membership, form_data: dict, *, expected_version: int) -> tuple[Case, Composed]:
    """Save the confirmed fields and replace the appeal's subject and body with a fresh composition."""
    book = book_for(case.workspace, case.platform)
    evidence = list(case.evidence.values_list("original_name", flat=True))
    composed = compose(fields_from(form_data, case.shop, book, evidence), book)
    topic = book.topic(form_data.get("topic_code") or "")
    changes = {
        "kind": form_data["kind"], "channel": form_data.get("channel") or case.channel,
        "category": topic.category if topic else case.category, "topic": topic.label if topic else case.topic,
        "subject": composed.subject[:300], "body": composed.body,
        "currency": form_data.get("currency") or case.currency,
        "money_at_risk": form_data.get("money_at_risk") if form_data.get("money_at_risk") is not None
        else case.money_at_risk,
    }
    case = actions.update_case(case, actor, changes, expected_version=expected_version,
                               entities=form_data.get("references") or [], appeal=stored(form_data))
    return case, composed
