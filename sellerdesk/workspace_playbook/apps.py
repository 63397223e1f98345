from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspacePlaybookConfig(AppConfig):
    name = "sellerdesk.workspace_playbook"
    verbose_name = _("Playbook")
