"""URL map: every page lives under a language prefix (/da/, /en/); / redirects by the browser's language."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("mangfold.web.core.urls")),
    path("accounts/", include("mangfold.web.accounts.urls")),
    path("network/", include("mangfold.web.network.urls")),
    path("assessments/", include("mangfold.web.assessments.urls")),
    path("practices/", include("mangfold.web.practices.urls")),
    path("results/", include("mangfold.web.results.urls")),
    path("statistics/", include("mangfold.web.statistics.urls")),
    path("reports/", include("mangfold.web.reports.urls")),
    path("barometer/", include("mangfold.web.barometer.urls")),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=True,
)
