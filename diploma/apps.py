from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiplomaConfig(AppConfig):
    name = "diploma"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from diploma import checks, signals  # noqa: F401  (registers checks, connects receivers)
