from django.urls import path

from mangfold.web.reports import views

app_name = "reports"
CITY = "<slug:network>/<slug:round_slug>/<slug:city>/"
FILE = CITY + "<slug:kind>/<slug:fmt>/"
urlpatterns = [
    path(CITY, views.profile, name="profile"),
    path(CITY + "briefing/", views.briefing, name="briefing"),
    path(FILE, views.export, name="export"),
    path(FILE + "download/", views.download, name="download"),
]
