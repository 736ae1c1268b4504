"""The FTS5 table of Snowball stems that searched practices on SQLite until 0003 replaced it by stored
search text (the same rule on both databases); kept so that migrating from scratch replays history."""

from typing import Any

from django.db import migrations

FTS_TABLE = "practices_fts"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
            "USING fts5(terms, tokenize='unicode61 remove_diacritics 0')"
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
