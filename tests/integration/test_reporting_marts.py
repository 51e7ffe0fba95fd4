"""The dashboard marts hold what the contract example and the demo truth say.

The contract example (section 8) is small enough to know every number of every
dashboard by reading it: the expectations below are written from the story of
its rows, not from the marts. The demo log's generator writes its own truth
(``expected/demo_expected.json``); the marts must agree with it too.

Every mart has a row per source system (``source_system``). The example and the
demo are Janrain logs, so their marts hold only ``janrain`` rows; where a test
reads counts into a mapping, it sums over source_system (the figures across
sources). A build of the example beside the Keycloak example shows the marts
split by source, each source's rows those of a build of it alone.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timezone

import pytest

from harness import (
    CONTRACT_EXAMPLE,
    DEMO_DB,
    EXPECTED_DIR,
    EXPECTED_EVENT_TYPE,
    FIXTURES_DIR,
    MARTS,
    RawLog,
    normalise_truth,
    query_db,
)

SITE_A = "siteawebclient00000000000000000a"
SITE_B = "sitebwebclient00000000000000000b"
MOBILE = "mobileappclient0000000000000000m"
IMPORTER = "importerclient00000000000000000i"
BACKEND = "backendclient000000000000000000e"

REPORTING_MARTS = (
    "events_daily", "events_by_minute_of_hour", "failed_sign_ins_daily",
    "app_overview_monthly", "event_summary_hourly", "event_summary_daily",
    "events_by_hour_of_day_local", "events_by_weekday_and_hour",
    "profile_store_events_daily", "registrations_by_method_daily",
    "sign_ins_by_method_daily", "profile_counts_daily", "profile_lifecycle_daily",
    "profile_updates_explained", "sso_federation_flows", "active_users",
)


def d(day: int) -> date:
    return date(2026, 3, day)


def _canonical_times() -> dict[str, tuple[str, datetime]]:
    """log_id -> (event type, UTC time) of the example's 18 canonical events, from the file."""
    rows = {row["log_id"]: row for row in RawLog.read(CONTRACT_EXAMPLE).rows}
    return {
        log_id: (
            event_type,
            datetime.fromisoformat(rows[log_id]["logged_at"]).astimezone(timezone.utc),
        )
        for log_id, event_type in EXPECTED_EVENT_TYPE.items()
    }


def test_every_reporting_mart_built_and_tested(example_build):
    assert example_build.returncode == 0, example_build.describe()
    for mart in REPORTING_MARTS:
        assert example_build.statuses.get(mart) == "success", mart
    tested = {
        node["attached_node"].split(".")[-1]
        for node in example_build.manifest["nodes"].values()
        if node.get("resource_type") == "test" and node.get("attached_node")
    }
    assert set(REPORTING_MARTS) <= tested


def test_every_mart_is_split_by_source_system(example_build):
    """Every mart has source_system, not null, right after its time columns; the
    contract example is a Janrain log."""
    for mart in (*MARTS, *REPORTING_MARTS):
        columns = [name for name, in example_build.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = ? order by ordinal_position", [mart]
        )]
        assert "source_system" in columns, mart
        assert columns.index("source_system") < columns.index(
            "event_type" if "app_id" not in columns else "app_id"
        ), (mart, columns)
        assert example_build.query(
            f"select distinct source_system from main.{mart}"
        ) == [("janrain",)], mart


def test_profile_counts(example_build):
    # Creations: 2 sign-ups on 2 March, 2 imported + 1 API-only on 4 March; the
    # console deletion on 7 March. Deactivation (6 March) removes nobody.
    rows = example_build.query(
        "select profile_date, profiles_created, profiles_deleted, profile_count, "
        "change_from_previous_day from main.profile_counts_daily order by profile_date"
    )
    assert rows == [
        (d(2), 2, 0, 2, 2),
        (d(3), 0, 0, 2, 0),
        (d(4), 3, 0, 5, 3),
        (d(5), 0, 0, 5, 0),
        (d(6), 0, 0, 5, 0),
        (d(7), 0, 1, 4, -1),
    ]


