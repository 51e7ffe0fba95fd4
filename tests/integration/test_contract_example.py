"""The worked example of the contract (section 8): what only a pytest build can show.

Where each record lands and every attribute of every event are expected seeds of the
``integration_tests/`` dbt project (equality tests, on every engine). Here: the fixture is
the contract file, the build is clean, the ledger and the distinct-record count, the
column types and contracts, the marts' roll-ups, and bad input beyond the example.
"""

from __future__ import annotations

import pytest

from harness import (
    CONTRACT_EXAMPLE, EVENT_TYPES, MARTS, RAW_COLUMNS, add_like, apply, breakdowns,
)

# Personal data: kept for rejected records in restricted.audit_log_reject_personal_data,
# not in the mart audit_log_rejects (see DECISIONS.md).
PERSONAL_COLUMNS = {"ip_address", "user_agent"}
REJECT_COLUMNS = set(RAW_COLUMNS) - PERSONAL_COLUMNS


def test_fixture_is_the_contract_file_verbatim(contract_example, tmp_path):
    """The fixture is data: reading and re-writing it changes no byte."""
    written = contract_example.write(tmp_path / "copy.csv")
    assert written.read_bytes() == CONTRACT_EXAMPLE.read_bytes()
    assert contract_example.columns == list(RAW_COLUMNS)
    assert len(contract_example.rows) == 25


def test_build_succeeds_without_failed_invariant(example_build):
    assert example_build.returncode == 0, example_build.describe()
    assert example_build.failed_invariants == set()
    assert example_build.failed_tests == {}
    assert example_build.skipped == set(), example_build.describe()
    for mart in MARTS:
        assert example_build.statuses.get(mart) == "success"


def test_every_invariant_has_a_tagged_test(example_build):
    tests = example_build.invariant_tests
    assert sorted(tests) == list(range(1, 13)), tests  # 1-11 of raw_audit_log.md, 12 of sources.md
    for node in example_build.manifest["nodes"].values():
        if node.get("resource_type") == "test" and node["name"] in {
            name for names in tests.values() for name in names
        }:
            assert "invariant" in node.get("tags", []), node["name"]


def test_counts_of_section_8(example_build):
    """Counts the expected seeds do not hold: delivered rows (the ledger) and distinct records.
    The per-record outcomes are the equality tests of integration_tests/."""
    got = breakdowns(example_build.query)
    assert got.get("raw_rows") == 25, "delivered rows, the re-delivery of rec-0009 included"
    assert got["distinct_records"] == 24
    assert (got["canonical_events"], got["excluded"], got["rejected"]) == (18, 4, 2)


def test_event_ids_unique_and_users_present(example_build):
    rows = example_build.query(
        "select count(*), count(distinct event_id), count(user_uuid), count(occurred_at) "
        "from main.fct_events"
    )
    assert rows == [(18, 18, 18, 18)]


def test_event_time_is_a_timestamp(example_build):
    """Its UTC value (rec-0005, logged at 12:00:05+02:00, is 10:00:05) is in the expected seed."""
    column_type = example_build.scalar(
        "select data_type from information_schema.columns "
        "where table_schema = 'main' and table_name = 'fct_events' and column_name = 'occurred_at'"
    )
    assert column_type.upper().startswith("TIMESTAMP"), column_type


def test_marts_add_up(example_build):
    assert example_build.scalar(
        "select sum(event_count) from main.events_by_hour_of_day"
    ) == 18
    assert example_build.scalar("select sum(event_count) from main.events_hourly") == 18
    # One row per hour of day and type; hour 10 UTC holds rec-0005 and rec-0006.
    rows = example_build.query(
        "select hour_of_day, event_type, event_count from main.events_by_hour_of_day "
        "where hour_of_day = 10 order by event_type"
    )
    assert rows == [(10, "entity_create", 1), (10, "signin.social_register", 1)]
    # events_hourly: one row per hour, app, client and type; distinct users counted.
    rows, keys = example_build.query(
        "select count(*), count(distinct (event_hour, app_id, client_id, event_type)) "
        "from main.events_hourly"
    )[0]
    assert rows == keys
    assert example_build.query(
        "select event_count, user_count from main.events_hourly "
        "where event_type = 'entity_create' and client_id = 'importerclient00000000000000000i'"
    ) == [(2, 2)]


