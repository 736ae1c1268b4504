"""Every URL pattern, every role: the statuses of docs/permissions.md, and no pattern left out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import ROLES

MATRIX = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    path: str
    expected: dict[str, int]


def read_matrix() -> list[Row]:
    rows = []
    for line in MATRIX.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 + len(ROLES) or not cells[0].startswith("`"):
            continue
        name, method, path = (cell.strip("`") for cell in cells[:3])
        expected = {role: int(status) for role, status in zip(ROLES, cells[3:], strict=True)}
        rows.append(Row(name, method, path.replace("{lang}", "da"), expected))
    return rows


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if inner == "admin:":
                continue  # Django's admin: checked through admin:index
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


ROWS = read_matrix()


def test_the_matrix_is_read() -> None:
    assert len(ROWS) >= 10


def test_every_url_pattern_is_in_the_matrix() -> None:
    documented = {row.name for row in ROWS}
    missing = sorted(set(url_names()) - documented)
    assert not missing, f"URL patterns missing from docs/permissions.md: {missing}"


def test_every_pattern_has_a_name() -> None:
    def unnamed(resolver: URLResolver) -> Iterator[str]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    yield from unnamed(entry)
            elif not entry.name:
                yield str(entry.pattern)

    assert list(unnamed(get_resolver())) == []


CSRF_TOKEN = "permissionsmatrixtoken0123456789"  # 32 characters, the form of a CSRF secret


def request_as(client: Any, method: str, path: str) -> Any:
    """GET as it is; POST with a valid CSRF token, rolled back so every role sees the same world."""
    if method == "GET":
        return client.get(path)
    client.cookies["csrftoken"] = CSRF_TOKEN
    with transaction.atomic():
        response = client.post(path, {}, HTTP_X_CSRFTOKEN=CSRF_TOKEN)
        transaction.set_rollback(True)
    return response


def resolve(path: str, world: Any) -> str:
    """The path with its ``{placeholders}`` filled from the test world."""
    return re.sub(r"\{(\w+)\}", lambda match: world.paths[match.group(1)], path)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.name} {row.path}")
def test_each_role_gets_the_documented_status(row: Row, world: Any, client_for: Callable[[str], Any]) -> None:
    path = resolve(row.path, world)
    for role in ROLES:
        response = request_as(client_for(role), row.method, path)
        if response.streaming:  # read a streamed file (evidence) to its end: the test client then closes it
            b"".join(response.streaming_content)
        assert response.status_code == row.expected[role], (
            f"{row.method} {path} as {role}: {response.status_code}, "
            f"docs/permissions.md says {row.expected[role]}"
        )


def test_anonymous_redirects_go_to_the_login_page(world: Any, client_for: Callable[[str], Any]) -> None:
    for row in ROWS:
        if row.expected["anonymous"] == 302 and row.method == "GET" and row.name != "set_language":
            response = client_for("anonymous").get(resolve(row.path, world))
            assert re.search(r"/(accounts|admin)/login/", response["Location"]), row.name


@pytest.mark.parametrize("role", ROLES)
def test_the_policy_answers_for_lists_as_it_does_one_by_one(world: Any, role: str) -> None:
    """:func:`policy.private_assessments` and :func:`policy.round_access` (one read for a whole list) give
    the answers of :func:`policy.assessment_actions` and :func:`policy.can_start` for each object."""
    from django.contrib.auth.models import AnonymousUser

    from mangfold.web.accounts import policy
    from mangfold.web.accounts.models import CityRole
    from mangfold.web.assessments.models import Assessment, Round
    from mangfold.web.network.models import City

    user = world.users.get(role, AnonymousUser())
    outside = City.objects.create(slug="outside", name="Outside", country="DK")  # in no network
    if user.is_authenticated:
        CityRole.objects.create(user=user, city=outside, role=CityRole.Role.EDITOR)
    private = set(policy.private_assessments(user))
    for assessment in Assessment.objects.select_related("round__network", "city"):
        actions = policy.assessment_actions(user, assessment)
        assert (policy.Action.VIEW_PRIVATE in actions) == (assessment in private)
        assert policy.round_access(user, assessment.round).assessment_actions(assessment) == actions
    for round_ in Round.objects.select_related("network"):
        access = policy.round_access(user, round_)
        for city in City.objects.all():
            assert access.can_start(city) == policy.can_start(user, round_, city)
