"""Realistic appeals for the lint tests: one good appeal per kind used, and a helper to list finding codes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sellerdesk.analysis.lint import lint

PENALTY_SUBJECT = "Оспаривание штрафа по поставке № 24815162 от 12.03.2026"
PENALTY_BODY = """Здравствуйте!

Пишет ИП Соколова А. В. (магазин «Северная нить», ИНН 526317984689), контакт для ответа: ops@severnit.ru.

Суть: по поставке № 24815162 от 12.03.2026 удержан штраф 7 500 ₽ за «несоответствие количества», хотя все 10 коробов \
приняты складом Коледино без замечаний.

Что мы сделали: 12.03.2026 в 09:40 МСК сдали поставку по описи на 10 коробов. Что получили: 16.03.2026 в отчёте \
появился штраф 7 500 ₽. Что ожидали: поставку без штрафа, так как акт приёмки подписан без расхождений.

Прилагаем файлы: акт_приемки_24815162.pdf, опись_коробов.xlsx.

Просим отменить штраф и вернуть 7 500 ₽ в ближайшем отчёте.

Спасибо! С уважением, Анна Соколова"""
PENALTY_FILES = ["акт_приемки_24815162.pdf", "опись_коробов.xlsx"]

FINANCE_SUBJECT = "Расхождение в отчёте № 284716539 за период 03.03.2026–09.03.2026"
FINANCE_BODY = """Добрый день!

Магазин «Домашний уют», ООО «Уют-Трейд», ИНН 7727563778.

По еженедельному отчёту о реализации № 284716539 за период с 03.03.2026 по 09.03.2026 логистика начислена на сумму \
48 210,00 ₽. По нашему расчёту по тарифам склада Электросталь она должна составить 39 870,00 ₽, разница 8 340,00 ₽.

Прилагаем: выгрузка_отчета_284716539.xlsx и наш_расчет_логистики.xlsx.

Просим пересчитать логистику за указанный период и вернуть разницу 8 340 ₽.

Заранее спасибо, финансовый отдел «Домашнего уюта»."""
FINANCE_FILES = ["выгрузка_отчета_284716539.xlsx", "наш_расчет_логистики.xlsx"]

VENDOR_SUBJECT = "Ozon 订单同步失败：订单 48127735 起（2026年3月12日）"
VENDOR_BODY = """您好！

我们是店铺「北极星家居」，ERP 账户 ID 558213。

问题概述：自2026年3月12日 09:30（莫斯科时间）起，Ozon 店铺的新订单不再同步到 ERP。最后一个成功同步的订单是 48127735。

复现步骤：1. 打开「订单管理」；2. 点击「手动同步」；3. 提示「同步失败，错误代码 E1027」。

附件：同步报错截图.png。

请修复订单同步，并告知故障原因。

感谢您的帮助！"""
VENDOR_FILES = ["同步报错截图.png"]


@dataclass
class FakeClassification:
    kind: str
    confidence: float
    alternatives: list = field(default_factory=list)
    topic: object = None


@dataclass
class FakeProblem:
    kind: str
    spans: list
    references: list = field(default_factory=list)


def run(subject: str = PENALTY_SUBJECT, body: str = PENALTY_BODY, *, platform: str = "wb",
        kind: str | None = "logistics", evidence=PENALTY_FILES, **kwargs):
    kwargs.setdefault("problems", [])
    return lint(subject, body, platform=platform, kind=kind, evidence=evidence, **kwargs)


def codes(*args, **kwargs) -> set[str]:
    return {f.code for f in run(*args, **kwargs).findings}


def finding(code: str, *args, **kwargs):
    return next(f for f in run(*args, **kwargs).findings if f.code == code)
