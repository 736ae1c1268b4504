from django.urls import path

from mangfold.web.statistics import fetch_views, views

app_name = "statistics"
urlpatterns = [
    path("", views.index, name="index"),
    path("cities/<slug:slug>/", views.city_page, name="city"),
    path("cities/<slug:slug>/upload/", views.upload, name="upload"),
    path("cities/<slug:slug>/fetch/", fetch_views.fetch, name="fetch"),
    path("areas/<int:pk>/", views.area_page, name="area"),
    path("datasets/<int:pk>/", views.dataset_detail, name="dataset"),
    path("datasets/<int:pk>/delete/", views.dataset_delete, name="dataset-delete"),
]
