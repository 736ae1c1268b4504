from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mangfold.web.core.form_fields import choice_field, model_choice_field
from mangfold.web.core.indicator_names import indicator_choices
from mangfold.web.core.links import link_lines
from mangfold.web.network.models import City
from mangfold.web.practices.models import TEMPLATE_FIELDS, Practice, PracticeRevision

LANGUAGES = [("da", _("Danish")), ("en", _("English"))]


def version_of(practice: Practice) -> str:
    """What an edit form loaded: the record's last save and its number of revisions (a revision of a
    published practice leaves the record itself unchanged)."""
    return f"{practice.updated_at.isoformat()}#{practice.revisions.count()}"


class PracticeForm(forms.ModelForm[Practice]):
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"), widget=forms.CheckboxSelectMultiple, required=True
    )
    questions = forms.CharField(
        label=_("Questions it addresses"),
        required=False,
        help_text=_("Question codes separated by spaces, e.g. MDA3 MDA5."),
    )
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)
    """When the edited record was last saved as the form loaded it: a later save by someone else refuses
    this one (optimistic versioning on ``updated_at``), so no edit is silently overwritten."""

    language = forms.ChoiceField(label=_("Language of the record"), choices=LANGUAGES, initial="da")

    class Meta:
        model = Practice
        fields = [
            "title",
            "city",
            "language",
            "title_da",
            "title_en",
            "summary_da",
            "summary_en",
            "purpose",
            "rationale",
            "process",
            "results",
            "budget",
            "period_start",
            "period_end",
            "contact",
            "links",
            "indicators",
            "questions",
            "source",
        ]
        """The network's template: purpose, rationale, process, results, budget, period, contact, links,
        indicators and language, with a title and summary in Danish and English."""

    def __init__(
        self, *args: Any, cities: Any = None, revision: PracticeRevision | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "indicators").choices = indicator_choices(get_language() or "da")
        if self.instance.pk:
            del self.fields["city"]  # a practice stays with the city that wrote it
            shown = revision.fields if revision is not None else {}
            for name in TEMPLATE_FIELDS:
                if name in shown and name in self.fields:
                    self.initial[name] = shown[name]
            self.initial["questions"] = " ".join(shown.get("questions", self.instance.questions))
            self.initial["loaded"] = version_of(self.instance)
        else:
            model_choice_field(self, "city").queryset = cities if cities is not None else City.objects.none()

    def clean_questions(self) -> list[str]:
        codes = self.cleaned_data["questions"].replace(",", " ").split()
        bad = [code for code in codes if not code.replace("_", "").isalnum()]
        if bad:
            raise forms.ValidationError(_("Not a question code: %(codes)s"), params={"codes": ", ".join(bad)})
        return [code.upper() for code in codes]

    def clean_links(self) -> str:
        """One web address a line (http or https: the page links them, so never ``javascript:``)."""
        lines, bad = link_lines(self.cleaned_data["links"])
        if bad is not None:
            raise forms.ValidationError(
                _("Line %(number)s is not a web address (starting with https:// or http://)."),
                params={"number": bad},
            )
        return "\n".join(lines)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if self.instance.pk:
            self._check_version(data.get("loaded") or "")
        return data

    def revision_fields(self) -> dict[str, Any]:
        """The template's fields as entered (JSON-ready): what a revision stores."""
        return {name: self.cleaned_data[name] for name in TEMPLATE_FIELDS if name in self.cleaned_data}

    def _check_version(self, loaded: str) -> None:
        """Refuse a save based on an older version; the next save (after merging) is based on this one."""
        current = version_of(self.instance)
        if loaded == current:
            return
        message = _(
            "Someone saved this practice while you were editing it, so your changes are not saved. They "
            "are still in the form below: open the practice in another tab to see the other changes, "
            "merge them into the form and save again."
        )
        self.add_error(None, ValidationError(message, code="conflict"))
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data["loaded"] = current
        self.data = data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    city = forms.CharField(label=_("City"), required=False)
    year = forms.IntegerField(label=_("Active in year"), required=False, min_value=1900, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "indicator").choices = [
            ("", _("All indicators")),
            *indicator_choices(get_language() or "da"),
        ]
