"""Identifiers, dates, amounts and personal data found in a seller's text, each with its span.

CONTRACT (implemented by the language work package; other packages rely on exactly this):

    @dataclass(frozen=True)
    class Entity:
        kind: str      # one of KINDS
        value: str     # normal form (see KINDS)
        start: int     # span in the text given to extract()
        end: int
        data: tuple = ()   # extra parsed parts as ((key, value), ...); e.g. (("amount", Decimal), ("currency", "RUB"))

    def extract(text: str, *, now: datetime | None = None) -> list[Entity]
        Sorted by start; overlapping matches resolved (the more specific wins). Never raises,
        linear time on 100 KB of any text. `now` (aware, default: timezone.now in Moscow) resolves
        "вчера", "yesterday", "昨天".
"""

from __future__ import annotations

# kind -> what `value` holds
KINDS = {
    "order": "order number, digits (WB/Ozon/YM orders; 8–14 digits next to a word for order)",
    "supply": "supply number (WB: digits or WB-GI-…)",
    "shipment": "shipment / FBS batch number",
    "posting": "Ozon posting number like 12345678-0001-1",
    "nmid": "WB nmID (article WB), digits",
    "sku": "Ozon/YM SKU, digits",
    "article": "seller article (vendorCode / offer_id), as written",
    "srid": "WB srid (long hex-ish id)",
    "claim": "claim / appeal / ticket number",
    "report": "report number (realisation report id)",
    "period": "ISO interval 2023-10-01/2023-10-31",
    "date": "ISO date 2023-10-15",
    "datetime": "ISO local Moscow time 2023-10-15T14:30",
    "money": "'1500.00 RUB' (data: amount Decimal, currency)",
    "percent": "'15' or '2.5' (data: value Decimal)",
    "inn": "10 or 12 digits with valid check digits",
    "phone": "+79161234567 (E.164)",
    "email": "lower-case address",
    "url": "the link as written",
    "handle": "@name or messenger id (telegram/whatsapp/wechat)",
    "card": "bank card number (Luhn-valid), masked in value",
    "passport": "passport series and number",
    "address": "a street address",
    "person": "a person's full name next to a word like покупатель/buyer/买家",
}
