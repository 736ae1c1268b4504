from django.urls import path

from mangfold.web.results import views

app_name = "results"
ROUND = "<slug:network>/<slug:round_slug>/"
urlpatterns = [
    path("", views.index, name="index"),
    path(ROUND, views.round_overview, name="round"),
    path(ROUND + "city/<slug:city>/", views.city_profile, name="city"),
    path(ROUND + "indicators/<slug:code>/", views.indicator, name="indicator"),
    path(ROUND + "export.<str:fmt>", views.export, name="export"),
]
