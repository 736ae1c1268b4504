"""Full-text search of practices in Danish and English, on PostgreSQL and on SQLite.

PostgreSQL: ``to_tsvector('danish', …) || to_tsvector('english', …)`` matched against the query parsed
with both configurations. SQLite: an FTS5 table ``practices_fts`` holding the Snowball stems of each record
(:mod:`mangfold.textsearch`), kept up to date by signals.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mangfold.textsearch import fts5_query, index_terms
from mangfold.web.practices.models import Practice

FTS_TABLE = "practices_fts"
_FIELDS = ("title", "purpose", "rationale", "process", "results", "city__name")


def search(queryset: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """The practices of ``queryset`` that match every word of ``query`` (stemmed, Danish or English)."""
    if not query.strip():
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector(*_FIELDS, config="danish") + SearchVector(*_FIELDS, config="english")
        wanted = SearchQuery(query, config="danish") | SearchQuery(query, config="english")
        return queryset.annotate(search=vector).filter(search=wanted)
    match = fts5_query(query)
    if match is None:
        return queryset
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
    return queryset.filter(pk__in=ids)


def create_sqlite_index(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
            "USING fts5(terms, tokenize='unicode61 remove_diacritics 0')"
        )


def drop_sqlite_index(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def reindex(practice: Practice) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, terms) VALUES (%s, %s)",  # noqa: S608
            [practice.pk, index_terms(practice.searchable_text())],
        )


@receiver(post_save, sender=Practice)
def _index_on_save(sender: type[Practice], instance: Practice, **kwargs: Any) -> None:
    reindex(instance)


@receiver(post_delete, sender=Practice)
def _unindex_on_delete(sender: type[Practice], instance: Practice, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [instance.pk])  # noqa: S608
