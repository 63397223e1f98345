"""Walk every page of the product as an outsider, as anonymous and in each role.

The list of URLs comes from the URL configuration itself, so a new page is checked the day it is
added; a route this test cannot fill in fails it until someone says how to reach that page.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from sellerdesk.accounts.models import Invite
from sellerdesk.accounts.roles import PERMISSIONS
from sellerdesk.api.models import ApiToken
from sellerdesk.cases.models import Evidence
from sellerdesk.followup.agreements import record_agreement
from sellerdesk.knowledge.actions import create_article
from sellerdesk.notifications.api import notify

# Which permission a POST to a workspace page needs, by URL name. None: any member may.
POST_NEEDS = {
    "journal": None, "journal_export": None, "api_tokens": None, "api_token_revoke": None,
    "case_new": "change_cases", "case_edit": "change_cases", "case_status": "change_cases",
    "appeal_new": "change_cases", "case_appeal": "change_cases", "case_appeal_check": "change_cases",
    "knowledge": None, "knowledge_article": None, "knowledge_suggest": None, "knowledge_new": "change_cases",
    "knowledge_edit": "change_cases", "knowledge_delete": "change_cases",
    "playbook": None, "playbook_platform": None, "playbook_edit": "edit_playbook", "playbook_reset": "edit_playbook",
    "case_event": "change_cases", "case_merge": "change_cases", "evidence_upload": "change_cases",
    "evidence_delete": "change_cases", "evidence_download": None, "case_detail": None,
    "journal_import": "import_cases", "shops": "manage_shops", "shop_new": "manage_shops",
    "shop_edit": "manage_shops", "members": "manage_members", "member_role": "manage_members",
    "member_remove": "manage_members", "invite_revoke": "manage_members", "case_escalate": "change_cases",
    "case_claim": "change_cases", "case_summary_pdf": "change_cases", "workspace_legal": "manage_members",
    "notifications": None, "notification_open": None, "notifications_read_all": None,
    "notification_settings": None, "notification_test": None,
    "case_reply": "change_cases", "case_agreement_new": "change_cases",
    "case_agreement_confirm_request": "change_cases",
    "case_agreement_confirm": "change_cases", "case_agreement_close": "change_cases",
    "review": None, "review_pdf": None, "review_xlsx": None, "review_schedule": "manage_members",
}
# GET-only pages that everyone in the workspace may open; the rest need POST_NEEDS for GET too.
GET_NEEDS = {"case_new": "change_cases", "case_edit": "change_cases", "appeal_new": "change_cases",
             "playbook_edit": "edit_playbook", "knowledge_new": "change_cases", "knowledge_edit": "change_cases",
             "knowledge_delete": "change_cases",
             "case_appeal": "change_cases", "journal_import": "import_cases",
             "case_claim": "change_cases", "workspace_legal": "manage_members",
             "shop_new": "manage_shops", "shop_edit": "manage_shops", "review_schedule": "manage_members"}
POST_ONLY = {"case_appeal_check", "playbook_reset", "case_status", "case_event", "case_merge", "evidence_upload",
             "case_escalate",
             "evidence_delete", "member_role", "member_remove", "invite_revoke", "api_token_revoke",
             "notifications_read_all", "notification_test", "case_reply", "case_agreement_new",
             "case_agreement_confirm_request", "case_agreement_confirm", "case_agreement_close"}


def _routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), entry.name


WORKSPACE_ROUTES = sorted({(route, name) for route, name in _routes() if route.startswith("w/<slug:slug>/")})


@pytest.fixture
def objects(world, make_case):
    case = make_case()
    evidence = Evidence.objects.create(
        workspace=world.workspace, case=case, original_name="акт.pdf", sha256="0" * 64, size=9,
        content_type="application/pdf", file=ContentFile(b"%PDF-1.4\n", name="act.pdf"))
    invite = Invite.objects.create(workspace=world.workspace, role="manager", created_by=world.owner)
    token, _raw = ApiToken.issue(world.viewer, "script")
    agreement = record_agreement(case, world.owner, source="phone", made_at=case.created_at, promise="Вернуть штраф",
                                 due_at=None)
    notification = notify(world.viewer, key="walk", kind="reminder", title="Срок ответа истёк", case=case)
    article = create_article(world.workspace, world.owner, slug="lost-goods", title="Пропал товар на складе",
                             kind="logistics", language="ru", body="Что проверить и как подать обращение.")
    return {"number": case.number, "evidence": evidence.pk, "invite": invite.pk, "shop": world.shop.pk,
            "member": world.logistician.pk, "token": token.pk,
            "article": article.slug, "notification": notification.pk, "agreement": agreement.pk}


def _fill(route: str, name: str, world, objects) -> str:
    pk = {"evidence_download": objects["evidence"], "evidence_delete": objects["evidence"],
          "invite_revoke": objects["invite"], "shop_edit": objects["shop"], "member_role": objects["member"],
          "member_remove": objects["member"], "api_token_revoke": objects["token"],
          "notification_open": objects["notification"],
          **dict.fromkeys(("case_agreement_confirm_request", "case_agreement_confirm", "case_agreement_close"),
                          objects["agreement"])}.get(name)
    values = {"slug": world.workspace.slug, "number": objects["number"], "fmt": "csv", "pk": pk,
              "token_id": objects["token"], "code": "wb",
              "article": objects["article"]}

    def value(match):
        key = match.group(2)
        assert values.get(key) is not None, f"test_access_walk cannot fill <{key}> in {route} ({name})"
        return str(values[key])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def test_every_workspace_page_is_known_to_this_test():
    unknown = {name for _route, name in WORKSPACE_ROUTES} - set(POST_NEEDS)
    assert not unknown, f"add these pages to POST_NEEDS: {unknown}"


def test_an_outsider_gets_404_everywhere(world, objects, client_for):
    client = client_for(world.outsider)
    for route, name in WORKSPACE_ROUTES:
        url = _fill(route, name, world, objects)
        codes = {client.get(url).status_code, client.post(url, {"status": "ready", "role": "owner"}).status_code}
        assert codes <= {404, 405} and 404 in codes, (url, codes)


def test_anonymous_is_sent_to_sign_in(world, objects):
    client = Client()
    for route, name in WORKSPACE_ROUTES:
        url = _fill(route, name, world, objects)
        response = client.post(url) if name in POST_ONLY else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


@pytest.mark.parametrize("role", ["viewer", "accountant", "logistician", "manager"])
def test_each_role_is_refused_what_it_may_not_do(role, world, objects, client_for):
    member = world.member(role)
    client = client_for(member)
    for route, name in WORKSPACE_ROUTES:
        url = _fill(route, name, world, objects)
        need = POST_NEEDS[name]
        if need and member.role not in PERMISSIONS[need]:
            assert client.post(url, {}).status_code == 403, (role, url)
        get_need = GET_NEEDS.get(name)
        if name not in POST_ONLY and get_need and member.role not in PERMISSIONS[get_need]:
            assert client.get(url).status_code == 403, (role, url)


def test_a_viewer_changes_nothing(world, objects, client_for):
    from sellerdesk.cases.models import Case, CaseEvent

    before = (Case.objects.count(), CaseEvent.objects.count(), Evidence.objects.count(), User.objects.count())
    client = client_for(world.viewer)
    for route, name in WORKSPACE_ROUTES:
        if POST_NEEDS[name] is not None:
            client.post(_fill(route, name, world, objects), {"status": "ready", "text": "x", "subject": "x"})
    after = (Case.objects.count(), CaseEvent.objects.count(), Evidence.objects.count(), User.objects.count())
    assert before == after
    assert Case.objects.get(number=objects["number"], workspace=world.workspace).status == "draft"


# --- the REST API, walked from its own OpenAPI document ---------------------------------------------

def _api_routes():
    from sellerdesk.api.api import api

    for path, methods in api.get_openapi_schema()["paths"].items():
        for method in methods:
            yield path, method.upper()


def _api_url(path: str, objects) -> str:
    values = {"number": objects["number"], "evidence_id": objects["evidence"], "shop_id": objects["shop"],
              "id": objects["evidence"] if "/evidence/" in path else objects["shop"]}

    def value(match):
        key = match.group(1)
        assert key in values, f"test_access_walk cannot fill {{{key}}} in {path}"
        return str(values[key])

    return re.sub(r"\{(\w+)\}", value, path)


def _call(api, method: str, url: str):
    client = api.client
    if method == "GET":
        return client.get(url)
    if method == "POST" and url.endswith("/evidence"):
        return client.post(url, {"file": SimpleUploadedFile("накладная.txt", "Накладная №17".encode())})
    body = ({"kind": "note", "text": "Проверка доступа"} if url.endswith("/events")
            else {"status": "ready", "version": 1} if url.endswith("/status")
            else {"text": "Здравствуйте! Обращение передано специалистам."} if url.endswith("/replies")
            else {"level": 1, "text": "Есть ли новости по обращению?", "version": 1} if url.endswith("/escalate")
            else {"version": 1} if url.startswith("/api/cases/") else {"name": "Проверка"})
    return getattr(client, method.lower())(url, body, content_type="application/json")


def test_the_api_hides_every_object_from_an_outsider(world, objects):
    from tests.api_client import api_for

    outsider = api_for(world.outsider)
    for path, method in _api_routes():
        if "{" not in path:
            continue
        response = _call(outsider, method, _api_url(path, objects))
        assert response.status_code == 404, (method, path, response.status_code)


# POST endpoints that save nothing: any member may use them.
READING_POSTS = {"/api/analysis/appeal", "/api/analysis/reply"}


def test_the_api_lets_a_viewer_change_nothing(world, objects):
    from sellerdesk.cases.models import Case, CaseEvent
    from tests.api_client import api_for

    viewer = api_for(world.viewer)
    before = (Case.objects.count(), CaseEvent.objects.count(), Evidence.objects.count())
    for path, method in _api_routes():
        response = _call(viewer, method, _api_url(path, objects))
        if method != "GET" and path not in READING_POSTS:
            assert response.status_code in (403, 422), (method, path, response.status_code)
    assert before == (Case.objects.count(), CaseEvent.objects.count(), Evidence.objects.count())


def test_the_api_lists_only_the_members_own_workspace(world, objects, make_case):
    from tests.api_client import api_for

    make_case(workspace=world.other_workspace, actor=world.outsider, subject="Чужое обращение", entities=[])
    for path, method in _api_routes():
        if method == "GET" and "{" not in path:
            body = api_for(world.outsider).get(path).content.decode()
            assert "24815162" not in body and "Sokolova Home" not in body, path


def test_a_missing_page_is_explained_in_the_interface(world, client_for):
    response = client_for(world.outsider).get(f"/w/{world.workspace.slug}/")
    assert response.status_code == 404
    assert "not a member" in response.text and "SellerDesk" in response.text


def test_a_refused_action_says_why(world, client_for):
    response = client_for(world.viewer).get(f"/w/{world.workspace.slug}/cases/new/")
    assert response.status_code == 403 and "Ask an owner" in response.text
