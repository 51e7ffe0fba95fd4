"""2. Exact re-deliveries count once, in one file, across the files of one run and across
runs (excluded, rejected and id-less records too), after each of two incremental runs;
the load ledger counts every delivered row."""

from __future__ import annotations

import pytest

from .accounting import lost
from .cases import INCREMENTAL_CASES, INCREMENTAL_FILES, INCREMENTAL_GROUP, incremental_file_rows
from .cases.redeliveries import REDELIVERY_CASES, in_first_run
from .records import case_ids

pytestmark = pytest.mark.xdist_group(INCREMENTAL_GROUP)

REDELIVERIES = "2 exact re-deliveries"
FIRST_RUN_CASES = [case for case in REDELIVERY_CASES if in_first_run(case)]


@pytest.mark.parametrize("run", ["first", "second"])
def test_both_runs_are_green(run, incremental_runs, fault_report):
    fault_report(REDELIVERIES)
    result = getattr(incremental_runs, run)
    assert result.returncode == 0 and not result.failed_invariants and not result.failed_tests, (
        result.describe()
    )


@pytest.mark.parametrize("case", FIRST_RUN_CASES, ids=case_ids(FIRST_RUN_CASES))
def test_redelivery_after_the_first_run(case, incremental_runs, fault_report):
    fault_report(REDELIVERIES)
    expected = case.expected if case.expected_first_run is None else case.expected_first_run
    assert incremental_runs.first_landings.get(case.key, []) == sorted(expected), case.key


@pytest.mark.parametrize("case", REDELIVERY_CASES, ids=case_ids(REDELIVERY_CASES))
def test_redelivery_after_the_second_run(case, incremental_runs, fault_report):
    got = incremental_runs.second_landings.get(case.key, [])
    fault_report(REDELIVERIES, len(case.rows), lost(case, incremental_runs.second_landings))
    assert got == sorted(case.expected), case.key


@pytest.mark.parametrize("run", ["first", "second"])
def test_every_output_row_is_a_record_the_test_wrote(run, incremental_runs, fault_report):
    """Nothing doubled under a key no case has (the cases' own keys are checked above)."""
    fault_report(REDELIVERIES)
    found = getattr(incremental_runs, f"{run}_landings")
    assert set(found) - {case.key for case in INCREMENTAL_CASES} == set()


def test_the_load_ledger_counts_every_delivered_row(incremental_runs, fault_report):
    fault_report(REDELIVERIES)
    loads = dict(incremental_runs.second.query(
        "select regexp_extract(source_file, '[^/]+$'), delivered_rows from main.audit_log_loads"
    ))
    assert loads == {name: len(incremental_file_rows(name)) for name in INCREMENTAL_FILES}
