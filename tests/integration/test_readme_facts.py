"""The docs fact check (scripts/check_readme.py) passes on the real docs and catches stale names.

Self-contained: it parses the project into a temporary folder with ``dbt parse`` (no
database) and runs the script as a subprocess, as ``make readme-check`` does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "check_readme.py"

# Stale facts to plant in a copy of the README: the lines to add, and the name the check
# must report for them.
BAD_FACTS = [
    (["The column `delivery_count` says how often a record was delivered."], "delivery_count"),
    (["Query `main.fct_event` for the events."], "main.fct_event"),
    (["```bash", ".venv/bin/dbt build --vars '{no_such_var: 1}'", "```"], "no_such_var"),
    (["```bash", "make no-such-target", "```"], "make no-such-target"),
]


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("readme_facts_target")
    dbt = Path(sys.executable).parent / "dbt"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_PROJECT_DIR": str(REPO),
        "DBT_DUCKDB_PATH": str(target / "unused.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    subprocess.run(
        [str(dbt), "parse", "--quiet", "--project-dir", str(REPO), "--profiles-dir", str(REPO),
         "--target-path", str(target), "--log-path", str(target)],
        cwd=REPO, env=env, check=True, capture_output=True, text=True,
    )
    return target / "manifest.json"


def check(manifest: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--manifest", str(manifest), *map(str, files)],
        cwd=REPO, capture_output=True, text=True,
    )


def test_readme_and_docs_name_only_what_exists(manifest):
    result = check(manifest)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every name exists" in result.stdout


def test_stale_names_are_reported_with_their_line(manifest, tmp_path):
    lines = (REPO / "README.md").read_text().splitlines()
    # Spread over the page, each after a blank line (so never inside a table or code block),
    # inserted from the bottom up so that the earlier places do not move.
    blanks, in_fence = [], False
    for number, line in enumerate(lines):
        in_fence ^= line.lstrip().startswith("```")
        if not line.strip() and not in_fence:
            blanks.append(number)
    places = [blanks[len(blanks) * (k + 1) // (len(BAD_FACTS) + 1)] for k in range(len(BAD_FACTS))]
    for place, (planted, _) in sorted(zip(places, BAD_FACTS), key=lambda item: -item[0]):
        lines[place + 1:place + 1] = [*planted, ""]
    bad = tmp_path / "README.md"
    bad.write_text("\n".join(lines) + "\n")

    result = check(manifest, bad)

    assert result.returncode == 1, result.stdout + result.stderr
    reported = result.stdout.splitlines()
    for planted, name in BAD_FACTS:
        line_number = lines.index(planted[-1] if len(planted) == 1 else planted[1]) + 1
        assert f"{bad}:{line_number}: " in "\n".join(r for r in reported if name in r), (
            f"{name} (line {line_number}) was not reported:\n{result.stdout}"
        )
    assert len(reported) == len(BAD_FACTS), "only the planted names are reported:\n" + result.stdout


def test_docs_pages_are_checked_too(manifest, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Join on `fct_events.event_key`, not `fct_events.event_keys`.\n"
        "Set `DBT_DUCKDB_PATH`, not `DBT_DUCKDB_FILE`; see [engines](docs/engines.md#nowhere).\n"
    )
    result = check(manifest, page)
    assert result.returncode == 1
    reported = "\n".join(result.stdout.splitlines())
    assert "fct_events.event_keys" in reported and "`fct_events.event_key`" not in reported
    assert "DBT_DUCKDB_FILE" in reported and "`DBT_DUCKDB_PATH`" not in reported
    assert re.search(r"docs/engines\.md#nowhere", reported)
