"""Formal documents made from a case: the pre-trial claim (досудебная претензия) and the one-page summary.

A claim is assembled in three steps: `claim_initial()` proposes every value from the case, the workspace,
the shop and the playbook (legal.toml, claims.toml); the person checks and edits them in the claim form;
`build_claim()` turns the confirmed values into a `Claim`, which `documents_docx` and `documents_pdf`
render. `store_claim()` is the action: both files become evidence on the case, with a history line.

The claim is written in the counterparty's language (Russian; Chinese with Russian headings for a tool
vendor), whatever the person's interface language is; its words live in claims.toml, not in msgids.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership
from sellerdesk.cases.actions import ActionError, log_event
from sellerdesk.cases.choices import CURRENCIES, EventKind, Status
from sellerdesk.cases.evidence import DuplicateEvidence, add_evidence
from sellerdesk.cases.models import Case, CaseEvent, Evidence
from sellerdesk.playbook import legal

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FACT_TEXT_LIMIT = 300
_SYMBOLS = {code: label.split()[0] for code, label in CURRENCIES}


# --- values ---------------------------------------------------------------------------------------------

@dataclass
class Party:
    name: str
    inn: str = ""
    ogrn: str = ""
    address: str = ""
    contact: str = ""
    signatory_name: str = ""
    signatory_title: str = ""


@dataclass
class AmountRow:
    label: str
    amount: Decimal


@dataclass
class Claim:
    number: str                 # the case number
    external_number: str        # the support dialog's number
    language: str               # "ru" or "zh"
    date: dt.date
    answer_days: int
    ours: Party
    theirs: Party
    offer: str = ""
    offer_url: str = ""
    offer_clauses: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    amounts: list[AmountRow] = field(default_factory=list)
    currency: str = "RUB"
    articles: list[legal.Article] = field(default_factory=list)
    demands: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)

    @property
    def text(self) -> dict[str, str]:
        return legal.texts(self.language)

    @property
    def answer_due(self) -> dt.date:
        return legal.answer_due(self.date, self.answer_days)

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.amounts), Decimal("0"))

    def money(self, amount: Decimal) -> str:
        return money(amount, self.currency)

    def day(self, value: dt.date) -> str:
        return day(value, self.language)

    @property
    def subtitle(self) -> str:
        dialog = legal.fill(self.text["dialog"], external_number=self.external_number) if self.external_number else ""
        return legal.fill(self.text["subtitle"], number=self.number, dialog=dialog)

    @property
    def contract(self) -> str:
        if not self.offer:
            return legal.fill(self.text["contract_plain"], ours=self.ours.name, theirs=self.theirs.name)
        url = legal.fill(self.text["offer_url"], url=self.offer_url) if self.offer_url else ""
        return legal.fill(self.text["contract"], ours=self.ours.name, theirs=self.theirs.name,
                          offer=self.offer, offer_url=url)

    @property
    def answer(self) -> str:
        return legal.fill(self.text["answer"], days=self.answer_days, due=self.day(self.answer_due))

    @property
    def file_stem(self) -> str:
        word = "索赔函" if self.language == "zh" else "Претензия"
        return f"{word} {self.number} {self.date:%Y-%m-%d}"


def money(amount: Decimal, currency: str = "RUB") -> str:
    """15 400,00 ₽: grouped by thin spaces the way Russian documents write money."""
    grouped = f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return f"{grouped}\u00a0{_SYMBOLS.get(currency, currency)}"


def day(value: dt.date, language: str = "ru") -> str:
    return f"{value.year}年{value.month}月{value.day}日" if language == "zh" else f"{value:%d.%m.%Y}"


def moscow_today() -> dt.date:
    return timezone.now().astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).date()


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE))


def document_language(case: Case) -> str:
    platform = playbook.platforms().get(case.platform)
    return "zh" if platform and platform.language == "zh" else "ru"


# --- proposals from the case ----------------------------------------------------------------------------

def _excerpt(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= FACT_TEXT_LIMIT else line[: FACT_TEXT_LIMIT - 1].rstrip() + "…"


def _fact(event: CaseEvent, case: Case, language: str) -> str | None:
    words = legal.texts(language)
    kind, changes = event.kind, event.changes or {}
    status = changes.get("status") if isinstance(changes.get("status"), list) else None
    if kind == EventKind.CREATED:
        key, text = "fact_created", case.subject
    elif kind == EventKind.STATUS and status and status[1] == Status.SUBMITTED:
        number = changes.get("external_number", [None, None])[1] or case.external_number
        key, text = "fact_submitted", number or "—"
    elif kind == EventKind.STATUS and status and status[1] == Status.ESCALATED:
        key, text = "fact_escalated", event.text or Status.ESCALATED.label
    elif kind == "escalated_step":
        key, text = "fact_escalated", event.text
    elif kind in (EventKind.MESSAGE_OUT, EventKind.MESSAGE_IN, EventKind.CALL):
        key, text = f"fact_{kind}", event.text
    else:
        return None
    if not text.strip():
        return None
    text = _excerpt(str(text)).rstrip(".。")  # the template puts its own full stop after the quote
    return legal.fill(words[key], date=day(_local(event.occurred_at).date(), language), text=text)


def facts(case: Case, language: str, today: dt.date | None = None) -> list[str]:
    """The case's story for the claim, one dated line per step: found, submitted (with the dialog number),
    our messages, support's replies, calls, escalations; and, while the case is open, how long it has waited."""
    events = list(case.events.order_by("occurred_at", "id"))
    first_created = next((e for e in events if e.kind == EventKind.CREATED), None)
    # a merged duplicate brings its own "created" line along: the case was found once
    lines = [line for event in events if event.kind != EventKind.CREATED or event is first_created
             if (line := _fact(event, case, language))]
    if case.is_open and case.submitted_at:
        waited = ((today or moscow_today()) - _local(case.submitted_at).date()).days
        lines.append(legal.fill(legal.texts(language)["fact_pending"], days=waited))
    return lines


