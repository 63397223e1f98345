"""The REST API: the same actions as the pages, for scripts and other programs.

A token belongs to one member of one workspace, so paths carry no workspace. Errors have one
shape, {"detail": message, "field": name or null}: 400 a refused action, 401 no valid token,
403 the role does not allow it, 404 not in this workspace, 409 a stale `version`; malformed
input is ninja's 422 with a list of problems.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from sellerdesk.api.analysis import router as analysis_router
from sellerdesk.api.auth import TokenAuth
from sellerdesk.api.cases import router as cases_router
from sellerdesk.api.evidence import router as evidence_router
from sellerdesk.api.followup import analysis_router as reply_router
from sellerdesk.api.followup import cases_router as followup_router
from sellerdesk.api.followup import review_router
from sellerdesk.api.members import router as members_router
from sellerdesk.api.shops import router as shops_router
from sellerdesk.cases.actions import ActionError, StaleVersion

api = NinjaAPI(
    title="SellerDesk API",
    version="1",
    urls_namespace="api",
    auth=TokenAuth(),
    description=(
        "Send a member's token as `Authorization: Bearer sd_…` (tokens are made on the *API tokens* "
        "page of a workspace). Money is a decimal string, times are ISO 8601 in UTC."
    ),
)
api.add_router("/cases", cases_router)
api.add_router("/cases", evidence_router)
api.add_router("/shops", shops_router)
api.add_router("/cases", followup_router)
api.add_router("/analysis", analysis_router)
api.add_router("/analysis", reply_router)
api.add_router("/review", review_router)
api.add_router("", members_router)


def _error(request: HttpRequest, status: int, detail: str, field: str | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


@api.exception_handler(ActionError)
def _refused(request, exc: ActionError):
    return _error(request, 400, exc.message, exc.field)


@api.exception_handler(StaleVersion)
def _stale(request, exc: StaleVersion):
    return _error(request, 409, exc.message, exc.field)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return _error(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    return _error(request, 403, _("Your role in this workspace does not allow this."))


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc: AuthenticationError):
    response = _error(request, 401, _("A valid API token is required: Authorization: Bearer sd_…"))
    response["WWW-Authenticate"] = "Bearer"
    return response
