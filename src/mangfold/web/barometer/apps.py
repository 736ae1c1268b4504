from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarometerConfig(AppConfig):
    name = "mangfold.web.barometer"
    label = "barometer"
    verbose_name = _("Outcome barometer")
