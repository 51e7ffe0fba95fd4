"""4. Timestamps and offsets: occurred_at is the UTC instant each offset means (Z, +-hh:mm,
+-hhmm, +-hh, half-hour, 45-minute, +14:00, -12:00, both sides of New York's DST
changes); no offset, or an impossible one, is rejected unparseable_logged_at with the
text kept as delivered; logged_after_ingested compares instants, not text; and
events_hourly and events_by_hour_of_day count each event in its UTC hour."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import pytest

from .accounting import lost
from .cases import ADVERSARIAL_GROUP
from .cases.rejects import REJECT_CASES, VARIANT_CASES
from .cases.timestamps import STAMPS, TIMESTAMP_CASES, TZ_APP
from .records import Case, case_ids, rows_of, utc

pytestmark = pytest.mark.xdist_group(ADVERSARIAL_GROUP)

OFFSETS = "4 timestamps and offsets"
HOURLY = "4 timestamps in the hourly marts"

CANONICAL = [case for case in TIMESTAMP_CASES if case.occurred_at is not None]
REJECTED = [case for case in TIMESTAMP_CASES if case.expected[0][0] == "rejected"]


def hour(instant: datetime) -> datetime:
    return instant.replace(minute=0, second=0, microsecond=0)


def event_type(case: Case) -> str:
    return next(reason for outcome, reason in case.expected if outcome == "canonical")


def test_new_york_offsets_are_the_real_ones():
    """The DST stamps use the offsets New York really has around its 2026 changes."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        new_york = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database")
    checked = 0
    for stamp in STAMPS:
        if stamp.name.startswith("New York"):
            written = datetime.fromisoformat(stamp.written)
            local = written.replace(tzinfo=None)
            fold = 1 if "second time" in stamp.name else 0
            assert local.replace(tzinfo=new_york, fold=fold).utcoffset() == written.utcoffset()
            assert written.astimezone(timezone.utc).replace(tzinfo=None) == utc(stamp.means)
            checked += 1
    assert checked == 6


@pytest.mark.parametrize("case", TIMESTAMP_CASES, ids=case_ids(TIMESTAMP_CASES))
def test_timestamp_lands_where_the_contract_says(case, adversarial, fault_report):
    got = adversarial.landings.get(case.key, [])
    fault_report(OFFSETS, len(case.rows), lost(case, adversarial.landings))
    assert got == sorted(case.expected), case.key


@pytest.fixture(scope="module")
def occurred_at(adversarial) -> dict[str, datetime]:
    return dict(adversarial.result.query(
        "select source_log_id, occurred_at from main.fct_events where app_id = ?", [TZ_APP]
    ))


@pytest.mark.parametrize("case", CANONICAL, ids=case_ids(CANONICAL))
def test_occurred_at_is_the_instant_the_offset_means(case, occurred_at, fault_report):
    fault_report(OFFSETS)
    assert occurred_at.get(case.key) == case.occurred_at


@pytest.fixture(scope="module")
def rejected_logged_at(adversarial) -> dict[str, str]:
    return dict(adversarial.result.query(
        "select log_id, logged_at from main.audit_log_rejects where app_id = ?", [TZ_APP]
    ))


@pytest.mark.parametrize("case", REJECTED, ids=case_ids(REJECTED))
def test_a_rejected_timestamp_is_kept_as_delivered(case, rejected_logged_at, fault_report):
    """For whoever traces the record back."""
    fault_report(OFFSETS)
    assert rejected_logged_at.get(case.key) == case.rows[0]["logged_at"]


def test_events_hourly_counts_each_event_in_its_utc_hour(adversarial, fault_report):
    expected = Counter((hour(case.occurred_at), event_type(case)) for case in CANONICAL)
    got = Counter({
        (event_hour, kind): count
        for event_hour, kind, count in adversarial.result.query(
            "select event_hour, event_type, sum(event_count) from main.events_hourly "
            "where app_id = ? group by all", [TZ_APP]
        )
    })
    fault_report(HOURLY, len(rows_of(TIMESTAMP_CASES)), sum((expected - got).values()))
    assert got == expected


def test_events_by_hour_of_day_counts_each_event_in_its_utc_hour(adversarial, fault_report):
    """Every canonical event of the file, at the hour its case says; the whitespace
    cases count at the hour fct_events gives them (test_whitespace checks where they land)."""
    fault_report(HOURLY)
    canonical = [case for case in REJECT_CASES + VARIANT_CASES + TIMESTAMP_CASES
                 if case.occurred_at is not None]
    expected = Counter((case.occurred_at.hour, event_type(case)) for case in canonical)
    known = {case.key for case in canonical}
    for log_id, occurred, kind in adversarial.result.query(
        "select source_log_id, occurred_at, event_type from main.fct_events"
    ):
        if log_id not in known:
            expected[(occurred.hour, kind)] += 1
    got = Counter({
        (hour_of_day, kind): count
        for hour_of_day, kind, count in adversarial.result.query(
            "select hour_of_day, event_type, event_count from main.events_by_hour_of_day"
        )
    })
    assert got == expected


def test_the_twice_occurring_new_york_hour_lands_in_two_utc_hours(adversarial, fault_report):
    """01:30 on the fall-back night happens at 05:30 and at 06:30 UTC."""
    fault_report(HOURLY)
    new_york = dict(adversarial.result.query(
        "select event_hour, sum(event_count) from main.events_hourly "
        "where event_hour between '2026-11-01 04:00' and '2026-11-01 07:00' "
        "and app_id = ? group by all", [TZ_APP]
    ))
    assert new_york == {
        datetime(2026, 11, 1, 4): 1, datetime(2026, 11, 1, 5): 2,
        datetime(2026, 11, 1, 6): 2, datetime(2026, 11, 1, 7): 1,
    }
