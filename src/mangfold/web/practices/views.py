"""The good-practice library: search, read, and (for a city's officials) write its records."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.web.accounts import policy
from mangfold.web.core.indicator_names import indicator_name
from mangfold.web.practices import workflow
from mangfold.web.practices.forms import PracticeForm, SearchForm
from mangfold.web.practices.models import Practice
from mangfold.web.practices.search import hits, search


def visible_practices(user: policy.AnyUser) -> QuerySet[Practice]:
    """Published records, and the drafts of the cities whose private pages the user may see."""
    private = policy.cities_with(user, policy.Action.VIEW_PRIVATE)
    return Practice.objects.filter(Q(status=Practice.Status.PUBLISHED) | Q(city__in=private))


def _get_visible(request: HttpRequest, pk: int) -> Practice:
    practice = get_object_or_404(Practice.objects.select_related("city"), pk=pk)
    if not practice.is_published and not policy.can(request.user, policy.Action.VIEW_PRIVATE, practice.city):
        raise Http404
    return practice


SEARCH_FIELDS = ("q", "indicator", "country", "city", "year")


def search_fields(lang: str, data: Mapping[str, str] | None) -> dict[str, SafeString]:
    """The search form's inputs as HTML (``q``, …) and their errors (``q_errors``, …) for the submitted
    ``data`` (None: no search yet), each rendered once per language and value (:func:`_search_field`)."""
    html = {}
    for name in SEARCH_FIELDS:
        value = data.get(name) if data is not None else None
        html[name], html[f"{name}_errors"] = _search_field(lang, name, value, data is not None)
    return html


@lru_cache(maxsize=512)
def _search_field(lang: str, name: str, value: str | None, bound: bool) -> tuple[SafeString, SafeString]:
    """One input of the search form and its errors as HTML: Django renders them from templates (the list
    of indicators alone takes a millisecond), the same for the same value, whatever the other fields hold
    (the form checks each field alone)."""
    field = SearchForm({name: value} if value is not None else {} if bound else None)[name]
    return field.as_widget(), field.errors.render()


def practice_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    practices = visible_practices(request.user).select_related("city")
    query = ""
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"] or ""
        practices = search(practices, query)
        if data["country"]:
            practices = practices.filter(city__country__iexact=data["country"])
        if data["city"]:
            practices = practices.filter(city__name__icontains=data["city"])
        if data["year"]:
            year = data["year"]
            practices = practices.filter(Q(period_start__lte=year) | Q(period_start__isnull=True))
            practices = practices.filter(Q(period_end__gte=year) | Q(period_end__isnull=True))
        chosen = [p for p in practices if not data["indicator"] or data["indicator"] in p.indicators]
    else:
        chosen = list(practices)
    may_add = (
        request.user.is_authenticated
        and policy.cities_with(request.user, policy.Action.EDIT_PRACTICE).exists()
    )
    lang = get_language() or "da"
    context = {
        "form": form,
        "fields": search_fields(lang, request.GET or None),
        "hits": hits(chosen, query, lang),
        "may_add": may_add,
    }
    return render(request, "practices/list.html", context)


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    lang = get_language() or "da"
    actions = policy.allowed_actions(request.user, practice.city)
    may_edit = policy.Action.EDIT_PRACTICE in actions
    may_publish = policy.Action.PUBLISH_PRACTICE in actions
    pending = practice.pending_revision if (may_edit or may_publish) else None
    summary, summary_language = practice.summary_in(lang)
    context = {
        "practice": practice,
        "title": practice.title_in(lang),
        "summary": summary,
        "summary_language": summary_language,
        "indicators": [indicator_name(code, lang) for code in practice.indicators],
        "may_edit": may_edit,
        "may_publish": may_publish,
        "pending": pending,
        "changes": workflow.changed_fields(practice, pending) if pending else [],
        "revisions": practice.revisions.select_related("created_by") if (may_edit or may_publish) else [],
    }
    return render(request, "practices/detail.html", context)


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    cities = policy.cities_with(request.user, policy.Action.EDIT_PRACTICE)
    if not cities.exists():
        raise PermissionDenied
    form = PracticeForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            practice = form.save(commit=False)
            practice.created_by = policy.signed_in_user(request)
            practice.save()
            workflow.save_edit(practice, form.revision_fields(), request.user)
        messages.success(request, _("The practice is saved as a draft."))
        return redirect(practice)
    return render(request, "practices/form.html", {"form": form})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    if not policy.can(request.user, policy.Action.EDIT_PRACTICE, practice.city):
        raise PermissionDenied
    pending = practice.pending_revision
    context: dict[str, object] = {"practice": practice, "pending": pending}
    if request.method != "POST":
        context["form"] = PracticeForm(instance=practice, revision=pending)
        return render(request, "practices/form.html", context)
    with transaction.atomic():  # the row stays locked from the version check to the save
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        was_published = locked.is_published
        form = PracticeForm(request.POST, instance=locked)
        if form.is_valid():
            workflow.save_edit(Practice.objects.get(pk=locked.pk), form.revision_fields(), request.user)
            if was_published:
                messages.success(
                    request,
                    _(
                        "Your changes are saved as a new revision. A network administrator publishes them; "
                        "until then everyone else sees the published version."
                    ),
                )
            else:
                messages.success(request, _("The practice is saved."))
            return redirect(locked)
    context["form"] = form
    return render(request, "practices/form.html", context)


@login_required
@require_POST
def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    if not policy.can(request.user, policy.Action.PUBLISH_PRACTICE, practice.city):
        raise PermissionDenied
    if request.POST.get("publish") == "1":
        workflow.publish(practice, policy.signed_in_user(request))
        messages.success(request, _("The practice is published."))
    else:
        workflow.withdraw(practice)
        messages.success(request, _("The practice is withdrawn."))
    return redirect(practice)
