"""Forms of the account pages: log-in (throttled), invitations, the second factor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mangfold.web.accounts import throttle
from mangfold.web.accounts.csv_import import EMAIL_LENGTH, Invitee, parse_invitees
from mangfold.web.accounts.models import CityRole

MAX_CSV_BYTES = 1_000_000


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's log-in form, refusing at once while the username or the address is locked."""

    def clean(self) -> dict[str, Any]:
        lock = throttle.lockout(self.cleaned_data.get("username"), throttle.client_ip(self.request))
        if lock is None:
            try:
                return super().clean()
            except ValidationError:  # refused by the backend: a simultaneous attempt reached the limit
                lock = throttle.remembered_lockout(self.request)
                if lock is None:
                    raise
        minutes = lock.minutes_left()
        message = ngettext(
            "Too many failed log-in attempts. Try again in %(minutes)d minute.",
            "Too many failed log-in attempts. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        raise ValidationError(message, code="throttled")


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_LENGTH,  # the address becomes the new account's username
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Optional: used to greet the person in the e-mail."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=CityRole.Role.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A coordinator manages the city's officials and submits the assessment; an editor answers "
            "the questionnaire; a viewer reads the city's unpublished material."
        ),
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def invitee(self) -> Invitee:
        data = self.cleaned_data
        return Invitee(email=data["email"], role=data["role"], name=data["name"].strip())


class BulkInvitationForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One person per row. The first row names the columns: email, role (coordinator, editor or "
            "viewer) and, optionally, name. Comma or semicolon separated, UTF-8 or Excel's encoding. "
            "Nobody is invited unless every row is correct."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> list[Invitee]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."), code="too_large")
        parsed = parse_invitees(upload.read())
        if parsed.errors:
            raise ValidationError([ValidationError(str(error), code="row") for error in parsed.errors])
        return parsed.invitees


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}),
    )


class SetupTokenForm(TokenForm):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        help_text=_("The six digits the app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )
