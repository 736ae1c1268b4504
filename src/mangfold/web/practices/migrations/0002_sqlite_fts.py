"""The FTS5 table of Snowball stems that searches practices on SQLite (PostgreSQL needs none)."""

from typing import Any

from django.db import migrations

from mangfold.web.practices.search import create_sqlite_index, drop_sqlite_index


def forwards(apps: Any, schema_editor: Any) -> None:
    create_sqlite_index(schema_editor)


def backwards(apps: Any, schema_editor: Any) -> None:
    drop_sqlite_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