def _decimal(value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return amount if amount.is_finite() else None


def amount_rows(case: Case, language: str) -> list[AmountRow]:
    """The money claimed: the difference between the marketplace's report and our calculation when the
    appeal has both, otherwise the case's money at risk."""
    words = legal.texts(language)
    appeal = case.appeal or {}
    report, ours = _decimal(appeal.get("report_amount")), _decimal(appeal.get("our_amount"))
    if report is not None and ours is not None and report != ours:
        label = legal.fill(words["row_difference"], report=money(report, case.currency),
                           ours=money(ours, case.currency))
        return [AmountRow(label, abs(report - ours))]
    if case.money_at_risk:
        return [AmountRow(legal.fill(words["row_at_risk"], number=case.number), case.money_at_risk)]
    return []


def _references(case: Case) -> str:
    return ", ".join(case.entities.values_list("value", flat=True)) or "—"


def source_evidence(case: Case):
    """The case's own evidence: what people attached, without the documents SellerDesk made from it."""
    return case.evidence.exclude(pk__in=generated_ids(case))


def generated_ids(case: Case) -> set[int]:
    ids: set[int] = set()
    for changes in case.events.filter(kind=EventKind.NOTE).values_list("changes", flat=True):
        document = (changes or {}).get("document")
        if isinstance(document, dict):
            ids.update(i for i in document.get("evidence", []) if isinstance(i, int))
    return ids


@dataclass(frozen=True)
class SentClaim:
    """The latest claim made for a case, as its history line recorded it."""

    date: dt.date
    answer_due: dt.date
    total: Decimal
    currency: str

    @property
    def is_overdue(self) -> bool:
        return moscow_today() > self.answer_due


def latest_claim(case: Case) -> SentClaim | None:
    for changes in (case.events.filter(kind=EventKind.NOTE).order_by("-occurred_at", "-id")
                    .values_list("changes", flat=True)):
        document = (changes or {}).get("document")
        if isinstance(document, dict) and document.get("type") == "claim":
            try:
                return SentClaim(dt.date.fromisoformat(document["date"]), dt.date.fromisoformat(document["answer_due"]),
                                 Decimal(document["total"]), document.get("currency", "RUB"))
            except (KeyError, TypeError, ValueError, InvalidOperation):
                return None
    return None


def generated_documents(case: Case):
    """Claims and summaries made for this case that are still attached, newest first."""
    return case.evidence.filter(pk__in=generated_ids(case)).order_by("-uploaded_at", "-id")


def claim_initial(case: Case, language: str | None = None) -> dict:
    """Every value of the claim form, proposed from the case, the shop, the workspace and the playbook, in
    `language` (by default the counterparty's)."""
    workspace, shop = case.workspace, case.shop
    language = language if language in legal.LANGUAGES else document_language(case)
    theirs = legal.counterparty(case.platform)
    proposal = legal.grounds(case.kind, case.platform, language)
    rows = amount_rows(case, language)
    total = money(sum((r.amount for r in rows), Decimal("0")), case.currency)
    demands = [d for d in proposal.demands if rows or "{total}" not in d] or list(proposal.demands)
    return {
        "language": language,
        "date": moscow_today(),
        "answer_days": legal.answer_days(),
        "our_name": shop.legal_name or workspace.legal_name or workspace.name,
        "our_inn": shop.inn or workspace.inn,
        "our_ogrn": workspace.ogrn,
        "our_address": workspace.legal_address,
        "our_contact": ", ".join(filter(None, [workspace.answer_email or shop.contact_email,
                                               workspace.answer_phone or shop.contact_phone])),
        "signatory_name": workspace.signatory_name,
        "signatory_title": workspace.signatory_title,
        "their_name": theirs.name if theirs else "",
        "their_inn": theirs.inn if theirs else "",
        "their_ogrn": theirs.ogrn if theirs else "",
        "their_address": (theirs.claims_address or theirs.address) if theirs else "",
        "their_contact": theirs.claims_email if theirs else "",
        "offer": theirs.offer if theirs else "",
        "offer_url": theirs.offer_url if theirs else "",
        "offer_clauses": "",
        "facts": "\n".join(facts(case, language)),
        "amounts": "\n".join(f"{r.label} | {r.amount}" for r in rows),
        "articles": [a.code for a in proposal.articles],
        "demands": "\n".join(legal.fill(d, total=total, references=_references(case),
                                        external_number=case.external_number or "—")
                             for d in demands),
        "attachments": "\n".join(source_evidence(case).values_list("original_name", flat=True)),
    }


def counterparty_note(case: Case) -> str:
    theirs = legal.counterparty(case.platform)
    return theirs.claims_note if theirs else ""


# --- the confirmed form → a Claim -----------------------------------------------------------------------

def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


_AMOUNT = re.compile(r"^(?P<label>.*?)\s*[|;\t]\s*(?P<amount>[-+]?[\d\s\u00a0\u202f.,]+)"
                     r"\s*(?:₽|руб\.?|RUB|CNY|¥|\$|€)?$")


def parse_amounts(text: str) -> list[AmountRow]:
    """Rows "what | how much", one per line: «Штраф за маркировку | 15 400,00». Raises ValueError naming the
    line that is not a row."""
    rows = []
    for number, line in enumerate(lines(text), start=1):
        found = _AMOUNT.match(line)
        amount = _decimal(re.sub(r"[\s\u00a0\u202f]", "", found["amount"]).replace(",", ".")) if found else None
        if not found or amount is None or not found["label"].strip():
            raise ValueError(number)
        if amount < 0 or amount >= Decimal("1e12"):
            raise ValueError(number)
        rows.append(AmountRow(found["label"].strip(), amount.quantize(Decimal("0.01"))))
    return rows


def build_claim(case: Case, data: dict) -> Claim:
    """The Claim from the claim form's cleaned data (see reports.documents_forms.ClaimForm)."""
    table = legal.articles()
    return Claim(
        number=case.number, external_number=case.external_number, language=data["language"],
        date=data["date"], answer_days=data["answer_days"],
        ours=Party(name=data["our_name"], inn=data["our_inn"], ogrn=data["our_ogrn"], address=data["our_address"],
                   contact=data["our_contact"], signatory_name=data["signatory_name"],
                   signatory_title=data["signatory_title"]),
        theirs=Party(name=data["their_name"], inn=data["their_inn"], ogrn=data["their_ogrn"],
                     address=data["their_address"], contact=data["their_contact"]),
        offer=data["offer"], offer_url=data["offer_url"], offer_clauses=lines(data["offer_clauses"]),
        facts=lines(data["facts"]), amounts=data["amounts"], currency=case.currency,
        articles=[table[code] for code in data["articles"] if code in table],
        demands=lines(data["demands"]), attachments=lines(data["attachments"]),
    )


# --- actions --------------------------------------------------------------------------------------------

def _store(case: Case, actor: Membership | None, name: str, content: bytes, content_type: str) -> Evidence:
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    try:
        return add_evidence(case, actor, upload)
    except DuplicateEvidence as exc:  # the very same document is already attached
        return exc.existing


def _attach(case: Case, actor: Membership | None, files: list[tuple[str, bytes, str]], note: str,
            details: dict) -> list[Evidence]:
    """Attach generated files and log one history line naming them; all or nothing, files included."""
    stored: list[Evidence] = []
    try:
        with transaction.atomic():
            for name, content, content_type in files:
                stored.append(_store(case, actor, name, content, content_type))
            log_event(case, EventKind.NOTE, actor, text=note,
                      changes={"document": {**details, "evidence": [e.pk for e in stored]}})
    except BaseException:
        for evidence in stored:
            if evidence.file.name and not Evidence.objects.filter(pk=evidence.pk).exists():
                evidence.file.storage.delete(evidence.file.name)
        raise
    return stored


def store_claim(case: Case, actor: Membership | None, claim: Claim) -> list[Evidence]:
    """Render the claim as DOCX and PDF and attach both to the case as evidence."""
    from sellerdesk.reports import documents_docx, documents_pdf  # they import this module for Claim

    if case.status == Status.MERGED:
        raise ActionError(_("This case was merged into another; prepare the claim in the case it was merged into."))
    files = [(f"{claim.file_stem}.docx", documents_docx.claim_docx(claim), DOCX_TYPE),
             (f"{claim.file_stem}.pdf", documents_pdf.claim_pdf(claim), "application/pdf")]
    note = _("Pre-trial claim prepared (DOCX and PDF) for %(total)s; the answer is due by %(due)s.") % {
        "total": claim.money(claim.total), "due": day(claim.answer_due)}
    return _attach(case, actor, files, note, {
        "type": "claim", "date": claim.date.isoformat(), "answer_due": claim.answer_due.isoformat(),
        "total": str(claim.total), "currency": claim.currency, "language": claim.language,
        "articles": [a.code for a in claim.articles],
    })


def store_summary(case: Case, actor: Membership | None, content: bytes) -> Evidence:
    if case.status == Status.MERGED:
        raise ActionError(_("This case was merged into another; make the summary in the case it was merged into."))
    name = _("Case summary %(number)s %(date)s.pdf") % {"number": case.number, "date": f"{moscow_today():%Y-%m-%d}"}
    note = _("Case summary for a lawyer attached (PDF).")
    return _attach(case, actor, [(name, content, "application/pdf")], note, {"type": "summary"})[0]
