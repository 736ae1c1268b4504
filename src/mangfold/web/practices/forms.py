from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mangfold.web.core.questionnaire import indicator_choices
from mangfold.web.network.models import City
from mangfold.web.practices.models import Practice


class PracticeForm(forms.ModelForm):  # type: ignore[type-arg]
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"), widget=forms.CheckboxSelectMultiple, required=True
    )
    questions = forms.CharField(
        label=_("Questions it addresses"),
        required=False,
        help_text=_("Question codes separated by spaces, e.g. MDA3 MDA5."),
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "city",
            "period_start",
            "period_end",
            "indicators",
            "questions",
            "purpose",
            "rationale",
            "process",
            "results",
            "contact",
            "links",
            "language",
            "source",
        ]

    def __init__(self, *args: Any, cities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicator_choices(get_language() or "da")
        self.fields["city"].queryset = cities if cities is not None else City.objects.none()
        if self.instance.pk:
            self.initial["questions"] = " ".join(self.instance.questions)

    def clean_questions(self) -> list[str]:
        codes = self.cleaned_data["questions"].replace(",", " ").split()
        bad = [code for code in codes if not code.replace("_", "").isalnum()]
        if bad:
            raise forms.ValidationError(_("Not a question code: %(codes)s"), params={"codes": ", ".join(bad)})
        return [code.upper() for code in codes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    city = forms.CharField(label=_("City"), required=False)
    year = forms.IntegerField(label=_("Active in year"), required=False, min_value=1900, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            ("", _("All indicators")),
            *indicator_choices(get_language() or "da"),
        ]