def test_profile_updates_explained(example_build):
    rows = example_build.query(
        "select event_date, entity_updates, login_updates, profile_edits, deactivations, "
        "reactivations from main.profile_updates_explained order by event_date"
    )
    assert rows == [
        (d(2), 1, 1, 0, 0, 0),  # the SSO hop's lastLogin write
        (d(3), 1, 1, 0, 0, 0),
        (d(4), 1, 1, 0, 0, 0),
        (d(5), 1, 0, 1, 0, 0),  # the user edits their name
        (d(6), 2, 0, 1, 1, 0),  # linked profile removed; account deactivated
        (d(7), 1, 0, 0, 0, 1),
    ]


def test_lifecycle_trends(example_build):
    rows = example_build.query(
        "select event_date, last_login_updates, profiles_created, deactivations, "
        "reactivations, profiles_deleted from main.profile_lifecycle_daily order by event_date"
    )
    assert rows == [
        (d(2), 1, 2, 0, 0, 0),
        (d(3), 1, 0, 0, 0, 0),
        (d(4), 1, 3, 0, 0, 0),
        (d(5), 0, 0, 0, 0, 0),
        (d(6), 0, 0, 1, 0, 0),
        (d(7), 0, 0, 0, 1, 1),
    ]


def test_sso_flow_from_site_a_to_site_b(example_build):
    assert example_build.query(
        "select event_date, origin_client_id, destination_client_id, sso_sign_ins "
        "from main.sso_federation_flows"
    ) == [(d(2), SITE_A, SITE_B, 1)]


def test_failed_sign_ins(example_build):
    assert example_build.query(
        "select event_date, client_id, failure_reason, is_known_user, failed_sign_ins "
        "from main.failed_sign_ins_daily"
    ) == [(d(3), SITE_A, "invalidCredentials", True, 1)]


def test_active_users_new_and_returning(example_build):
    # User 1 registers and hops by SSO on 2 March, signs in on 3 March; user 2
    # registers socially on 2 March and signs in on 4 March. Nobody else signs in.
    rows = example_build.query(
        "select period_grain, period_start, active_users, new_users, returning_users "
        "from main.active_users order by period_grain, period_start"
    )
    assert rows == [
        ("day", d(2), 2, 2, 0),
        ("day", d(3), 1, 0, 1),
        ("day", d(4), 1, 0, 1),
        ("month", d(1), 2, 2, 0),
        ("week", d(2), 2, 2, 0),  # 2 March 2026 is a Monday
    ]


def test_event_summary_and_details(example_build):
    assert example_build.query(
        "select event_date, registrations, sign_ins, sso_sign_ins "
        "from main.event_summary_daily where registrations + sign_ins + sso_sign_ins > 0 "
        "order by event_date"
    ) == [(d(2), 2, 0, 1), (d(3), 0, 1, 0), (d(4), 0, 1, 0)]
    assert example_build.query(
        "select event_hour, registrations, sign_ins, sso_sign_ins from main.event_summary_hourly "
        "where registrations + sign_ins + sso_sign_ins > 0 order by event_hour"
    ) == [
        (datetime(2026, 3, 2, 9), 1, 0, 1),
        (datetime(2026, 3, 2, 10), 1, 0, 0),
        (datetime(2026, 3, 3, 18), 0, 1, 0),
        (datetime(2026, 3, 4, 7), 0, 1, 0),
    ]
    assert sorted(example_build.query(
        "select client_id, sign_in_method, identity_provider, channel, registrations "
        "from main.registrations_by_method_daily"
    )) == [
        (MOBILE, "social", "google", "oauth_api", 1),
        (SITE_A, "traditional", None, "registration_ui", 1),
    ]
    assert sorted(example_build.query(
        "select client_id, sign_in_method, identity_provider, channel, sign_ins "
        "from main.sign_ins_by_method_daily"
    )) == [
        (MOBILE, "social", "google", "oauth_api", 1),
        (SITE_A, "traditional", None, "registration_ui", 1),
        (SITE_B, "sso", None, "sso_server", 1),
    ]
    assert dict(example_build.query(
        "select creation_path, sum(event_count) from main.profile_store_events_daily "
        "where event_type = 'entity_create' group by all"
    )) == {"registration": 2, "bulk_import": 2, "api_only": 1}


