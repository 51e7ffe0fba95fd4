"""Incremental runs: files that keep arriving give what one full build gives.

The log is cut into four slices by ingestion time, as a loader would deliver
it, and each slice is added as a new file before a plain ``dbt build``. After
the fourth run every output must equal a single ``--full-refresh`` build over
the same four files, row for row (bookkeeping columns aside), and a fifth run
with nothing new must change nothing. A second test shows that a pair whose
partner may still be in flight is not reported until the late-arrival window
has passed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from harness import (
    CONTRACT_EXAMPLE,
    GENERATOR,
    PIPELINE_OUTPUTS,
    PYTHON,
    RawLog,
    slice_by_ingestion,
    table_rows,
)

OUTPUTS = PIPELINE_OUTPUTS + (
    # Reporting marts: the incremental bases and what rolls up from them.
    "events_daily",
    "events_by_minute_of_hour",
    "failed_sign_ins_daily",
    "profile_counts_daily",
    "sso_federation_flows",
    "active_users",
)


def test_four_incremental_runs_equal_one_full_build(dbt_build, tmp_path):
    log = tmp_path / "log.csv"
    subprocess.run(
        [str(PYTHON), str(GENERATOR), "--seed", "11", "--scale", "0.15",
         "--out", str(log)],
        check=True, capture_output=True,
    )
    slices, lateness = slice_by_ingestion(log, tmp_path / "slices", 4)
    # The window must cover the log's real lateness, or a pair split across
    # slices would rightly be reported once its window had passed.
    window = {"late_arrival_window_hours": int(lateness) + 2}
    # The first run sees a log that is still arriving: its newest pairs wait.
    arriving_vars = window

    full = dbt_build(tmp_path / "slices" / "*.csv", tmp_path / "full", window, dashboards=True)
    assert full.returncode == 0, full.describe()

    arriving = tmp_path / "arriving"
    arriving.mkdir()
    for number, part in enumerate(slices, start=1):
        shutil.copy(part, arriving / part.name)
        run = dbt_build(
            arriving / "*.csv", tmp_path / "incremental", arriving_vars, dashboards=True
        )
        assert run.returncode == 0, f"run {number}\n{run.describe()}"
        loads = run.scalar("select count(*) from main.audit_log_loads")
        assert loads == number, "each run must load exactly the one new file"

    for table in OUTPUTS:
        assert table_rows(run.db_path, table) == table_rows(full.db_path, table), table

    # A fifth run with no new file changes nothing.
    before = {table: run.query(f"select * from main.{table}") for table in OUTPUTS}
    again = dbt_build(
        arriving / "*.csv", tmp_path / "incremental", arriving_vars, dashboards=True
    )
    assert again.returncode == 0, again.describe()
    for table in OUTPUTS:
        after = again.query(f"select * from main.{table}")
        assert sorted(after, key=repr) == sorted(before[table], key=repr), table


def _write(rows: list[dict], columns: list[str], path: Path) -> Path:
    return RawLog(columns, rows).write(path)


@pytest.fixture
def example() -> RawLog:
    return RawLog.read(CONTRACT_EXAMPLE)


def test_pair_in_flight_is_judged_only_after_the_window(dbt_build, tmp_path, example):
    """A sign-in whose lastLogin write has not arrived yet is not a violation
    until the newest ingested record is more than the late-arrival window past
    it; then invariant 5 fails."""
    window = {"late_arrival_window_hours": 200}
    arriving = tmp_path / "arriving"
    arriving.mkdir()
    by_id = {row["log_id"]: row for row in example.rows}
    sign_in, its_update = by_id["rec-0008"], by_id["rec-0009"]
    rest = [row for row in example.rows if row["log_id"] not in ("rec-0008", "rec-0009")]

    _write(rest, example.columns, arriving / "load1.csv")
    first = dbt_build(arriving / "*.csv", tmp_path / "db", window)
    assert first.returncode == 0, first.describe()

    # The sign-in arrives alone: its partner may still be in flight.
    _write([sign_in], example.columns, arriving / "load2.csv")
    second = dbt_build(arriving / "*.csv", tmp_path / "db", window)
    assert second.returncode == 0 and not second.failed_invariants, second.describe()

    # Branch 1: the partner arrives, the pair is complete.
    complete = tmp_path / "complete"
    shutil.copytree(tmp_path / "db", complete / "db")
    shutil.copytree(arriving, complete / "arriving")
    _write([its_update], example.columns, complete / "arriving" / "load3.csv")
    paired = dbt_build(complete / "arriving" / "*.csv", complete / "db", window)
    assert paired.returncode == 0 and not paired.failed_invariants, paired.describe()

    # Branch 2: other records keep arriving, the window passes, the partner never came.
    later = dict(by_id["rec-0015"], log_id="rec-9001",
                 logged_at="2026-03-20T12:00:00.000Z", ingested_at="2026-03-20T12:00:30.000Z")
    _write([later], example.columns, arriving / "load3.csv")
    overdue = dbt_build(arriving / "*.csv", tmp_path / "db", window)
    assert overdue.returncode != 0
    assert overdue.failed_invariants == {5}, overdue.describe()
