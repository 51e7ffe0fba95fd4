"""Auth0 and Keycloak logs as files (sources.md), on DuckDB.

The worked examples of sources.md 6 and 7 are checked row for row on every
engine by integration_tests (as seeds). Here they are read as files, the way
an export delivers them:

1. JSON lines give every number the contract states; the same records as one
   JSON array, or re-serialized (keys in another order, spaces, CRLF, blank
   lines), give the same rows and the same record keys: a record's content is
   its canonical JSON.
2. Incremental: the example delivered in two files over two runs equals the
   full build; a re-delivery adds nothing and a conflicting copy is rejected.
3. Sources never meet: an Auth0 record with a Janrain record's log_id is no
   conflict; an unknown source system stops the build before any model runs.
4. Invariant 12 (a derived event has its primary) fails on each kind of
   tampered event, and passes on the untampered build.
5. The Auth0 and Keycloak demo logs (`make data SOURCE=...`) give exactly their
   generator's truth, every breakdown, with every invariant holding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import (
    CONTRACT_EXAMPLE,
    EXPECTED_DIR,
    FIXTURES_DIR,
    PIPELINE_OUTPUTS,
    copy_database,
    replace_relation,
    sorted_rows,
)

AUTH0_EXAMPLE = FIXTURES_DIR / "auth0_example.jsonl"
KEYCLOAK_EXAMPLE = FIXTURES_DIR / "keycloak_example.jsonl"
AUTH0_VARS = {"source_system": "auth0", "auth0_tenant": "acme", "audit_log_complete": True}
KEYCLOAK_VARS = {"source_system": "keycloak", "audit_log_complete": True}


def lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.strip()]


def counts(result) -> dict:
    query = result.query
    return {
        "events": query("select count(*) from main.fct_events")[0][0],
        "primary": query("select count(*) from main.fct_events where not is_derived")[0][0],
        "derived": query("select count(*) from main.fct_events where is_derived")[0][0],
        "types": dict(query("select event_type, count(*) from main.fct_events group by 1")),
        "creation_paths": dict(query(
            "select creation_path, count(*) from main.fct_events "
            "where event_type = 'entity_create' group by 1"
        )),
        "update_reasons": dict(query(
            "select update_reason, count(*) from main.fct_events "
            "where event_type = 'entity_update' group by 1"
        )),
        "excluded": dict(query("select log_id, exclusion_reason from main.audit_log_excluded")),
        "rejected": dict(query("select log_id, reject_reason from main.audit_log_rejects")),
    }


# A record without ingested_at counts as ingested when it was loaded, and rejects
# name their file: neither can be equal across two builds of other files.
LOAD_COLUMNS = {"ingested_at", "source_file"}


def rows_of(result) -> dict[str, list[tuple]]:
    outputs = {}
    for relation in PIPELINE_OUTPUTS:
        columns, rows = sorted_rows(result.db_path, relation)
        keep = [index for index, column in enumerate(columns) if column not in LOAD_COLUMNS]
        outputs[relation] = sorted((tuple(row[index] for index in keep) for row in rows), key=repr)
    return outputs


@pytest.fixture(scope="module")
def auth0_build(dbt_build, tmp_path_factory):
    result = dbt_build(AUTH0_EXAMPLE, tmp_path_factory.mktemp("auth0"), extra_vars=AUTH0_VARS)
    assert result.returncode == 0, result.describe()
    return result


def test_auth0_example_gives_every_number_of_the_contract(auth0_build):
    assert auth0_build.failed_invariants == set()
    got = counts(auth0_build)
    # 15 lines, 14 distinct records: 8 primary + 5 excluded + 1 rejected.
    assert (got["events"], got["primary"], got["derived"]) == (13, 8, 5)
    assert got["types"] == {
        "signin.traditional_register": 1, "signin.traditional": 1, "signin.social_register": 1,
        "signin.social": 1, "signin.sso": 1, "entity_create": 3, "entity_update": 4,
        "entity_delete": 1,
    }
    assert got["creation_paths"] == {"registration": 2, "api_only": 1}
    assert got["update_reasons"] == {"login": 3, "deactivation": 1}
    assert got["excluded"] == {
        "a02": "registration_sign_in", "a04": "session_reuse", "a09": "api_create_echo",
        "a11": "duplicate_delete", "a13": "token_renewal",
    }
    assert got["rejected"] == {"a14": "missing_user_uuid"}
    assert auth0_build.scalar(
        "select sum(row_count) from incremental.incremental_manifest where source_file is not null"
    ) == 15


def test_keycloak_example_gives_every_number_of_the_contract(dbt_build, tmp_path):
    result = dbt_build(KEYCLOAK_EXAMPLE, tmp_path, extra_vars=KEYCLOAK_VARS)
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    got = counts(result)
    assert (got["events"], got["primary"], got["derived"]) == (15, 10, 5)
    assert got["types"] == {
        "signin.traditional_register": 1, "signin.traditional": 1, "signin.social_register": 1,
        "signin.social": 1, "signin.sso": 1, "entity_create": 3, "entity_update": 6,
        "entity_delete": 1,
    }
    assert got["creation_paths"] == {"registration": 2, "console": 1}
    assert got["update_reasons"] == {"login": 3, "profile_edit": 1, "deactivation": 1, "reactivation": 1}
    assert got["excluded"] == {
        "k02": "registration_sign_in", "k05": "session_reuse", "k08": "registration_sign_in",
    }
    assert got["rejected"] == {"k14": "unparseable_logged_at"}
    # Line 3 has no id: it is named by the md5 of its canonical content.
    assert result.scalar(
        "select update_reason from main.fct_events where event_id = '848f2a417856b59cc308b7841b5cb92a'"
    ) == "profile_edit"


def reserialized(line: str) -> str:
    """The same record written another way: keys reversed at every depth, spaces after separators."""

    def reverse(value):
        if isinstance(value, dict):
            return {key: reverse(value[key]) for key in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(item) for item in value]
        return value

    return json.dumps(reverse(json.loads(line)), separators=(", ", ": "))


@pytest.mark.parametrize("shape", ["json_array", "reserialized"])
def test_other_shapes_of_the_same_records_give_the_same_rows(shape, auth0_build, dbt_build, tmp_path):
    records = lines(AUTH0_EXAMPLE)
    if shape == "json_array":
        raw = tmp_path / "auth0_example.json"
        raw.write_text("[\n" + ",\n".join(records) + "\n]\n")
    else:
        raw = tmp_path / "auth0_example.jsonl"
        raw.write_bytes(("\r\n\r\n".join(reserialized(line) for line in records) + "\r\n").encode())
    result = dbt_build(raw, tmp_path, extra_vars=AUTH0_VARS)
    assert result.returncode == 0, result.describe()
    assert rows_of(result) == rows_of(auth0_build)


def test_two_deliveries_equal_the_full_build_and_redeliveries_add_nothing(auth0_build, dbt_build, tmp_path):
    records = lines(AUTH0_EXAMPLE)

    def record_date(line: str) -> str:
        record = json.loads(line)
        return record.get("date") or record["data"]["date"]

    first = [line for line in records if record_date(line) < "2026-03-04"]
    second = [line for line in records if record_date(line) >= "2026-03-04"]
    assert first and second
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "2026-03-03.jsonl").write_text("\n".join(first) + "\n")
    glob = str(exports / "*.jsonl")
    result = dbt_build(glob, tmp_path, extra_vars=AUTH0_VARS)
    assert result.returncode == 0, result.describe()

    (exports / "2026-03-06.jsonl").write_text("\n".join(second) + "\n")
    result = dbt_build(glob, tmp_path, extra_vars=AUTH0_VARS)
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    assert rows_of(result) == rows_of(auth0_build)

    # A late re-delivery of the first file, and a copy of a05 with other content.
    a05 = json.loads(next(line for line in records if '"a05"' in line))
    a05["client_id"] = "siteB"
    (exports / "2026-03-07.jsonl").write_text("\n".join(first) + "\n" + json.dumps(a05) + "\n")
    result = dbt_build(glob, tmp_path, extra_vars=AUTH0_VARS)
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    after = rows_of(result)
    before = rows_of(auth0_build)
    assert after["fct_events"] == before["fct_events"]
    assert after["audit_log_excluded"] == before["audit_log_excluded"]
    assert result.query(
        "select log_id, reject_reason from main.audit_log_rejects order by log_id"
    ) == [("a05", "log_id_conflict"), ("a14", "missing_user_uuid")]


def test_sources_never_meet(dbt_build, tmp_path):
    # An Auth0 record carrying a Janrain record's log_id: two records, no conflict.
    auth0 = tmp_path / "auth0.jsonl"
    auth0.write_text(AUTH0_EXAMPLE.read_text() + json.dumps({
        "log_id": "rec-0001", "date": "2026-03-02T09:20:00.000Z", "type": "slo",
        "client_id": "siteA", "user_id": "auth0|u1",
    }) + "\n")
    result = dbt_build(CONTRACT_EXAMPLE, tmp_path, extra_vars={
        "raw_sources": {"janrain": str(CONTRACT_EXAMPLE.resolve()), "auth0": str(auth0)},
        "auth0_tenant": "acme", "audit_log_complete": True,
    })
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    assert dict(result.query(
        "select source_system, count(*) from main.audit_log_rejects "
        "where reject_reason = 'log_id_conflict' group by 1"
    )) == {}
    assert result.query(
        "select source_system, exclusion_reason from main.audit_log_excluded where log_id = 'rec-0001'"
    ) == [("auth0", "not_an_insights_event")]
    assert result.scalar(
        "select count(*) from main.fct_events where source_system = 'janrain' and source_log_id = 'rec-0001'"
    ) == 1


def test_an_unknown_source_system_stops_the_build(dbt_build, tmp_path):
    result = dbt_build(AUTH0_EXAMPLE, tmp_path, extra_vars={"source_system": "okta"})
    assert result.returncode != 0
    assert "Unknown source system 'okta'" in result.stdout + result.stderr
    assert not any(
        result_["unique_id"].startswith("model.") for result_ in result.run_results.get("results", [])
    )


TAMPERS = {
    # The primary of a01:create is gone.
    "primary_missing": ("select * from main.fct_events where event_id <> 'a01'", {12}),
    # a03's derived update a second later than a03.
    "derived_elsewhere": (
        "select * replace (case when event_id = 'a03:update' "
        "then occurred_at + interval 1 second else occurred_at end as occurred_at) from main.fct_events",
        {12},
    ),
    # A second derived update of a05.
    "two_derived": (
        "select * from main.fct_events union all select * replace (event_key + 1 as event_key, "
        "'a05:update2' as event_id) from main.fct_events where event_id = 'a05:update'",
        {12},
    ),
    # A sign-in that derives a creation.
    "wrong_type": (
        "select * replace (case when event_id = 'a07:update' then 'entity_create' "
        "else event_type end as event_type, case when event_id = 'a07:update' then 'registration' "
        "else creation_path end as creation_path) from main.fct_events",
        {12},
    ),
}


@pytest.mark.parametrize("case", ["untampered", *TAMPERS])
def test_invariant_12_catches_tampered_events(case, auth0_build, dbt_build, tmp_path):
    copy_database(auth0_build.db_path, tmp_path)
    expected = set()
    if case != "untampered":
        select_sql, expected = TAMPERS[case]
        replace_relation(tmp_path / "ci.duckdb", "fct_events", select_sql)
    result = dbt_build(
        AUTH0_EXAMPLE, tmp_path, extra_vars=AUTH0_VARS, command="test",
        select="invariant_12_derived_event_has_primary",
    )
    assert result.statuses, result.describe()
    assert result.failed_invariants == expected, result.describe()


BREAKDOWNS = {
    "event_type": "main.fct_events",
    "channel": "main.fct_events",
    "creation_path": "main.fct_events",
    "update_reason": "main.fct_events",
    "identity_provider": "main.fct_events",
    "sign_in_method": "main.fct_events",
    "exclusion_reason": "main.audit_log_excluded",
    "reject_reason": "main.audit_log_rejects",
}


@pytest.mark.parametrize("source", ["auth0", "keycloak"])
def test_demo_log_gives_its_generators_truth(source, dbt_build, tmp_path):
    truth = json.loads((EXPECTED_DIR / f"{source}_demo_expected.json").read_text())
    result = dbt_build(CONTRACT_EXAMPLE, tmp_path, extra_vars={"raw_sources": {source: ""}})
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    assert {
        "canonical_events": result.scalar("select count(*) from main.fct_events"),
        "primary_events": result.scalar("select count(*) from main.fct_events where not is_derived"),
        "derived_events": result.scalar("select count(*) from main.fct_events where is_derived"),
        "excluded": result.scalar("select count(*) from main.audit_log_excluded"),
        "rejected": result.scalar("select count(*) from main.audit_log_rejects"),
    } == {key: truth[key] for key in ("canonical_events", "primary_events", "derived_events",
                                      "excluded", "rejected")}
    for column, relation in BREAKDOWNS.items():
        got = dict(result.query(
            f"select {column}, count(*) from {relation} where {column} is not null group by 1"
        ))
        assert got == truth[column], column
