"""``manage.py load_demo``: an alias of ``mangfold load-demo``."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand

from mangfold.web.core.management.aliases import run_operation
from mangfold.web.core.operations import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo network (real cities with their published figures; fictional example cities with "
        "invented figures and answers) and print how many of each it has; `mangfold load-demo`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run_operation(self, load_demo, os.environ.get("MANGFOLD_DEMO_PASSWORD"))
