from decimal import Decimal

from sellerdesk.cases.choices import EventKind
from tests.conftest import GOOD_APPEAL


def _url(world, case, tail=""):
    return f"/w/{world.workspace.slug}/cases/{case.number}/{tail}"


def test_it_shows_fields_timeline_and_escapes(world, client_for, make_case):
    case = make_case(body="<script>alert(1)</script>\nПо отчёту 123 удержано 4 500,00 ₽",
                     money_at_risk=Decimal("4500"), responsible=world.accountant)
    response = client_for(world.viewer).get(_url(world, case))
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "Вера" in response.text
    assert "24815162" in response.text
    assert "Change status" not in response.text and "Сменить статус" not in response.text


def test_it_moves_a_case_through_statuses(world, client_for, make_case):
    case = make_case(body=GOOD_APPEAL)
    client = client_for(world.manager)
    client.post(_url(world, case, "status/"), {"status": "ready", "version": case.version})
    case.refresh_from_db()
    assert case.status == "ready"
    response = client.post(_url(world, case, "status/"), {"status": "submitted", "version": case.version},
                           follow=True)
    case.refresh_from_db()
    assert case.status == "ready"
    assert any("external number" in str(m).lower() for m in response.context["messages"])
    client.post(_url(world, case, "status/"), {"status": "submitted", "version": case.version,
                                              "external_number": "3012875543"})
    case.refresh_from_db()
    assert case.status == "submitted" and case.external_number == "3012875543"


def test_it_adds_messages_and_notes(world, client_for, make_case):
    case = make_case()
    client_for(world.logistician).post(_url(world, case, "events/"), {
        "kind": "message_in", "channel": "ticket",
        "text": "Здравствуйте! Ваше обращение передано профильным специалистам.",
    })
    event = case.events.latest("id")
    assert event.kind == EventKind.MESSAGE_IN and event.actor == world.logistician


def test_second_editor_is_refused_not_overwritten(world, client_for, make_case):
    case = make_case(subject="Исходная тема")
    form = {"subject": "", "shop": world.shop.pk, "kind": "finance", "channel": "ticket", "priority": "normal",
            "currency": "RUB", "money_at_risk": "0", "money_recovered": "0", "version": case.version}
    first, second = client_for(world.owner), client_for(world.manager)
    ok = first.post(_url(world, case, "edit/"), {**form, "subject": "Тема от Анны"})
    assert ok.status_code == 302
    refused = second.post(_url(world, case, "edit/"), {**form, "subject": "Тема от Бориса"})
    assert refused.status_code == 200
    assert "reload the page" in refused.text or "обновите страницу" in refused.text
    case.refresh_from_db()
    assert case.subject == "Тема от Анны"


def test_it_creates_a_case_with_references_in_russian_words(world, client_for):
    response = client_for(world.manager).post(f"/w/{world.workspace.slug}/cases/new/form/", {
        "subject": "Не принята поставка 24815162 на склад Коледино", "shop": world.shop.pk,
        "kind": "logistics", "channel": "ticket", "priority": "normal", "currency": "RUB",
        "money_at_risk": "12500.00", "money_recovered": "0",
        "entities": "поставка 24815162\nзаказ: 4420175839\nposting 87654321-0012-1",
    })
    assert response.status_code == 302
    case = world.workspace.cases.get()
    assert sorted(case.entities.values_list("kind", "value")) == [
        ("order", "4420175839"), ("posting", "87654321-0012-1"), ("supply", "24815162")]
    assert case.money_at_risk == Decimal("12500.00")


def test_it_rejects_unreadable_references(world, client_for):
    response = client_for(world.manager).post(f"/w/{world.workspace.slug}/cases/new/form/", {
        "subject": "Тема", "shop": world.shop.pk, "kind": "other", "channel": "ticket", "priority": "normal",
        "currency": "RUB", "money_at_risk": "0", "money_recovered": "0", "entities": "что-то непонятное",
    })
    assert response.status_code == 200 and not world.workspace.cases.exists()


def test_merging_moves_history_to_the_original(world, client_for, make_case):
    original, duplicate = make_case(), make_case(entities=[("order", "111")])
    client_for(world.manager).post(_url(world, duplicate, "merge/"), {
        "original": original.number, "reason": "Та же поставка"})
    duplicate.refresh_from_db()
    assert duplicate.status == "merged" and duplicate.merged_into == original
    assert original.events.filter(kind="merged").exists()
    assert original.entities.filter(value="111").exists()


def test_merged_evidence_moves_into_the_originals_folder(world, make_case, settings,
                                                         django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sellerdesk.cases.actions import merge_case
    from sellerdesk.cases.evidence import add_evidence

    original, duplicate = make_case(), make_case()
    add_evidence(duplicate, world.owner, SimpleUploadedFile("акт.txt", "Акт расхождений №5".encode()))
    same = "Накладная 17".encode()
    add_evidence(duplicate, world.owner, SimpleUploadedFile("накладная.txt", same))
    add_evidence(original, world.owner, SimpleUploadedFile("накладная-копия.txt", same))
    with django_capture_on_commit_callbacks(execute=True):
        merge_case(duplicate, original, world.owner, "Та же поставка")
    files = sorted(e.file.name.split("/")[0] for e in original.evidence.all())
    assert files == [original.number, original.number]
    left_behind = settings.MEDIA_ROOT / duplicate.number
    assert not left_behind.exists() or not any(left_behind.iterdir())
    assert all(e.file.storage.exists(e.file.name) for e in original.evidence.all())


def test_chinese_reference_words_are_understood():
    from sellerdesk.cases.forms import parse_entities

    assert parse_entities("货件 87654321-0012-1\n订单 4420175839\n商家货号 TX-204") == [
        ("posting", "87654321-0012-1"), ("order", "4420175839"), ("article", "TX-204")]
