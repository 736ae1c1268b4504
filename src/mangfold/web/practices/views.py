"""The good-practice library: search, read, and (for a city's officials) write its records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.collation import danish_sort_key
from mangfold.web.accounts import policy
from mangfold.web.core.questionnaire import indicator_name
from mangfold.web.practices.forms import PracticeForm, SearchForm
from mangfold.web.practices.models import Practice
from mangfold.web.practices.search import search


def visible_practices(user: policy.AnyUser) -> QuerySet[Practice]:
    """Published records, and the drafts of the cities whose private pages the user may see."""
    private = policy.cities_with(user, policy.Action.VIEW_PRIVATE)
    return Practice.objects.filter(Q(status=Practice.Status.PUBLISHED) | Q(city__in=private))


def _get_visible(request: HttpRequest, pk: int) -> Practice:
    practice = get_object_or_404(Practice.objects.select_related("city"), pk=pk)
    if not practice.is_published and not policy.can(request.user, policy.Action.VIEW_PRIVATE, practice.city):
        raise Http404
    return practice


def practice_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    practices = visible_practices(request.user).select_related("city")
    if form.is_valid():
        data = form.cleaned_data
        practices = search(practices, data["q"] or "")
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
    chosen.sort(key=lambda p: (danish_sort_key(p.city.name), danish_sort_key(p.title)))
    may_add = (
        request.user.is_authenticated
        and policy.cities_with(request.user, policy.Action.EDIT_ANSWERS).exists()
    )
    return render(request, "practices/list.html", {"form": form, "practices": chosen, "may_add": may_add})


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    lang = get_language() or "da"
    actions = policy.allowed_actions(request.user, practice.city)
    context = {
        "practice": practice,
        "indicators": [indicator_name(code, lang) for code in practice.indicators],
        "may_edit": policy.Action.EDIT_ANSWERS in actions,
        "may_publish": policy.Action.PUBLISH in actions,
    }
    return render(request, "practices/detail.html", context)


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    cities = policy.cities_with(request.user, policy.Action.EDIT_ANSWERS)
    if not cities.exists():
        raise PermissionDenied
    form = PracticeForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        practice = form.save(commit=False)
        practice.created_by = request.user
        practice.save()
        messages.success(request, _("The practice is saved as a draft."))
        return redirect(practice)
    return render(request, "practices/form.html", {"form": form})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    if not policy.can(request.user, policy.Action.EDIT_ANSWERS, practice.city):
        raise PermissionDenied
    cities = policy.cities_with(request.user, policy.Action.EDIT_ANSWERS)
    if request.method != "POST":
        form = PracticeForm(instance=practice, cities=cities)
        return render(request, "practices/form.html", {"form": form, "practice": practice})
    with transaction.atomic():  # the row stays locked from the version check to the save
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        form = PracticeForm(request.POST, instance=locked, cities=cities)
        if form.is_valid():
            form.save()
            messages.success(request, _("The practice is saved."))
            return redirect(locked)
    return render(request, "practices/form.html", {"form": form, "practice": practice})


@login_required
@require_POST
def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    if not policy.can(request.user, policy.Action.PUBLISH, practice.city):
        raise PermissionDenied
    publish = request.POST.get("publish") == "1"
    practice.status = Practice.Status.PUBLISHED if publish else Practice.Status.DRAFT
    practice.save(update_fields=["status", "updated_at"])
    messages.success(request, _("The practice is published.") if publish else _("The practice is withdrawn."))
    return redirect(practice)
