"""PostgreSQL: keep the search vector in a stored generated column instead of an expression index.

Checking a stored tsvector costs nothing per row, so the planner may combine the search with the
other filters (status, shop…) in any order; with the expression index every row it looked at
had its vector recomputed from the text. SQLite keeps its FTS5 table and is not touched.
"""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS case_fts",
    "ALTER TABLE cases_case ADD COLUMN search_vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX case_search_vector ON cases_case USING GIN (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS case_search_vector",
    "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX case_fts ON cases_case USING GIN (to_tsvector('simple'::regconfig, search_text))",
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_fulltext")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
