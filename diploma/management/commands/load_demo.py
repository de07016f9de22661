from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from diploma.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo programmes, editions, lessons and accounts (password diploma-demo). "
        "Idempotent: running it again refreshes the same rows."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Load the demo even when DEBUG is False."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is False: refusing to load demo accounts with a published password "
                "into what may be a production database. Use --force if you really mean it."
            )
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(str(summary)))
