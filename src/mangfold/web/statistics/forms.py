"""Forms of the statistics pages: the upload, and the choices of period and groups on a city's page."""

from __future__ import annotations

import gzip
import zipfile
import zlib
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from mangfold.population.model import GroupScheme
from mangfold.population.schemes import SCHEMES
from mangfold.population.schemes import scheme as built_in_scheme
from mangfold.web.core.form_fields import choice_field
from mangfold.web.core.uploads import check_size

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 4 * MAX_UPLOAD_BYTES
"""A gzip file or a workbook (a zip archive) may unpack to at most this much: no "zip bomb" is read."""

DELIMITERS = [
    ("", _("Detect from the header")),
    (",", _("Comma (,)")),
    (";", _("Semicolon (;)")),
    ("\t", _("Tab")),
    ("|", _("Vertical bar (|)")),
]


def unpacked_size(upload: Any, limit: int) -> int:
    """The bytes a gzip file or zip archive unpacks to (a gzip file read no further than just past
    ``limit``; an archive by its entries' sizes, which bound what reading them yields); 0 for any other
    file or a damaged one (the readers name its problem)."""
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    try:
        if head[:2] == b"\x1f\x8b":
            total = 0
            with gzip.GzipFile(fileobj=upload) as stream:
                while total <= limit and (chunk := stream.read(1 << 20)):
                    total += len(chunk)
            return total
        if head == b"PK\x03\x04":
            with zipfile.ZipFile(upload) as archive:
                return sum(entry.file_size for entry in archive.infolist())
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return 0
    finally:
        upload.seek(0)
    return 0


def scheme_label(scheme: GroupScheme, lang: str) -> str:
    """The name of a group scheme in the language."""
    return scheme.label_da if lang == "da" else scheme.label_en


def scheme_choices(lang: str) -> list[tuple[str, str]]:
    return [(name, scheme_label(built_in_scheme(name), lang)) for name in SCHEMES]


def group_choices(scheme: GroupScheme, lang: str) -> list[tuple[str, str]]:
    """Every group of the scheme except its total, labelled in the language."""
    return [(g.code, g.label(lang)) for g in scheme.groups if g.code != scheme.total]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Counts file"),
        help_text=_(
            "CSV, Excel (.xlsx), PC-Axis (.px) or JSON-stat (.json), optionally gzip-compressed: "
            "counts by area, period and group, one row per count or a column per group."
        ),
    )
    scheme = forms.ChoiceField(label=_("Groups in the file"))
    name = forms.CharField(label=_("Name of the dataset"), max_length=200)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Shown with the data on every page, e.g. “Statistics Denmark, table KMSTA001”."),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=20,
        required=False,
        help_text=_("Only for a file without a period column, e.g. 2024."),
    )
    delimiter = forms.ChoiceField(label=_("CSV delimiter"), choices=DELIMITERS, required=False)
    area_dimension = forms.CharField(
        label=_("Area dimension"),
        max_length=200,
        required=False,
        help_text=_(
            "PC-Axis or JSON-stat: the dimension holding the areas, by code or label (default: found)."
        ),
    )
    period_dimension = forms.CharField(
        label=_("Period dimension"),
        max_length=200,
        required=False,
        help_text=_("The dimension holding the periods (default: the time dimension)."),
    )
    group_dimension = forms.CharField(
        label=_("Group dimension"),
        max_length=200,
        required=False,
        help_text=_("The dimension holding the groups (default: found)."),
    )
    select = forms.CharField(
        label=_("Keep only these categories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One DIMENSION=CATEGORY[,CATEGORY…] a line, e.g. a content variable or a sex or age total; "
            "applied before the counts are checked."
        ),
    )
    boundaries = forms.FileField(
        label=_("Boundaries (optional)"),
        required=False,
        help_text=_("GeoJSON or TopoJSON in longitude/latitude, one feature per area, for the map."),
    )
    boundaries_key = forms.CharField(
        label=_("Property with the area code"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to use the property whose values match the area codes."),
    )
    replace = forms.BooleanField(
        label=_("Replace this city's dataset of the same name"),
        required=False,
    )

    def __init__(self, *args: Any, lang: str = "da", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "scheme").choices = scheme_choices(lang)

    def _checked(self, name: str) -> Any:
        upload = self.cleaned_data.get(name)
        check_size(upload)
        if upload is not None and unpacked_size(upload, MAX_UNPACKED_BYTES) > MAX_UNPACKED_BYTES:
            megabytes = MAX_UNPACKED_BYTES / 2**20
            limit = number_format(round(megabytes, 2), decimal_pos=0 if megabytes.is_integer() else 2)
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB once unpacked."), params={"limit": limit}
            )
        return upload

    def clean_file(self) -> Any:
        return self._checked("file")

    def clean_select(self) -> dict[str, list[str]]:
        """The selection as dimension → categories (``mangfold import --select``'s syntax, a line each)."""
        from mangfold.sources.plan import parse_selection

        lines = [line.strip() for line in str(self.cleaned_data.get("select") or "").splitlines()]
        try:
            return parse_selection([line for line in lines if line])
        except ValueError as error:
            raise forms.ValidationError(
                _("%(line)s: write DIMENSION=CATEGORY[,CATEGORY…]"), params={"line": str(error).split(":")[0]}
            ) from None

    def reader_options(self) -> dict[str, Any]:
        """The core reader's options for the named dimensions and the selection (empty: none named)."""
        data = self.cleaned_data
        named = {
            "area": data.get("area_dimension"),
            "period": data.get("period_dimension"),
            "group": data.get("group_dimension"),
            "select": data.get("select"),
        }
        return {key: value for key, value in named.items() if value}

    def clean_boundaries(self) -> Any:
        return self._checked("boundaries")


class IndicesForm(forms.Form):
    """The focal and the reference group of the segregation indices (a GET form)."""

    group = forms.ChoiceField(label=_("Group"))
    reference = forms.ChoiceField(label=_("Against"))

    def __init__(self, *args: Any, scheme: GroupScheme, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = group_choices(scheme, lang)
        choice_field(self, "group").choices = choices
        choice_field(self, "reference").choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("group") and data.get("group") == data.get("reference"):
            self.add_error("reference", _("Choose two different groups."))
        return data


class AreaForm(forms.Form):
    """The period and the group of the table and map by area (a GET form)."""

    period = forms.ChoiceField(label=_("Year"))
    map_group = forms.ChoiceField(label=_("Group on the map"))

    def __init__(self, *args: Any, scheme: GroupScheme, periods: list[str], lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "period").choices = [(p, p) for p in reversed(periods)]
        choice_field(self, "map_group").choices = group_choices(scheme, lang)
