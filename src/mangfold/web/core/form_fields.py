"""Typed access to a form's fields: ``Form.fields`` holds plain :class:`~django.forms.Field`, so setting a
choice field's choices, a model choice field's queryset or a date field's input formats goes through
these, which check the kind."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field ``name``, which must be a ``kind`` (:class:`TypeError` otherwise)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name!r} is not a {kind.__name__} but {type(field).__name__}")
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field ``name``."""
    return field_of(form, name, forms.ChoiceField)


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's model choice field ``name``."""
    return field_of(form, name, forms.ModelChoiceField)
