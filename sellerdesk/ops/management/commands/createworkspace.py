"""`sellerdesk createworkspace`: open a workspace and its owner from a script or a fresh install."""

from __future__ import annotations

import secrets
import sys

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from sellerdesk.accounts.actions import create_workspace
from sellerdesk.accounts.models import Workspace
from sellerdesk.cases.actions import ActionError


def _check(model, field: str, value: str) -> None:
    """Run a model field's own validators, so the command accepts exactly what the pages accept."""
    try:
        model._meta.get_field(field).clean(value, None)
    except ValidationError as exc:
        raise CommandError(f"{field}: {' '.join(exc.messages)}") from None


class Command(BaseCommand):
    help = "Create a workspace with an owner; the owner's user is created if missing."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the workspace's name, e.g. the seller's business")
        parser.add_argument("--slug", required=True, help="the address: /w/SLUG/")
        parser.add_argument("--owner", required=True, metavar="USERNAME",
                            help="the owner's username; created if there is no such user")
        parser.add_argument("--email", default="", help="e-mail of a new owner")
        parser.add_argument("--password-stdin", action="store_true",
                            help="read a new owner's password from the first line of stdin "
                                 "instead of generating one")

    def handle(self, *args, name: str, slug: str, owner: str, email: str, password_stdin: bool,
               **options) -> None:
        _check(Workspace, "name", name.strip())
        _check(Workspace, "slug", slug)
        with transaction.atomic():
            user = User.objects.filter(username=owner).first()
            password = None
            if user is None:
                password = self._read_password(options.get("stdin") or sys.stdin) if password_stdin else None
                user, password = self._create_user(owner, email, password)
            elif email or password_stdin:
                raise CommandError(_(
                    "User “%(user)s” already exists; --email and --password-stdin only apply to a new user. "
                    "Leave them out to make %(user)s the owner."
                ) % {"user": owner})
            try:
                workspace = create_workspace(name, slug, user)
            except ActionError as exc:
                raise CommandError(exc.message) from None
        self.stdout.write(_("Workspace “%(name)s” created at /w/%(slug)s/ with owner %(user)s.") % {
            "name": workspace.name, "slug": workspace.slug, "user": user.username})
        if password:
            self.stdout.write(_("Password of %(user)s (shown once; change it after logging in): %(password)s")
                              % {"user": user.username, "password": password})

    def _read_password(self, stream) -> str:
        password = stream.readline().rstrip("\r\n")
        if not password:
            raise CommandError(_("No password on standard input."))
        return password

    def _create_user(self, username: str, email: str, password: str | None) -> tuple[User, str | None]:
        """Create the owner; a generated password is returned so it can be shown, a given one is not."""
        _check(User, "username", username)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(_("“%(email)s” is not a valid e-mail address.") % {"email": email}) from None
        given = password is not None
        password = password if given else secrets.token_urlsafe(12)
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        user = User.objects.create_user(username, email, password)
        return user, None if given else password
