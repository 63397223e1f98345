from urllib.parse import quote

from django.contrib.messages import get_messages

from sellerdesk.cases.choices import EventKind
from sellerdesk.cases.evidence import add_evidence
from sellerdesk.cases.models import Evidence
from tests import evidence_samples as samples


def _download(case, item, slug="sokolova"):
    return f"/w/{slug}/cases/{case.number}/evidence/{item.pk}/"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_viewer_downloads_an_attachment(world, make_case, client_for):
    case = make_case()
    content = samples.xlsx()
    item = add_evidence(case, world.owner, samples.upload("Удержания_март.xlsx", content))
    response = client_for(world.viewer).get(_download(case, item))
    assert response.status_code == 200
    assert _body(response) == content
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('Удержания_март.xlsx')}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_quote_in_the_name_cannot_break_the_header(world, make_case, client_for):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload('act "final"; x=.pdf', samples.pdf()))
    response = client_for(world.manager).get(_download(case, item))
    assert response["Content-Disposition"] == 'attachment; filename="act \\"final\\"; x=.pdf"'


def test_a_text_file_is_not_shown_inline(world, make_case, client_for):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("заказы.csv", samples.csv_cp1251()))
    response = client_for(world.viewer).get(_download(case, item))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("text/csv")


def test_another_workspace_gets_404(world, make_case, client_for):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    outsider = client_for(world.outsider)
    assert outsider.get(_download(case, item)).status_code == 404
    # Through their own workspace and case: the file is not on that case.
    assert outsider.get(_download(theirs, item, slug="romashka")).status_code == 404
    assert outsider.post(_download(theirs, item, slug="romashka") + "delete/").status_code == 404
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_a_file_is_only_reachable_through_its_own_case(world, make_case, client_for):
    case, other = make_case(), make_case()
    item = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    assert client_for(world.owner).get(_download(other, item)).status_code == 404


def test_a_missing_file_is_a_404(world, make_case, client_for, settings):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    (settings.MEDIA_ROOT / item.file.name).unlink()
    assert client_for(world.owner).get(_download(case, item)).status_code == 404


def test_a_viewer_cannot_delete(world, make_case, client_for, settings):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    assert client_for(world.viewer).post(_download(case, item) + "delete/").status_code == 403
    assert Evidence.objects.filter(pk=item.pk).exists()
    assert (settings.MEDIA_ROOT / item.file.name).is_file()


def test_an_editor_deletes_and_the_file_goes_on_commit(world, make_case, client_for, settings,
                                                       django_capture_on_commit_callbacks):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("фото_брака.png", samples.png()))
    path = settings.MEDIA_ROOT / item.file.name
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(world.accountant).post(_download(case, item) + "delete/")
        assert path.is_file()  # not before the commit
    assert len(callbacks) == 1
    assert response.status_code == 302 and response["Location"] == f"/w/sokolova/cases/{case.number}/"
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    assert not Evidence.objects.exists() and not path.exists()
    event = case.events.get(kind=EventKind.EVIDENCE_REMOVED)
    assert event.actor == world.accountant
    assert event.changes["name"] == "фото_брака.png" and event.changes["sha256"] == item.sha256


def test_delete_is_post_only(world, make_case, client_for):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    assert client_for(world.owner).get(_download(case, item) + "delete/").status_code == 405
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_htmx_delete_returns_the_list(world, make_case, client_for):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    keep = add_evidence(case, world.owner, samples.upload("发票.pdf", samples.pdf("发票 2026-03")))
    response = client_for(world.manager).post(_download(case, item) + "delete/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="evidence-files"' in html
    assert _download(case, keep) in html and _download(case, item) not in html
