"""On PostgreSQL, a ``pg_trgm`` GIN index on the stored search words: it serves the ``LIKE '%…%'``
conditions of the practice search (SQLite needs none). ``pg_trgm`` is a trusted extension (PostgreSQL 13+),
so the database's owner may create it; where it is not available, or the role may not create it, the index
is left out and the search scans the table (the same hits, only slower)."""

from typing import Any

from django.db import migrations

INDEX = "practices_search_words_trgm"


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
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON practices_practice USING gin (search_words gin_trgm_ops)"
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_bilingual_revisions_search_text")]
    operations = [migrations.RunPython(forwards, backwards)]
