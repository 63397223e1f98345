"""Put back the SQLite full-text triggers of migration 0002 after a migration that rebuilt cases_case.

SQLite changes a table it cannot ALTER by copying it into a new one, and the copy has no triggers.
Every migration that makes Django rebuild `cases_case` on SQLite ends with `restore`.
"""


STATEMENTS = [
    "DROP TRIGGER IF EXISTS cases_case_fts_ai",
    "DROP TRIGGER IF EXISTS cases_case_fts_ad",
    "DROP TRIGGER IF EXISTS cases_case_fts_au",
    """CREATE TRIGGER cases_case_fts_ai AFTER INSERT ON cases_case BEGIN
        INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER cases_case_fts_ad AFTER DELETE ON cases_case BEGIN
        INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER cases_case_fts_au AFTER UPDATE OF search_text ON cases_case BEGIN
        INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    "INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')",
]


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in STATEMENTS:
            schema_editor.execute(sql)
