"""Questionnaire versions in the database: validate an uploaded workbook, load it (cached per process)."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from django.contrib.auth.models import User
from django.utils.translation import get_language

from mangfold.index.errors import Problem, QuestionnaireError
from mangfold.index.model import Questionnaire, Text
from mangfold.index.xlsform import bundled_questionnaires, validate_xlsform
from mangfold.web.assessments.models import QuestionnaireVersion, Round

_CACHE: dict[str, Questionnaire] = {}
_CACHE_SIZE = 16


def parse_workbook(data: bytes, filename: str = "questionnaire.xlsx", *, check: bool = True) -> Questionnaire:
    """Read and validate workbook bytes; :class:`QuestionnaireError` lists every problem found."""
    suffix = Path(filename).suffix.lower() or ".xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"questionnaire{suffix}"
        path.write_bytes(data)
        return validate_xlsform(path, check_xlsform=check)[0]


def questionnaire_of(version: QuestionnaireVersion) -> Questionnaire:
    """The questionnaire of a stored version (validated when uploaded; parsed once per process)."""
    found = _CACHE.get(version.sha256)
    if found is None:
        found = parse_workbook(bytes(version.workbook), version.filename, check=False)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[version.sha256] = found
    return found


def round_questionnaire(round_: Round) -> Questionnaire | None:
    """The questionnaire of a round (None for a round that only holds imported published results)."""
    return questionnaire_of(round_.questionnaire) if round_.questionnaire is not None else None


def new_version(data: bytes, filename: str, user: User | None = None) -> QuestionnaireVersion:
    """A validated, unsaved questionnaire version of a workbook.

    Raises :class:`QuestionnaireError` for an invalid workbook or a version that exists already.
    """
    questionnaire = parse_workbook(data, filename)
    if QuestionnaireVersion.objects.filter(
        form_id=questionnaire.form_id, version=questionnaire.version
    ).exists():
        message = (
            f"version {questionnaire.version!r} of {questionnaire.form_id!r} exists already: "
            "change 'version' in the settings sheet"
        )
        raise QuestionnaireError([Problem("settings", 2, "version", message)], filename)
    return QuestionnaireVersion(
        form_id=questionnaire.form_id,
        version=questionnaire.version,
        title=questionnaire.label(questionnaire.title, get_language() or "da")[:300],
        filename=Path(filename).name[:200],
        workbook=data,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user,
    )


def create_version(data: bytes, filename: str, user: User | None = None) -> QuestionnaireVersion:
    """Validate a workbook and store it as a new questionnaire version (see :func:`new_version`)."""
    version = new_version(data, filename, user)
    version.save()
    return version


def bundled_version(version: str | None = None) -> QuestionnaireVersion:
    """A questionnaire shipped with mangfold as a stored version (created on first use): the newest, or
    the bundled workbook of ``version`` (e.g. ``"2026.1"``; :class:`LookupError` if none is bundled)."""
    paths = bundled_questionnaires()
    if version is None:
        path = paths[-1]
    else:
        found = [p for p in paths if validate_xlsform(p, check_xlsform=False)[0].version == version]
        if not found:
            raise LookupError(f"no bundled questionnaire of version {version!r}")
        path = found[0]
    data = path.read_bytes()
    existing = QuestionnaireVersion.objects.filter(sha256=hashlib.sha256(data).hexdigest()).first()
    return existing or create_version(data, path.name)


def label(questionnaire: Questionnaire, text: Text) -> str:
    """A questionnaire text in the page's language (falling back to the questionnaire's default)."""
    return questionnaire.label(text, get_language() or "da")
