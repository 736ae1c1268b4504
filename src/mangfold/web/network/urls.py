from django.urls import path

from mangfold.web.network import views

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
]
