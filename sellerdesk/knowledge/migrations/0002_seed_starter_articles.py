"""Give every existing workspace the shipped knowledge-base articles (new ones get them on creation)."""

from django.db import migrations


def seed(apps, schema_editor):
    from sellerdesk.knowledge.actions import starter_rows

    Article = apps.get_model("knowledge", "Article")
    Workspace = apps.get_model("accounts", "Workspace")
    for workspace_id in Workspace.objects.values_list("id", flat=True):
        existing = set(Article.objects.filter(workspace_id=workspace_id).values_list("slug", flat=True))
        Article.objects.bulk_create(starter_rows(Article, workspace_id, existing), ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
