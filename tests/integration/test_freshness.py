"""`dbt source freshness` warns when no new records have arrived for a while.

The contract example is shifted in time so that its newest `ingested_at` is
30 minutes, 5 hours or 30 hours old. With the default thresholds (warn after
2 hours, error after 24) that is pass, warn and error; the thresholds are vars.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone

import pytest

from harness import DBT, REPO_ROOT, RawLog, _prepare_run, _run_dbt

FORMAT = "%Y-%m-%dT%H:%M:%S.%f"


def _shifted(example: RawLog, newest_age: timedelta) -> RawLog:
    """The example moved so that its newest ingested_at is ``newest_age`` ago."""
    def parse(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    newest = max(parse(row["ingested_at"]) for row in example.rows)
    shift = datetime.now(timezone.utc) - newest_age - newest
    log = example.copy()
    for row in log.rows:
        for column in ("logged_at", "ingested_at"):
            try:
                moved = parse(row[column]) + shift
            except ValueError:
                continue  # the unparseable reject stays as it is
            row[column] = moved.astimezone(timezone.utc).strftime(FORMAT)[:-3] + "Z"
    return log


def _freshness(raw, workdir, dbt_vars: dict | None = None) -> tuple[int, dict]:
    workdir, target, all_vars, cached_parse = _prepare_run(raw, workdir, "freshness", dbt_vars)
    returncode, stdout, _ = _run_dbt(
        [str(DBT), "source", "freshness", "--profiles-dir", str(REPO_ROOT),
         "--project-dir", str(REPO_ROOT), "--vars", json.dumps(all_vars, sort_keys=True),
         "--target-path", str(target), "--log-path", str(workdir / "logs_freshness")],
        workdir, "freshness",
    )
    if (target / "partial_parse.msgpack").exists():
        shutil.copyfile(target / "partial_parse.msgpack", cached_parse)
    results = json.loads((target / "sources.json").read_text())["results"]
    assert len(results) == 1, stdout[-2000:]
    return returncode, results[0]


@pytest.mark.parametrize(
    "age,dbt_vars,status,fails",
    [
        (timedelta(minutes=30), {}, "pass", False),
        (timedelta(hours=5), {}, "warn", False),
        (timedelta(hours=30), {}, "error", True),
        (timedelta(hours=5), {"freshness_warn_after_hours": 6}, "pass", False),
    ],
    ids=["30 minutes old", "5 hours old", "30 hours old", "5 hours old, warn after 6"],
)
def test_freshness_of_ingested_at(age, dbt_vars, status, fails, contract_example, tmp_path):
    raw = _shifted(contract_example, age).write(tmp_path / "raw.csv")
    returncode, result = _freshness(raw, tmp_path, dbt_vars)
    assert result["status"] == status, result
    assert (returncode != 0) == fails, result
    assert abs(result["max_loaded_at_time_ago_in_s"] - age.total_seconds()) < 600, result
