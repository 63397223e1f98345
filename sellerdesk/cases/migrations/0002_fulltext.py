"""Full-text index over Case.search_text: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

from sellerdesk.cases.migrations import _fulltext_triggers

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE cases_case_fts USING fts5(
        search_text, content='cases_case', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2")""",
    *_fulltext_triggers.TRIGGERS,
    _fulltext_triggers.REBUILD,
]
SQLITE_BACKWARD = [
    *_fulltext_triggers.DROP,
    "DROP TABLE IF EXISTS cases_case_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX case_fts ON cases_case USING GIN (to_tsvector('simple'::regconfig, search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS case_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
