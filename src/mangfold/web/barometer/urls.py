from django.urls import path

from mangfold.web.barometer import views

app_name = "barometer"
urlpatterns = [
    path("", views.index, name="index"),
    path("networks/<slug:slug>/", views.network_page, name="network"),
    path("cities/<slug:slug>/", views.city_page, name="city"),
    path("cities/<slug:slug>/definition.xlsx", views.definition_workbook, name="workbook"),
    path("cities/<slug:slug>/manage/", views.manage, name="manage"),
    path("cities/<slug:slug>/manage/definition/", views.upload_definition, name="upload-definition"),
    path("cities/<slug:slug>/manage/values/", views.upload_values, name="upload-values"),
    path("cities/<slug:slug>/manage/publish/", views.publish, name="publish"),
]
