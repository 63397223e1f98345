"""The agreements panel and its endpoints: record, ask for confirmation, confirm, close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sellerdesk.cases.choices import EventKind
from sellerdesk.followup import agreements
from sellerdesk.followup.models import Agreement


@pytest.fixture
def agreement(world, case):
    return agreements.record_agreement(case, world.manager, source="phone", counterpart="оператор Мария",
                                       made_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
                                       promise="вернуть 15 400 ₽ штрафа на баланс",
                                       due_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3))


def _url(case, name, pk=None):
    return reverse(name, args=[case.workspace.slug, case.number, *([pk] if pk else [])])


def test_recording_an_agreement_shows_it_with_the_confirmation_draft(world, case, client_for):
    client = client_for(world.manager)
    response = client.post(_url(case, "case_agreement_new"), {
        "source": "phone", "counterpart": "оператор Мария", "made_at": "2026-11-30T11:15",
        "promise": "вернуть 15 400 ₽ штрафа на баланс", "due": "2026-12-04"}, follow=True)
    page = response.content.decode()
    assert "Agreement recorded." in page
    agreement = Agreement.objects.get(case=case)
    assert agreement.made_at == dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)  # typed in Moscow time
    assert agreement.due_at == dt.datetime(2026, 12, 4, 20, 59, tzinfo=dt.UTC)
    assert "Not confirmed in writing" in page
    assert f'id="agreement-draft-{agreement.pk}"' in page and 'data-copy="#agreement-draft-' in page
    assert "Просим подтвердить эту договорённость письменно" in page


def test_a_refused_agreement_comes_back_with_its_errors_for_htmx(world, case, client_for):
    response = client_for(world.manager).post(_url(case, "case_agreement_new"), {
        "source": "phone", "made_at": "2026-11-30T11:15", "promise": "вернуть штраф", "due": "2026-11-01"},
        headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="agreements"' in page and "The promised date is before the agreement was made." in page
    assert "вернуть штраф" in page  # what was typed is kept
    assert not Agreement.objects.exists()


def test_marking_the_request_sent_logs_the_drafted_message(world, agreement, client_for):
    client_for(world.manager).post(_url(agreement.case, "case_agreement_confirm_request", agreement.pk), {})
    agreement.refresh_from_db()
    assert agreement.confirmation_requested_at
    sent = agreement.case.events.get(kind=EventKind.MESSAGE_OUT)
    assert "Просим подтвердить эту договорённость письменно" in sent.text and "48151623" in sent.text


def test_confirming_and_closing(world, agreement, client_for):
    client = client_for(world.manager)
    client.post(_url(agreement.case, "case_agreement_confirm", agreement.pk),
                {"ticket_number": "T-90017", "text": "Подтверждаем возврат до 04.12."})
    agreement.refresh_from_db()
    assert agreement.confirmed_at and agreement.ticket_number == "T-90017"
    page = client.get(_url(agreement.case, "case_detail")).content.decode()
    assert "Confirmed in writing" in page and "T-90017" in page
    client.post(_url(agreement.case, "case_agreement_close", agreement.pk), {"outcome": "fulfilled", "note": ""})
    agreement.refresh_from_db()
    assert agreement.fulfilled_at and agreement.next_alert_at is None
    response = client.post(_url(agreement.case, "case_agreement_close", agreement.pk),
                           {"outcome": "broken"}, follow=True)
    assert "This agreement is already closed." in response.content.decode()
    assert agreement.case.agreements.get().broken_at is None


def test_an_agreement_of_another_case_or_workspace_is_404(world, agreement, make_case, client_for):
    other_case = make_case()
    client = client_for(world.manager)
    assert client.post(_url(other_case, "case_agreement_close", agreement.pk), {"outcome": "broken"}).status_code == 404
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    foreign = agreements.record_agreement(theirs, world.outsider, source="chat", made_at=dt.datetime.now(dt.UTC),
                                          promise="пересчитать", due_at=None)
    url = reverse("case_agreement_close", args=[world.workspace.slug, agreement.case.number, foreign.pk])
    assert client.post(url, {"outcome": "broken"}).status_code == 404
    url = reverse("case_agreement_close", args=[world.other_workspace.slug, theirs.number, foreign.pk])
    assert client.post(url, {"outcome": "broken"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.broken_at is None


def test_a_viewer_sees_the_agreements_but_no_actions(world, agreement, client_for):
    client = client_for(world.viewer)
    page = client.get(_url(agreement.case, "case_detail")).content.decode()
    assert "вернуть 15 400 ₽ штрафа на баланс" in page and "Record an agreement" not in page
    assert client.post(_url(agreement.case, "case_agreement_close", agreement.pk),
                       {"outcome": "broken"}).status_code == 403
