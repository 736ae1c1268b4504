from django.contrib.auth import views as auth_views
from django.urls import path

from mangfold.web.accounts import invitation_views, two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.my_cities, name="me"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path("reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("reset/done/", views.password_reset_complete, name="password-reset-complete"),
    path("two-factor/", two_factor_views.overview, name="two-factor"),
    path("two-factor/verify/", two_factor_views.verify, name="two-factor-verify"),
    path("two-factor/backup-codes/", two_factor_views.backup_codes, name="two-factor-backup-codes"),
    path("two-factor/disable/", two_factor_views.disable, name="two-factor-disable"),
    path("cities/<slug:slug>/", views.city_start, name="city"),
    path("cities/<slug:slug>/officials/", invitation_views.officials, name="officials"),
    path("cities/<slug:slug>/invite/", invitation_views.invite, name="invite"),
    path("cities/<slug:slug>/invite/csv/", invitation_views.invite_bulk, name="invite-bulk"),
    path("invitations/<str:token>/", invitation_views.accept, name="invitation"),
]
