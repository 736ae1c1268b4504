"""The round form of the product (a network administrator's page, not the Django admin) and review forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mangfold.index.errors import QuestionnaireError
from mangfold.web.assessments.forms import problem_lines
from mangfold.web.assessments.models import Answer, QuestionnaireVersion, Round
from mangfold.web.assessments.questionnaires import new_version
from mangfold.web.core.form_fields import field_of, model_choice_field
from mangfold.web.core.uploads import check_size
from mangfold.web.network.models import Network

MAX_WORKBOOK_BYTES = 10 * 2**20
"""A questionnaire workbook is stored whole in the database; the bundled one is about 40 KB."""


class VersionChoice(forms.ModelChoiceField[QuestionnaireVersion]):
    def label_from_instance(self, obj: QuestionnaireVersion) -> str:
        return f"{obj.title} ({obj.form_id} {obj.version})"


class RoundForm(forms.ModelForm[Round]):
    """One page: names and descriptions in Danish and English, the questionnaire (a stored version or an
    uploaded workbook, validated before anything is stored), deadline and embargo."""

    questionnaire = VersionChoice(
        queryset=QuestionnaireVersion.objects.defer("workbook"),
        required=False,
        label=_("Questionnaire version"),
        help_text=_("Choose an uploaded version, or upload a new workbook below."),
    )
    workbook = forms.FileField(
        label=_("Or upload a questionnaire workbook (XLSForm)"),
        required=False,
        help_text=_(
            "Checked before anything is stored: every problem is listed with its sheet, row and column."
        ),
    )

    class Meta:
        model = Round
        fields = [
            "network",
            "name",
            "name_en",
            "slug",
            "description",
            "description_en",
            "questionnaire",
            "deadline",
            "embargo_until",
        ]
        labels = {
            "name": _("Name (Danish)"),
            "name_en": _("Name (English)"),
            "description": _("Description (Danish)"),
            "description_en": _("Description (English)"),
            "slug": _("Short name in the address"),
        }
        help_texts = {"slug": _("Letters, digits and hyphens, e.g. 2026.")}
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "embargo_until": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, networks: QuerySet[Network], user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        network = model_choice_field(self, "network")
        network.queryset = networks
        network.empty_label = None
        field_of(self, "embargo_until", forms.DateTimeField).input_formats = [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        self.new_version: QuestionnaireVersion | None = None
        if self.instance.pk is not None:
            self.fields["network"].disabled = True
            if self.has_answers():
                self.fields["questionnaire"].disabled = True
                self.fields["workbook"].disabled = True
                self.fields["questionnaire"].help_text = _(
                    "Cities have answered this round: its questionnaire cannot change."
                )

    def has_answers(self) -> bool:
        return (
            self.instance.pk is not None and Answer.objects.filter(assessment__round=self.instance).exists()
        )

    def clean_workbook(self) -> Any:
        upload = self.cleaned_data.get("workbook")
        if upload is None or self.fields["workbook"].disabled:
            return None
        check_size(upload, MAX_WORKBOOK_BYTES)
        try:
            self.new_version = new_version(upload.read(), upload.name or "questionnaire.xlsx", self.user)
        except QuestionnaireError as error:
            raise ValidationError(problem_lines(error)) from error
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "workbook" in self.errors or self.fields["questionnaire"].disabled:
            return cleaned
        if cleaned.get("questionnaire") is not None and self.new_version is not None:
            self.add_error("workbook", _("Choose a version or upload a workbook, not both."))
        elif cleaned.get("questionnaire") is None and self.new_version is None:
            self.add_error("questionnaire", _("Choose a questionnaire version or upload a workbook."))
        return cleaned

    def save(self, commit: bool = True) -> Round:
        with transaction.atomic():
            if self.new_version is not None:
                self.new_version.save()
                self.instance.questionnaire = self.new_version
            return super().save(commit)


class QuestionCommentForm(forms.Form):
    question = forms.CharField(max_length=100, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Comment on this question"), widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Say what you changed, or why the answer stands."),
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What must be corrected overall; the comments on single questions are sent with it."),
    )
