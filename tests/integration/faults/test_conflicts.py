"""3. log_id conflicts: of copies sharing a log_id, the first *ingested* is kept (not the
first in the file) and the others are rejected log_id_conflict, in one run and across
runs."""

from __future__ import annotations

import pytest

from .accounting import lost
from .cases import INCREMENTAL_GROUP
from .cases.redeliveries import CONFLICT_CASES, DUP_APP, in_first_run
from .records import case_ids, clean

pytestmark = pytest.mark.xdist_group(INCREMENTAL_GROUP)

CONFLICTS = "3 log_id conflicts"
FIRST_RUN_CASES = [case for case in CONFLICT_CASES if in_first_run(case)]
# Conflicts with a canonical winner that a test can name.
DECIDED = [
    case for case in CONFLICT_CASES
    if case.occurred_at is not None and "either may win" not in case.name
]


@pytest.mark.parametrize("case", FIRST_RUN_CASES, ids=case_ids(FIRST_RUN_CASES))
def test_conflict_after_the_first_run(case, incremental_runs, fault_report):
    fault_report(CONFLICTS)
    expected = case.expected if case.expected_first_run is None else case.expected_first_run
    assert incremental_runs.first_landings.get(case.key, []) == sorted(expected), case.key


@pytest.mark.parametrize("case", CONFLICT_CASES, ids=case_ids(CONFLICT_CASES))
def test_conflict_after_the_second_run(case, incremental_runs, fault_report):
    got = incremental_runs.second_landings.get(case.key, [])
    fault_report(CONFLICTS, len(case.rows), lost(case, incremental_runs.second_landings))
    assert got == sorted(case.expected), case.key


@pytest.fixture(scope="module")
def copies(incremental_runs) -> tuple[dict[str, str], dict[str, set[str]]]:
    """(log_id -> changed_attributes kept in fct_events, log_id -> those rejected as conflicts)."""
    second = incremental_runs.second
    kept = dict(second.query(
        "select source_log_id, changed_attributes from main.fct_events where app_id = ?",
        [DUP_APP],
    ))
    rejected: dict[str, set[str]] = {}
    for log_id, attributes in second.query(
        "select log_id, changed_attributes from main.audit_log_rejects "
        "where reject_reason = 'log_id_conflict'"
    ):
        rejected.setdefault(log_id, set()).add(attributes)
    return kept, rejected


@pytest.mark.parametrize("case", DECIDED, ids=case_ids(DECIDED))
def test_the_first_ingested_copy_is_kept(case, copies, fault_report):
    """Whatever its place in the files."""
    fault_report(CONFLICTS)
    kept, rejected = copies
    contents = {clean(row["changed_attributes"]) for row in case.rows}
    winner = min(case.rows, key=lambda row: row["ingested_at"])["changed_attributes"]
    assert (kept.get(case.key), rejected.get(case.key)) == (winner, contents - {winner})
