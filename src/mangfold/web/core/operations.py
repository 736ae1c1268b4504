"""What an operator runs against the platform's database, written once.

Each function here is the body of one ``mangfold`` command (``mangfold load-demo``,
``mangfold import-questionnaire``, ``mangfold import-legacy-results``, ``mangfold send-reminders``) and of
the ``manage.py`` command of the same name kept as an alias: the two differ only in how they print
(:class:`Output`) and how they report an :class:`OperationError` (an exit code 1 with the message, a
Django ``CommandError``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEMO_PASSWORD = "mangfold-demo"  # noqa: S105 - the demo's published password, never a real one
"""The demo logins' password unless ``MANGFOLD_DEMO_PASSWORD`` says otherwise."""


@dataclass(frozen=True)
class Output:
    """Where an operation prints: ``line`` for each line, ``success`` for the closing one."""

    line: Callable[[str], None]
    success: Callable[[str], None]


class OperationError(Exception):
    """An operation refused; its message names every problem, and nothing was written."""


def load_demo(out: Output, password: str | None = None, lang: str | None = None) -> None:
    """Load the demo network (real cities with their published figures; fictional example cities, whose
    figures and answers are invented); print how many cities of each kind it has, counted in the database,
    and its logins, whose password is ``password`` or :data:`DEMO_PASSWORD`. ``lang``: the language of the
    lines (default: ``MANGFOLD_LANGUAGE``, else English)."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from mangfold.i18n import active_language, language
    from mangfold.web.core.demo import DEMO_NETWORK
    from mangfold.web.core.demo import load_demo as load
    from mangfold.web.network.figures import members, members_text
    from mangfold.web.network.models import Network

    password = password or DEMO_PASSWORD
    logins = load(password)
    site = settings.SITE_URL.rstrip("/")
    lang = lang or active_language()
    cities = Network.objects.get(slug=DEMO_NETWORK).cities.order_by("name")
    with language(lang), translation.override(lang):
        out.success(_("Demo network loaded."))
        out.line(members_text(members(cities), lang))
        out.line(
            _("Log in at {address} with password '{password}' as:").format(
                address=f"{site}/da/accounts/login/", password=password
            )
        )
    for login in logins:
        out.line(f"  {login.username:<12} {login.role_in(lang)}")


def import_questionnaire(out: Output, path: Path) -> None:
    """Validate a questionnaire workbook (XLSForm with mangfold's columns) and store it as a new version."""
    from mangfold.index.errors import QuestionnaireError
    from mangfold.web.assessments.questionnaires import create_version

    try:
        version = create_version(path.read_bytes(), path.name)
    except OSError as error:
        raise OperationError(f"{path}: {error}") from error
    except QuestionnaireError as error:
        lines = "\n".join(f"  {problem}" for problem in error.problems)
        raise OperationError(f"{len(error.problems)} problem(s):\n{lines}") from error
    out.success(f"Stored {version}.")


def import_legacy_results(out: Output, path: Path) -> None:
    """Import published overall and indicator scores (without answers) from a CSV file, in one
    transaction (see :func:`mangfold.web.assessments.legacy.import_legacy`)."""
    from mangfold.web.assessments.legacy import LegacyImportError, import_legacy

    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise OperationError(f"{path}: {error}") from error
    try:
        imported = import_legacy(content, filename=path.name)
    except LegacyImportError as error:
        lines = "\n".join(f"  {problem}" for problem in error.problems)  # each names the file
        raise OperationError(f"{len(error.problems)} problem(s), nothing imported:\n{lines}") from error
    for assessment in imported:
        out.line(f"{assessment.round} – {assessment.city}: {assessment.overall:g}")
    out.success(f"{len(imported)} result(s) imported from {path.name}.")


def send_reminders(
    out: Output,
    days: Sequence[int] | None = None,
    today: datetime.date | None = None,
    *,
    enqueue: bool = False,
) -> None:
    """Send the deadline reminders due ``today`` on ``days`` before a deadline (None: the reminders' own
    :data:`~mangfold.web.assessments.reminders.DEFAULT_DAYS`; see :mod:`mangfold.web.assessments.reminders`),
    or with ``enqueue`` queue the task that sends them for the worker."""
    if enqueue:
        from mangfold.web.assessments.tasks import send_reminders_task

        result = send_reminders_task.enqueue(None if days is None else list(days))
        out.line(f"Queued reminder task {result.id}.")
        return
    from mangfold.web.assessments.reminders import send_reminders as send

    sent = send(today) if days is None else send(today, days)
    for reminder in sent:
        out.line(f"{reminder.round} – {reminder.city}: {reminder.recipients}")
    out.success(f"{len(sent)} reminder(s) sent.")


def parse_days(text: str) -> list[int]:
    """``"14,7,1"`` as days before a deadline; :class:`OperationError` names a part that is not a number."""
    days = []
    for part in text.split(","):
        if part.strip():
            try:
                days.append(int(part))
            except ValueError:
                raise OperationError(f"--days: {part.strip()!r} is not a whole number of days") from None
    return days


def parse_date(text: str | None) -> datetime.date | None:
    """``YYYY-MM-DD`` as a date (None for None); :class:`OperationError` for anything else."""
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise OperationError(f"--date: {text!r} is not a date written YYYY-MM-DD") from None
