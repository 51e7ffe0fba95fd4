"""Personal data (client IP address and user agent) never reaches a mart.

1. Independently of dbt: every column of every relation in the marts schema
   (`main`) of the contract example holds no value that looks like an IP or
   e-mail address, and no mart has an `ip_address` or `user_agent` column. The
   rejected record's IP address is kept, in the restricted relation only.
2. The dbt test `no_personal_data`, which every mart carries, fails when an
   address is planted in a mart (one plant per kind: IPv4, IPv6, e-mail), and
   only on that mart.
3. End to end: a good record whose batch_id carries an e-mail address stops
   the build before the hourly marts are built.
4. Every model in the marts folder carries the test, so a new mart cannot
   escape the scan.
"""

from __future__ import annotations

import re

import pytest

from harness import CONTRACT_EXAMPLE, apply, copy_database, edit, replace_relation

OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
PATTERNS = {
    "ipv4": re.compile(rf"(^|[^0-9.]){OCTET}(\.{OCTET}){{3}}($|[^0-9.])"),
    "ipv6": re.compile(r"(^|[^0-9a-z:])([0-9a-f]{1,4}:){2,7}:?[0-9a-f]{0,4}($|[^0-9a-z:])|::[0-9a-f]"),
    "email": re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}"),
}


def _main_relations(result) -> list[str]:
    return [
        name for (name,) in result.query(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and table_name not like 'ci\\_%' escape '\\' order by 1"
        )
    ]


def _personal_values(result, relation: str) -> list[tuple[str, str, str]]:
    columns = [
        name for (name,) in result.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = ?",
            [relation],
        )
    ]
    hits = []
    for row in result.query(f"select * from main.{relation}"):
        for column, value in zip(columns, row):
            if not isinstance(value, str):
                continue
            text = value.lower()
            # A timestamp rendered as text (hh:mm:ss) is not an IPv6 address.
            if re.fullmatch(r"[0-9t:.+z -]+", text):
                continue
            hits += [(column, kind, value) for kind, pattern in PATTERNS.items()
                     if pattern.search(text)]
    return hits


def test_no_mart_holds_personal_data(example_build):
    relations = _main_relations(example_build)
    assert {"fct_events", "audit_log_rejects", "events_hourly"} <= set(relations)
    for relation in relations:
        assert _personal_values(example_build, relation) == [], relation
    personal_columns = example_build.query(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'main' and column_name in ('ip_address', 'user_agent')"
    )
    assert personal_columns == []


def test_no_table_but_the_restricted_one_stores_personal_columns(example_build):
    """Staging is a view over the raw files; validation stores no personal column."""
    stored = example_build.query(
        "select columns.table_schema, columns.table_name, columns.column_name "
        "from information_schema.columns as columns "
        "inner join information_schema.tables as tables "
        "on columns.table_schema = tables.table_schema "
        "and columns.table_name = tables.table_name "
        "where tables.table_type = 'BASE TABLE' "
        "and columns.column_name in ('ip_address', 'user_agent') order by 1, 2, 3"
    )
    assert stored == [
        ("restricted", "audit_log_reject_personal_data", "ip_address"),
        ("restricted", "audit_log_reject_personal_data", "user_agent"),
    ]


def test_rejected_records_personal_data_is_kept_in_the_restricted_relation(example_build):
    kept = example_build.query(
        "select rejects.log_id, personal.ip_address, personal.user_agent "
        "from main.audit_log_rejects as rejects "
        "inner join restricted.audit_log_reject_personal_data as personal "
        "using (audit_record_id) order by 1"
    )
    assert kept == [
        ("rec-0023", "203.0.113.7", "Mozilla/5.0 (Windows NT 10.0)"),
        ("rec-0024", None, "capture-backend/2.1"),
    ]


def test_device_class_is_what_reporting_keeps_of_the_user_agent(example_build):
    classes = dict(example_build.query(
        "select source_log_id, device_class from main.fct_events"
    ))
    assert classes["rec-0001"] is not None
    assert set(classes.values()) <= {"desktop", "mobile", "tablet", "bot", "other", None}


PLANTS = [
    ("fct_events", "client_id", "'10.20.30.40'", "ipv4_address"),
    ("events_hourly", "app_id", "'app on 2001:db8::17'", "ipv6_address"),
    ("audit_log_excluded", "failure_reason", "'locked out: jane.doe@example.com'", "email_address"),
]


def test_scan_fails_on_planted_personal_data(example_build, dbt_build, tmp_path):
    """One address of each kind planted in a different mart: exactly those three
    marts' scans fail, the others pass."""
    db_path = copy_database(example_build.db_path, tmp_path)
    for relation, column, value, _kind in PLANTS:
        replace_relation(
            db_path, relation,
            f"select * replace ({value} as {column}) from main.{relation}",
        )
    result = dbt_build(
        CONTRACT_EXAMPLE, tmp_path, command="test", select="test_name:no_personal_data"
    )
    assert result.returncode != 0, result.describe()
    planted = {f"no_personal_data_{relation}_" for relation, *_ in PLANTS}
    assert set(result.failed_tests) == planted, result.describe()
    ran = [name for name in result.statuses if name.startswith("no_personal_data_")]
    assert len(ran) >= 7, result.statuses


def test_scan_passes_on_the_untouched_copy(example_build, dbt_build, tmp_path):
    copy_database(example_build.db_path, tmp_path)
    result = dbt_build(
        CONTRACT_EXAMPLE, tmp_path, command="test", select="test_name:no_personal_data"
    )
    assert result.returncode == 0, result.describe()
    assert result.failed_tests == {}
    assert len(result.statuses) >= 7, result.statuses


def test_an_address_in_good_input_stops_the_hourly_marts(contract_example, dbt_build, tmp_path):
    raw = apply(contract_example, [edit("rec-0012", batch_id="import by ops@example.com")])
    result = dbt_build(raw.write(tmp_path / "raw.csv"), tmp_path, publication=True)
    assert result.returncode != 0, result.describe()
    assert "no_personal_data_fct_events_" in result.failed_tests, result.describe()
    assert {"events_hourly", "events_by_hour_of_day"} <= result.skipped, result.describe()


def test_every_mart_carries_the_scan(example_build):
    nodes = example_build.manifest["nodes"]
    marts = {
        node["name"] for node in nodes.values()
        if node["resource_type"] == "model" and node["fqn"][1] == "marts"
    }
    scanned = {
        node["attached_node"].split(".")[-1] for node in nodes.values()
        if node["resource_type"] == "test"
        and (node.get("test_metadata") or {}).get("name") == "no_personal_data"
    }
    assert marts, "no mart found in the manifest"
    assert marts <= scanned, f"marts without the no_personal_data test: {marts - scanned}"
