"""Typed access to a form's fields: ``Form.fields`` holds plain :class:`~django.forms.Field`, so setting a
choice field's choices or a model choice field's queryset goes through these, which check the kind."""

from __future__ import annotations

from typing import Any

from django import forms


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name``, which must be a choice field (:class:`TypeError` otherwise)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name!r} is not a choice field but {type(field).__name__}")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field ``name``, which must be a model choice field (:class:`TypeError` otherwise)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name!r} is not a model choice field but {type(field).__name__}")
    return field
