"""Killed builds and repeated builds lose nothing and double nothing.

A history is loaded by one run; the next two files arrive and the run that
loads them is killed on purpose (SIGKILL, no chance to clean up) at one of
several points of the incremental chain, then run again. Every output, and
the load ledger, must then equal what one uninterrupted run gives, row for
row (only the columns that say when a row was written may differ). A run
killed twice in a row, and a run killed while it writes, are covered too.

Idempotence: a second run with nothing new changes nothing at all, not even a
timestamp (bookkeeping and state tables included).
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
    copy_database,
    dbt_build_killed,
    query_db,
    slice_by_ingestion,
    table_rows,
)

LEDGER_COLUMNS = (
    "source_file, delivered_rows, canonical_events, excluded_records, rejected_records"
)

# Where a run is killed: just after dbt starts the node, while earlier nodes
# are committed and later ones have not started.
KILL_POINTS = {
    "before_fct_events": "START sql view model main.fct_events",
    "before_ledger": "START sql incremental model main.audit_log_loads",
    "before_hourly_mart": "START sql incremental model main.events_hourly",
    "before_personal_data": "START sql incremental model restricted.audit_log_reject_personal_data",
}
# The personal data of rejects is read from the raw files of the batches it has
# not folded in: a run killed before it must still bring it in.
PERSONAL_DATA = "restricted.audit_log_reject_personal_data"


@pytest.fixture(scope="module")
def history(dbt_build, tmp_path_factory) -> dict:
    """A generated log in three ingestion slices; the first one already built."""
    root = tmp_path_factory.mktemp("crash")
    log = root / "log.csv"
    subprocess.run(
        [str(PYTHON), str(GENERATOR), "--seed", "23", "--scale", "0.1", "--out", str(log)],
        check=True, capture_output=True,
    )
    _, lateness = slice_by_ingestion(log, root / "arriving", 3)
    dbt_vars = {
        "late_arrival_window_hours": int(lateness) + 2,
    }
    # A glob, so that the ledger names the file as the later runs will see it.
    first = dbt_build(root / "arriving" / "part1*.csv", root / "first", dbt_vars, publication=True)
    assert first.returncode == 0, first.describe()
    reference = root / "reference"
    copy_database(first.db_path, reference)
    uninterrupted = dbt_build(root / "arriving" / "*.csv", reference, dbt_vars, publication=True)
    assert uninterrupted.returncode == 0, uninterrupted.describe()
    assert uninterrupted.scalar("select count(*) from main.audit_log_loads") == 3
    return {
        "root": root,
        "vars": dbt_vars,
        "first_db": first.db_path,
        "reference_db": uninterrupted.db_path,
        "glob": root / "arriving" / "*.csv",
    }


def _ledger(db_path: Path) -> list[tuple]:
    return sorted(query_db(db_path, f"select {LEDGER_COLUMNS} from main.audit_log_loads"))


def _assert_same_as_uninterrupted(db_path: Path, reference_db: Path) -> None:
    for table in PIPELINE_OUTPUTS + (PERSONAL_DATA,):
        got, expected = table_rows(db_path, table), table_rows(reference_db, table)
        assert len(got) == len(expected), f"{table}: {len(got)} rows, expected {len(expected)}"
        assert got == expected, table
    assert _ledger(db_path) == _ledger(reference_db)


# The tests that start from `history` run on one worker (--dist loadgroup): its two
# builds (the first slice, the uninterrupted reference) are then made once, not per worker.
SHARES_HISTORY = pytest.mark.xdist_group("crash_history")


@SHARES_HISTORY
@pytest.mark.parametrize("kill_point", sorted(KILL_POINTS))
def test_killed_run_then_rerun_equals_uninterrupted_run(kill_point, dbt_build, history, tmp_path):
    copy_database(history["first_db"], tmp_path)
    killed = dbt_build_killed(
        history["glob"], tmp_path, KILL_POINTS[kill_point], history["vars"], publication=True
    )
    assert killed, f"dbt finished before {KILL_POINTS[kill_point]!r}: the kill point is stale"

    rerun = dbt_build(history["glob"], tmp_path, history["vars"], publication=True)
    assert rerun.returncode == 0, rerun.describe()
    _assert_same_as_uninterrupted(rerun.db_path, history["reference_db"])


@SHARES_HISTORY
def test_killed_twice_and_while_writing(dbt_build, history, tmp_path):
    """Killed a fraction of a second into validation, then again as fct_events
    starts: the third run still completes the load exactly once."""
    copy_database(history["first_db"], tmp_path)
    for kill_at, delay in (
        ("START sql incremental model intermediate.int_audit_log__validated", 0.3),
        ("START sql view model main.fct_events", 0.0),
    ):
        assert dbt_build_killed(
            history["glob"], tmp_path, kill_at, history["vars"], delay, publication=True
        )
    rerun = dbt_build(history["glob"], tmp_path, history["vars"], publication=True)
    assert rerun.returncode == 0, rerun.describe()
    _assert_same_as_uninterrupted(rerun.db_path, history["reference_db"])


def test_second_run_changes_nothing(dbt_build, tmp_path):
    raw = tmp_path / "log.csv"
    shutil.copy(CONTRACT_EXAMPLE, raw)
    first = dbt_build(raw, tmp_path)
    assert first.returncode == 0, first.describe()
    tables = tuple(f"main.{table}" for table in PIPELINE_OUTPUTS + ("audit_log_loads",)) + (
        "incremental.incremental_manifest",
    )
    before = {table: sorted(first.query(f"select * from {table}"), key=repr) for table in tables}
    again = dbt_build(raw, tmp_path)
    assert again.returncode == 0, again.describe()
    for table in tables:
        assert sorted(again.query(f"select * from {table}"), key=repr) == before[table], table
