"""The briefing form: the title, the case number and the text of each section, with the version edited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mangfold.reports.briefing import HEADINGS, SECTIONS

FORMAT_HELP = _(
    "A blank line starts a new paragraph. Lines that start with “- ” make a bulleted list, "
    "lines that start with “1. ” a numbered list."
)


class BriefingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=100,
        required=False,
        help_text=_("The case number of the case system."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, lang: str = "da", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        headings = HEADINGS[lang]
        for key in SECTIONS:
            self.fields[key] = forms.CharField(
                label=headings[key],
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 8 if key in ("problem", "solution") else 5}),
                help_text=FORMAT_HELP,
            )

    def full_clean(self) -> None:
        """Validate; tie each field's errors to it (``aria-describedby``) beside its help text."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                ids = [f"id_{name}_errors"] + ([f"id_{name}_helptext"] if self.fields[name].help_text else [])
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
