from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DefinitionForm(forms.Form):
    workbook = forms.FileField(
        label=_("Definition workbook (.xlsx)"),
        help_text=_(
            "Sheets 'settings', 'goals' and 'indicators'; download the current one to start from it."
        ),
    )


class ValuesForm(forms.Form):
    values = forms.FileField(
        label=_("Values (CSV)"),
        help_text=_(
            "Columns indicator, year, value; optionally group, successes, total, source, note, area."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_(
            "Used for every row whose own source column is empty, e.g. 'Danmarks Statistik, RAS300'."
        ),
    )
