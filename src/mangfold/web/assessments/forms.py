"""Forms of the review workflow and of the admin's uploads."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from mangfold.index.errors import QuestionnaireError
from mangfold.web.assessments.legacy import LegacyImportError, read_legacy_csv
from mangfold.web.core.uploads import check_size

MAX_RESULTS_BYTES = 5 * 2**20
"""A results file holds a few hundred rows; it is read whole, so it is kept small."""


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments for the city"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what must be corrected; the city's coordinators get it by e-mail."),
    )


def problem_lines(error: QuestionnaireError) -> list[str]:
    """Each problem of a workbook as one line: sheet, row, column (letter) and message."""
    return [f"{p.where}: {p.message}" for p in error.problems]


class LegacyResultsForm(forms.Form):
    file = forms.FileField(
        label=_("Results file (CSV)"),
        help_text=_(
            "Columns network, round, city, overall, source; optional source_url, note, round_name, "
            "extended and one column per indicator code."
        ),
    )

    def clean_file(self) -> str:
        upload: UploadedFile = self.cleaned_data["file"]
        check_size(upload, MAX_RESULTS_BYTES)
        try:
            data: bytes = upload.read()
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        try:
            read_legacy_csv(content)
        except LegacyImportError as error:
            raise forms.ValidationError([str(p) for p in error.problems]) from error
        return content
