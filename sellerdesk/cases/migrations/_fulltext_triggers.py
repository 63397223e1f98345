"""The triggers that keep SQLite's full-text table in step with cases_case (made by migration 0002).

SQLite changes a table it cannot ALTER by copying it into a new one, and the copy has no triggers.
Every migration that makes Django rebuild `cases_case` on SQLite ends with `restore`.
"""

TRIGGERS = [
    """CREATE TRIGGER cases_case_fts_ai AFTER INSERT ON cases_case BEGIN
        INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER cases_case_fts_ad AFTER DELETE ON cases_case BEGIN
        INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER cases_case_fts_au AFTER UPDATE OF search_text ON cases_case BEGIN
        INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
REBUILD = "INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')"
DROP = [f"DROP TRIGGER IF EXISTS cases_case_fts_{suffix}" for suffix in ("ai", "ad", "au")]


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in [*DROP, *TRIGGERS, REBUILD]:
            schema_editor.execute(sql)