def test_app_overview_creations_by_client(example_build):
    assert dict(example_build.query(
        "select client_id, sum(event_count) from main.app_overview_monthly "
        "where event_type = 'entity_create' and event_month = '2026-03-01' group by all"
    )) == {SITE_A: 1, MOBILE: 1, IMPORTER: 2, BACKEND: 1}


def test_hour_minute_and_weekday_marts_match_the_file(example_build):
    times = _canonical_times().values()
    by_minute = Counter((at.minute, kind) for kind, at in times)
    by_weekday_hour = Counter((at.isoweekday(), at.hour, kind) for kind, at in times)
    by_hour = Counter((at.hour, kind) for kind, at in times)
    assert dict(Counter({
        (minute, kind): count for minute, kind, count in example_build.query(
            "select minute_of_hour, event_type, sum(event_count) "
            "from main.events_by_minute_of_hour group by all"
        )
    })) == by_minute
    assert {
        (weekday, hour, kind): count for weekday, hour, kind, count in example_build.query(
            "select iso_weekday, hour_of_day_local, event_type, sum(event_count) "
            "from main.events_by_weekday_and_hour group by all"
        )
    } == by_weekday_hour
    # With the default reporting time zone (UTC) the local chart is the UTC one.
    assert {
        (hour, kind): count for hour, kind, count in example_build.query(
            "select hour_of_day_local, event_type, sum(event_count) "
            "from main.events_by_hour_of_day_local group by all"
        )
    } == by_hour


# ---------------------------------------------------------------------------
# Two sources in one build: the marts split by source_system
# ---------------------------------------------------------------------------

KEYCLOAK_EXAMPLE = FIXTURES_DIR / "keycloak_example.jsonl"
# Marts that count every canonical event once: per source, their sum is fct_events'.
EVENT_COUNT_MARTS = (
    "events_hourly", "events_by_hour_of_day", "events_daily", "app_overview_monthly",
    "events_by_hour_of_day_local", "events_by_minute_of_hour", "events_by_weekday_and_hour",
)


@pytest.fixture(scope="module")
def two_source_build(dbt_build, tmp_path_factory):
    """The contract example (Janrain) and the Keycloak example, which tells the same
    story on the same days, built into one target."""
    workdir = tmp_path_factory.mktemp("janrain_and_keycloak")
    return dbt_build(CONTRACT_EXAMPLE, workdir, dashboards=True, extra_vars={"raw_sources": {
        "janrain": str(CONTRACT_EXAMPLE.resolve()),
        "keycloak": str(KEYCLOAK_EXAMPLE.resolve()),
    }})


def test_marts_split_by_source_system(two_source_build, example_build):
    assert two_source_build.returncode == 0, two_source_build.describe()
    for mart in (*MARTS, *REPORTING_MARTS):
        assert two_source_build.statuses.get(mart) == "success", mart
        # Each source's rows are what a build of it alone gives: sources never mix.
        janrain = two_source_build.query(
            f"select * from main.{mart} where source_system = 'janrain'"
        )
        assert sorted(janrain, key=repr) == sorted(
            example_build.query(f"select * from main.{mart}"), key=repr
        ), mart
        sources = {name for name, in two_source_build.query(
            f"select distinct source_system from main.{mart}"
        )}
        # The Keycloak example has no failed sign-in; everything else it has.
        expected = {"janrain"} if mart == "failed_sign_ins_daily" else {"janrain", "keycloak"}
        assert sources == expected, mart
    events = dict(two_source_build.query(
        "select source_system, count(*) from main.fct_events group by all"
    ))
    assert events["keycloak"] > 0
    for mart in EVENT_COUNT_MARTS:
        assert dict(two_source_build.query(
            f"select source_system, sum(event_count) from main.{mart} group by all"
        )) == events, mart


