"""System checks of the deployment: `manage.py check --deploy` runs them."""

from django.conf import settings
from django.core.checks import Warning, register

PER_PROCESS = ("django.core.cache.backends.locmem.LocMemCache",)


@register(deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Cached pages, rate limits and check-in tokens need one cache for every process."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PER_PROCESS:
        return []
    return [
        Warning(
            "The cache lives in the memory of each process: with several workers, limits and "
            "cached pages disagree between them.",
            hint="Set REDIS_URL, or use the database cache (the default when DEBUG=0).",
            id="diploma.W001",
        )
    ]
