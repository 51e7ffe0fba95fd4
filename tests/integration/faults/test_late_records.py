"""5. Late records: records 3 h, 5 h, 2 and 4 days late land in their true hour of
events_hourly; hours the late run brought nothing to keep the rows the first run wrote."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from .accounting import lost
from .cases import INCREMENTAL_GROUP
from .cases.late_records import LATE_APP, LATE_CASES, ON_TIME_CASES
from .cases.redeliveries import DUP_CASES
from .records import case_ids

pytestmark = pytest.mark.xdist_group(INCREMENTAL_GROUP)

LATE = "5 late records"


def hour(instant: datetime) -> datetime:
    return instant.replace(minute=0, second=0, microsecond=0)


LATE_HOURS = {hour(case.occurred_at) for case in LATE_CASES if case.occurred_at is not None}


@pytest.mark.parametrize("case", ON_TIME_CASES, ids=case_ids(ON_TIME_CASES))
@pytest.mark.parametrize("run", ["first", "second"])
def test_on_time_record(run, case, incremental_runs, fault_report):
    fault_report(LATE)
    found = getattr(incremental_runs, f"{run}_landings")
    assert found.get(case.key, []) == sorted(case.expected), case.key


@pytest.mark.parametrize("case", LATE_CASES, ids=case_ids(LATE_CASES))
def test_late_record_lands_where_the_contract_says(case, incremental_runs, fault_report):
    got = incremental_runs.second_landings.get(case.key, [])
    fault_report(LATE, len(case.rows), lost(case, incremental_runs.second_landings))
    assert got == sorted(case.expected), case.key


def test_the_late_records_fall_in_five_hours(fault_report):
    fault_report(LATE)
    assert len(LATE_HOURS) == 5, LATE_HOURS


def test_events_hourly_counts_each_event_in_its_true_hour(incremental_runs, fault_report):
    fault_report(LATE)
    canonical = [case for case in ON_TIME_CASES + LATE_CASES if case.occurred_at is not None]
    expected = Counter((hour(case.occurred_at), case.expected[0][1]) for case in canonical)
    got = Counter({
        (event_hour, event_type): count
        for event_hour, event_type, count in incremental_runs.second.query(
            "select event_hour, event_type, sum(event_count) from main.events_hourly "
            "where app_id = ? group by all", [LATE_APP]
        )
    })
    assert got == expected


def test_hours_the_late_run_brought_nothing_to_are_unchanged(incremental_runs, fault_report):
    fault_report(LATE)
    # Canonical events that first appear in run 2, of any class: their hours are rebuilt.
    new_in_second_run = [
        case for case in DUP_CASES
        if case.occurred_at is not None and case.expected_first_run is not None
        and ("canonical", "entity_update") not in case.expected_first_run
    ]
    touched = LATE_HOURS | {hour(case.occurred_at) for case in new_in_second_run}
    before = sorted(
        (row for row in incremental_runs.first_hourly if row[0] not in touched), key=repr
    )
    after = sorted(
        (row for row in incremental_runs.second.query("select * from main.events_hourly")
         if row[0] not in touched), key=repr,
    )
    assert before, "the first run wrote no hour the second left alone"
    assert after == before, "events_hourly changed in hours the late run brought nothing to"
