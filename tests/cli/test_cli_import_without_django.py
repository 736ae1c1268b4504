"""``mangfold import`` reads, tells and checks files in the core: a dry run needs no Django at all, and a
bad file is refused with its places before Django starts (Django starts only to write rows).

Each case runs the command in a fresh interpreter in which ``import django`` fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mangfold.data import data_path

KMSTA001 = data_path("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
NO_DJANGO = (
    "import sys; sys.modules['django'] = None; sys.argv = ['mangfold', *sys.argv[1:]]; "
    "from mangfold.cli import main; main()"
)


def without_django(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", NO_DJANGO, "import", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "200", "PATH": "", "MANGFOLD_LANGUAGE": "en"},
        check=False,
    )


def test_django_cannot_be_imported_in_these_runs() -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['django'] = None; import django"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 1 and "ModuleNotFoundError" in probe.stderr


def test_a_dry_run_prints_the_counts_without_django() -> None:
    result = without_django(str(KMSTA001), "--scheme", "dst", "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split(",")[:3] == ["area", "period", "group"] and len(lines) == 8255 + 1
    assert "8255 counts, scheme dst_origin; nothing was written" in result.stderr


def test_a_dry_run_of_the_voting_area_pair_tells_them_apart_without_django() -> None:
    files = [str(p) for p in sorted(data_path("dk_election2024").glob("*.csv.gz"))]
    result = without_django(*files, "--scheme", "dk_regions", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "scheme dst_regions_2024; nothing was written" in result.stderr


def test_a_bad_file_is_refused_with_its_places_before_django_starts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("area,period,group,n\nA1,2020,danish,5\nA1,2020,imm_western,-3\n")
    result = without_django(str(bad), "--scheme", "dst")
    assert result.returncode == 1, result.stderr
    assert "nothing was written" in result.stdout and "negative count: -3" in result.stdout
    assert "ModuleNotFoundError" not in result.stderr + result.stdout


def test_a_good_file_needs_django_only_to_write(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("area,period,group,n\nA1,2020,danish,5\n")
    result = without_django(str(good), "--scheme", "dst")
    assert result.returncode == 2  # read and checked; starting Django to write is what fails here
    assert "importing needs mangfold[web]" in result.stdout + result.stderr
