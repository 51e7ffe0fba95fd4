"""Reporting in a time zone with daylight saving: days of 23 and 25 hours.

One API-only profile creation every hour, at half past, through the two nights
Europe/Berlin changes its clocks in 2026 (29 March, forward; 25 October, back).
Built with ``reporting_time_zone: Europe/Berlin``, the marts must put each event
on the local day, hour and weekday that Python's zoneinfo gives it, so the
29th of March holds 23 events and the 25th of October 25, and the contract's
``events_by_hour_of_day`` must stay in UTC. A zone with a half-hour offset must
fail the guard test of the hour-grain local marts. Counts are read summed over
source_system (the figures across sources; the log is Janrain's).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from harness import RAW_COLUMNS, RawLog

BERLIN = ZoneInfo("Europe/Berlin")
APP = "dstapp00000000000000000000"


def _hourly_creations() -> list[datetime]:
    times = []
    for first_day in (datetime(2026, 3, 28, tzinfo=timezone.utc),
                      datetime(2026, 10, 24, tzinfo=timezone.utc)):
        times += [first_day + timedelta(hours=h, minutes=30) for h in range(72)]
    return times


def _write_log(path) -> list[datetime]:
    times = _hourly_creations()
    rows = []
    for number, at in enumerate(times, start=1):
        row = dict.fromkeys(RAW_COLUMNS, "")
        row.update(
            log_id=f"dst-{number:04d}",
            logged_at=at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            event_name="entityCreated",
            app_id=APP,
            client_id="backendclient000000000000000000e",
            endpoint="/entity.create",
            user_uuid=f"00000000-0000-4000-a000-{number:012d}",
            user_agent="capture-backend/2.1",
            ingested_at=(at + timedelta(seconds=5)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        )
        rows.append(row)
    RawLog(list(RAW_COLUMNS), rows, "\n").write(path)
    return times


@pytest.fixture(scope="module")
def berlin_build(dbt_build, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("berlin")
    times = _write_log(workdir / "dst.csv")
    result = dbt_build(
        workdir / "dst.csv", workdir, {"reporting_time_zone": "Europe/Berlin"}, dashboards=True
    )
    assert result.returncode == 0, result.describe()
    return result, times


def test_days_of_23_and_25_hours(berlin_build):
    result, times = berlin_build
    local_days = Counter(at.astimezone(BERLIN).date() for at in times)
    assert local_days[date(2026, 3, 29)] == 23
    assert local_days[date(2026, 10, 25)] == 25
    got = dict(result.query(
        "select event_date, sum(event_count) from main.events_daily group by all"
    ))
    assert got == dict(local_days)
    assert dict(result.query(
        "select profile_date, sum(profiles_created) from main.profile_counts_daily"
        " where profiles_created > 0 group by all"
    )) == dict(local_days)
    # The dense calendar runs through the summer with the count unchanged.
    counts = dict(result.query(
        "select profile_date, sum(profile_count) from main.profile_counts_daily group by all"
    ))
    assert counts[date(2026, 7, 1)] == 72
    assert counts[max(counts)] == len(times)
    assert set(result.query("select distinct reporting_time_zone from main.events_daily")) == {
        ("Europe/Berlin",)
    }


def test_local_hours_follow_the_clock_change(berlin_build):
    result, times = berlin_build
    expected_hours = Counter(at.astimezone(BERLIN).hour for at in times)
    assert dict(result.query(
        "select hour_of_day_local, sum(event_count) from main.events_by_hour_of_day_local"
        " group by all"
    )) == dict(expected_hours)
    # 02:00-02:59 does not exist on 29 March; 02:00 happens twice on 25 October.
    local = result.query(
        "select event_hour, event_hour_local from main.event_summary_hourly order by event_hour"
    )
    expected = [
        (at.replace(minute=0, tzinfo=None),
         at.replace(minute=0).astimezone(BERLIN).replace(tzinfo=None))
        for at in times
    ]
    assert local == expected
    hours_on = Counter(hour_local.date() for _, hour_local in local)
    assert hours_on[date(2026, 3, 29)] == 23 and hours_on[date(2026, 10, 25)] == 25
    weekday_hours = Counter(
        (at.astimezone(BERLIN).isoweekday(), at.astimezone(BERLIN).hour) for at in times
    )
    assert {
        (weekday, hour): count for weekday, hour, count in result.query(
            "select iso_weekday, hour_of_day_local, sum(event_count)"
            " from main.events_by_weekday_and_hour group by all"
        )
    } == dict(weekday_hours)


def test_contract_chart_stays_utc(berlin_build):
    result, times = berlin_build
    assert dict(result.query(
        "select hour_of_day, sum(event_count) from main.events_by_hour_of_day group by all"
    )) == dict(Counter(at.hour for at in times))


def test_half_hour_zone_fails_the_whole_hour_guard(dbt_build, tmp_path):
    _write_log(tmp_path / "dst.csv")
    result = dbt_build(
        tmp_path / "dst.csv", tmp_path, {"reporting_time_zone": "Asia/Kolkata"}, dashboards=True
    )
    assert result.returncode != 0
    failed = list(result.failed_tests)
    assert len(failed) == 1, result.describe()
    assert failed[0].startswith("expression_is_true_event_summary_hourly"), failed