def test_active_users_count_each_source_apart(two_source_build):
    # In the Keycloak example too, user 1 registers and hops by SSO on 2 March and
    # signs in on 3 March; user 2 registers socially on 2 March and signs in on 4 March.
    rows = two_source_build.query(
        "select source_system, period_grain, period_start, active_users, new_users, "
        "returning_users from main.active_users where period_grain = 'day' "
        "order by source_system, period_start"
    )
    story = [(d(2), 2, 2, 0), (d(3), 1, 0, 1), (d(4), 1, 0, 1)]
    assert rows == [
        (source, "day", *day) for source in ("janrain", "keycloak") for day in story
    ]


# ---------------------------------------------------------------------------
# The demo log, against its generator's truth
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_truth():
    if not DEMO_DB.exists():
        pytest.skip(f"no demo database at {DEMO_DB} (run make first)")
    return normalise_truth(json.loads((EXPECTED_DIR / "demo_expected.json").read_text()))


def _breakdown(sql: str) -> dict[str, int]:
    return {str(key): int(count) for key, count in query_db(DEMO_DB, sql) if count}


@pytest.mark.parametrize(
    "key, sql",
    [
        ("event_type", "select event_type, sum(event_count) from main.events_daily group by all"),
        ("event_type",
         "select event_type, sum(event_count) from main.app_overview_monthly group by all"),
        ("creation_path",
         "select creation_path, sum(event_count) from main.profile_store_events_daily "
         "where event_type = 'entity_create' group by all"),
        ("update_reason",
         "select unnest(['login', 'profile_edit', 'deactivation', 'reactivation']), "
         "unnest([sum(login_updates), sum(profile_edits), sum(deactivations), "
         "sum(reactivations)]) from main.profile_updates_explained"),
        ("sign_in_method",
         "select sign_in_method, sum(n) from ("
         " select sign_in_method, registrations as n from main.registrations_by_method_daily"
         " union all select sign_in_method, sign_ins from main.sign_ins_by_method_daily"
         ") group by all"),
        ("hour_of_day_and_type",
         "select hour_of_day_local || '|' || event_type, sum(event_count) "
         "from main.events_by_hour_of_day_local group by all"),
        ("exclusion_reason",
         "select 'failed_signin', sum(failed_sign_ins) from main.failed_sign_ins_daily"),
    ],
)
def test_demo_marts_match_generator_truth(key, sql, demo_truth):
    got = _breakdown(sql)
    expected = demo_truth[key]
    if key == "exclusion_reason":
        expected = {"failed_signin": expected["failed_signin"]}
    assert got == expected


def test_demo_profile_count_is_creations_minus_deletions(demo_truth):
    final = query_db(
        DEMO_DB,
        "select sum(profile_count) from main.profile_counts_daily "
        "where profile_date = (select max(profile_date) from main.profile_counts_daily)",
    )[0][0]
    kinds = demo_truth["event_type"]
    assert final == kinds["entity_create"] - kinds["entity_delete"]
    # The founding example: 25 sign-ups and 20 imported profiles are 45 profiles.
    founding = demo_truth["founding_example"]
    assert query_db(
        DEMO_DB,
        "select max(profiles) from (select profile_date, sum(profile_count) as profiles "
        "from main.profile_counts_daily where app_id = ? group by profile_date)",
        [founding["app_id"]],
    )[0][0] == founding["entity_create"]
