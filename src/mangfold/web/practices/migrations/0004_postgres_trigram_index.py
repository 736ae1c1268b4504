"""On PostgreSQL, ``pg_trgm`` GIN indexes on the stored search words and stems: they serve the
``LIKE '%…%'`` conditions of the practice search (SQLite scans). ``pg_trgm`` is a trusted extension
(PostgreSQL 13+), so the database's owner may create it; where it is not available, or the role may not
create it, the indexes are left out and the search scans the table (the same hits, only slower)."""

from typing import Any

from django.db import migrations

INDEXES = {"practices_search_words_trgm": "search_words", "practices_search_stems_trgm": "search_stems"}


def _may_create_trigram_index(cursor: Any) -> bool:
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'), "
        "EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'), "
        "has_database_privilege(current_database(), 'CREATE')"
    )
    installed, available, may_create = cursor.fetchone()
    return bool(installed or (available and may_create))


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _may_create_trigram_index(cursor):
            return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for index, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON practices_practice USING gin ({column} gin_trgm_ops)"
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_bilingual_revisions_search_text")]
    operations = [migrations.RunPython(forwards, backwards)]