def test_dim_event_types_lists_the_eight(example_build):
    rows = example_build.query("select event_type from main.dim_event_types")
    assert sorted(row[0] for row in rows) == sorted(EVENT_TYPES)


def test_rejects_keep_the_raw_columns(example_build):
    columns = [
        row[0]
        for row in example_build.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = 'audit_log_rejects'"
        )
    ]
    assert REJECT_COLUMNS | {"reject_reason"} <= set(columns), columns
    assert not PERSONAL_COLUMNS & set(columns), columns
    assert example_build.query(
        "select logged_at, event_name from main.audit_log_rejects order by log_id"
    ) == [("yesterday", "legacy_traditional_signin"), ("2026-03-08T10:00:00.000Z", "entityMerged")]


# ---------------------------------------------------------------------------
# Bad input beyond the example: every reject reason, quarantined, not fatal.
# ---------------------------------------------------------------------------

BAD_INPUT = [
    # a conflicting copy of rec-0015 ingested later, placed first in the file:
    # the earlier-ingested record is kept whatever the file order
    add_like("rec-0015", position=0, changed_attributes="email",
             ingested_at="2026-03-06T00:00:00.000Z"),
    add_like("rec-0015", log_id="", logged_at="2026-03-05T22:00:00.000Z",
             ingested_at="2026-03-05T22:00:10.000Z"),
    add_like("rec-0015", log_id="rec-0901", logged_at="2026-03-05T23:00:00.000Z",
             ingested_at="2026-03-05T22:00:00.000Z"),
    add_like("rec-0015", log_id="rec-0902", user_uuid="",
             logged_at="2026-03-05T23:00:00.000Z", ingested_at="2026-03-05T23:00:10.000Z"),
    # an unknown-user failure has no user and is excluded, not rejected
    add_like("rec-0007", log_id="rec-0903", event_name="authenticationFailedUnknownUser",
             user_uuid="", failure_reason="invalidCredentials"),
]


def test_every_reject_reason_is_quarantined(dbt_build, contract_example, tmp_path):
    raw = apply(contract_example, BAD_INPUT).write(tmp_path / "raw.csv")
    result = dbt_build(raw, tmp_path)
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    got = breakdowns(result.query)
    assert got["reject_reason"] == {
        "unparseable_logged_at": 1,
        "unknown_event_name": 1,
        "log_id_conflict": 1,
        "missing_log_id": 1,
        "logged_after_ingested": 1,
        "missing_user_uuid": 1,
    }
    assert got["exclusion_reason"] == {
        "failed_signin": 2, "entity_replace": 1, "email_verification": 1, "password_recover": 1,
    }
    assert got["canonical_events"] == 18
    assert got["distinct_records"] == 29
    kept = result.query(
        "select changed_attributes from main.fct_events where source_log_id = 'rec-0015'"
    )
    assert kept == [("givenName|familyName",)], "the earlier-ingested copy must win"
    conflict = result.query(
        "select changed_attributes from main.audit_log_rejects "
        "where reject_reason = 'log_id_conflict'"
    )
    assert conflict == [("email",)]


def test_unknown_extra_columns_are_ignored(dbt_build, contract_example, example_build, tmp_path):
    log = contract_example.copy()
    log.columns = log.columns + ["tenant_region"]
    for row in log.rows:
        row["tenant_region"] = "eu-west"
    result = dbt_build(log.write(tmp_path / "raw.csv"), tmp_path)
    assert result.returncode == 0, result.describe()
    assert breakdowns(result.query) == breakdowns(example_build.query)


@pytest.mark.parametrize("relation", ["fct_events", "audit_log_excluded", "audit_log_rejects"])
def test_relations_have_contract_columns(example_build, relation):
    required = {
        "fct_events": {
            "event_id", "event_type", "occurred_at", "user_uuid", "app_id", "client_id",
            "identity_provider", "sign_in_method", "channel", "creation_path",
            "update_reason", "source_log_id",
        },
        "audit_log_excluded": {"log_id", "exclusion_reason"},
        "audit_log_rejects": REJECT_COLUMNS | {"reject_reason"},
    }[relation]
    columns = {
        row[0]
        for row in example_build.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = ?",
            [relation],
        )
    }
    assert required <= columns, required - columns
