"""2+3+5. Two incremental runs over the re-delivery, conflict and late files equal one
full build over all of them, row for row, and every build accounts for every record."""

from __future__ import annotations

import pytest

from harness import PIPELINE_OUTPUTS, table_rows

from .accounting import account, landings
from .cases import INCREMENTAL_GROUP, incremental_rows

pytestmark = pytest.mark.xdist_group(INCREMENTAL_GROUP)

EQUALS_FULL = "2+3+5 two incremental runs = one full build"


def test_the_first_run_accounts_for_every_record(incremental_runs, fault_report):
    fault_report(EQUALS_FULL)
    accounting = incremental_runs.first_accounting
    assert accounting.balanced, f"raw != canonical + excluded + rejected: {accounting}"


def test_the_second_run_accounts_for_every_record(incremental_runs, fault_report):
    runs = incremental_runs
    accounting = account(incremental_rows(1, 2), runs.second, runs.second_landings)
    fault_report(EQUALS_FULL, accounting.raw_rows, accounting.lost)
    assert accounting.balanced, f"raw != canonical + excluded + rejected: {accounting}"


def test_the_full_build_is_green(incremental_runs, fault_report):
    fault_report(EQUALS_FULL)
    full = incremental_runs.full
    assert full.returncode == 0 and not full.failed_invariants and not full.failed_tests, (
        full.describe()
    )


def test_the_full_build_accounts_for_every_record(incremental_runs, fault_report):
    fault_report(EQUALS_FULL)
    full = incremental_runs.full
    accounting = account(incremental_rows(1, 2), full, landings(full))
    assert accounting.balanced, f"raw != canonical + excluded + rejected: {accounting}"


@pytest.mark.parametrize("table", PIPELINE_OUTPUTS)
def test_two_incremental_runs_equal_one_full_build(table, incremental_runs, fault_report):
    fault_report(EQUALS_FULL)
    second, full = incremental_runs.second.db_path, incremental_runs.full.db_path
    assert table_rows(second, table) == table_rows(full, table)
