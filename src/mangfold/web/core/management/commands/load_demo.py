"""manage.py load_demo: load the demo network and print the demo logins."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from mangfold.web.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo network (real published figures, one fictional example city)."

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("MANGFOLD_DEMO_PASSWORD", "mangfold-demo")
        logins = load_demo(password)
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
        self.stdout.write(f"Log in at {site}/da/accounts/login/ with password '{password}' as:")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role}")
