"""The reply panel on the case page and the endpoint it posts to (paste or upload)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case, CaseEvent
from tests.followup.test_replies_eml import _eml
from tests.followup.test_replies_samples import WB_ASKS_PHOTOS, WB_BRUSH_OFF, WB_PROMISE


def _url(case, name="case_reply"):
    return reverse(name, args=[case.workspace.slug, case.number])


def test_a_pasted_brush_off_shows_its_verdict_on_the_case_page(world, case, client_for):
    client = client_for(world.manager)
    response = client.post(_url(case), {"text": WB_BRUSH_OFF}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The reply is in the history, with its assessment." in page
    assert "A templated brush-off" in page
    assert "What it did not address" in page
    case.refresh_from_db()
    assert case.status == Status.ANSWERED


def test_a_reply_asking_for_something_lists_it_as_a_checklist(world, case, client_for):
    client = client_for(world.manager)
    client.post(_url(case), {"text": WB_ASKS_PHOTOS})
    page = client.get(_url(case, "case_detail")).content.decode()
    assert "They ask us for" in page
    checklist = page[page.index("They ask us for"):]
    assert '<li class="missing">☐ ' in checklist and "фотографии коробов с этикетками" in checklist


def test_a_promise_in_a_reply_is_shown_with_its_date_and_tracked_as_an_agreement(world, case, client_for):
    client = client_for(world.manager)
    client.post(_url(case), {"text": WB_PROMISE, "occurred_at": "2026-11-27T12:30"})
    page = client.get(_url(case, "case_detail")).content.decode()
    assert "They promised" in page and "by 02.12.2026" in page
    agreements = page[page.index('id="agreements"'):]
    assert "в течение 3 рабочих дней" in agreements and "02.12.2026 23:59" in agreements
    assert "Support&#x27;s written reply" in agreements
    assert "Ask for a written confirmation" not in agreements  # it is in writing already


def test_htmx_gets_a_redirect_when_saved(world, case, client_for):
    response = client_for(world.manager).post(_url(case), {"text": WB_BRUSH_OFF}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == _url(case, "case_detail")


def test_an_uploaded_eml_becomes_the_reply_dated_by_its_header(world, case, client_for):
    upload = SimpleUploadedFile("ответ.eml", _eml(plain=WB_BRUSH_OFF + "\n\n-----Original Message-----\nстарое"),
                                content_type="message/rfc822")
    client_for(world.manager).post(_url(case), {"file": upload})
    event = case.events.get(kind=EventKind.MESSAGE_IN)
    assert event.text == WB_BRUSH_OFF.strip()
    assert event.changes["source"] == "eml"
    assert event.channel == "email"
    assert event.occurred_at.isoformat() == "2026-11-27T09:30:00+00:00"


def test_a_broken_file_leaves_the_case_untouched_and_keeps_the_form(world, case, client_for):
    before = (case.version, case.status, CaseEvent.objects.count())
    upload = SimpleUploadedFile("ответ.txt", b"\x00\x01\x02binary\x00" * 50)
    response = client_for(world.manager).post(_url(case), {"file": upload}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "The file is not a text" in response.content.decode()
    case = Case.objects.get(pk=case.pk)
    assert (case.version, case.status, CaseEvent.objects.count()) == before


def test_without_htmx_a_refusal_is_a_message_on_the_case_page(world, case, client_for):
    response = client_for(world.manager).post(_url(case), {"text": "", "file": ""}, follow=True)
    assert "Paste the reply or upload a file (one of the two)." in response.content.decode()


def test_a_viewer_may_read_the_assessment_but_not_add_a_reply(world, case, client_for):
    client_for(world.manager).post(_url(case), {"text": WB_BRUSH_OFF})
    viewer = client_for(world.viewer)
    page = viewer.get(_url(case, "case_detail")).content.decode()
    assert "A templated brush-off" in page and "Add support's reply" not in page
    assert viewer.post(_url(case), {"text": WB_ASKS_PHOTOS}).status_code == 403


def test_another_workspaces_case_is_404(world, make_case, client_for):
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    url = reverse("case_reply", args=[world.workspace.slug, theirs.number])
    assert client_for(world.owner).post(url, {"text": WB_BRUSH_OFF}).status_code == 404
    url = reverse("case_reply", args=[world.other_workspace.slug, theirs.number])
    assert client_for(world.owner).post(url, {"text": WB_BRUSH_OFF}).status_code == 404
    assert not theirs.events.filter(kind=EventKind.MESSAGE_IN).exists()
