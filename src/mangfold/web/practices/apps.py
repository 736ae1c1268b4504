from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "mangfold.web.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from mangfold.web.practices import signals  # noqa: F401 - connects the search-text signal
