"""Fault injection, record level (issue 4): adversarial records in the contract's format.

Each fault class writes raw files the way a producer could, builds them, and
checks three things: the build completes (no failed invariant), every injected
record lands where the contract says (canonical, excluded, or rejected with the
right reason; looked up by its log_id), and nothing is lost or doubled: the
distinct raw records, counted here from the rows the test wrote (log_id +
content, content = every column but ``ingested_at``, trimmed, empty = null),
equal ``fct_events`` + ``audit_log_excluded`` + ``audit_log_rejects``, log_id by
log_id.

Classes and the builds they share (one build serves several tests, module
scope; ``xdist_group`` keeps a build and its tests on one worker):

1. reject reasons alone and in every combination that can be built (the first
   reason in the contract's order wins; ``unparseable_ingested_at`` last), and
4. timestamps with unusual, extreme, DST-crossing and malformed offsets:
   one CSV build (``adversarial``).
2. exact re-deliveries and 3. ``log_id`` conflicts, within a file, across files
   of one run and across runs: two incremental runs (``redelivery``).
5. late records (5 h, 3 h, 2 days, 4 days late): a first run, a later run, and
   a full build over the same files to compare with (``late``).
6. hostile text through CSV, Parquet and JSON lines (``text``).

Every test adds its rows (fault class, records tried, records lost) to the
fault report printed at the end of the session (see conftest.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

import duckdb
import pytest

from harness import STABLE_DIR, DbtResult, RawLog, query_db

COLUMNS = [
    "log_id", "logged_at", "event_name", "app_id", "client_id", "endpoint", "user_uuid",
    "identity_provider", "changed_attributes", "deactivate_account", "batch_id",
    "sso_session_id", "ip_address", "user_agent", "failure_reason", "ingested_at",
]
CONTENT_COLUMNS = [column for column in COLUMNS if column != "ingested_at"]
W = timedelta(seconds=300)  # pairing_window_seconds, the default
OUTPUTS = (
    "fct_events", "audit_log_excluded", "audit_log_rejects", "events_hourly",
    "events_by_hour_of_day",
)
BOOKKEEPING = {"processed_at", "source_file"}

SITE_A = "siteawebclient00000000000000000a"
MOBILE = "mobileappclient0000000000000000m"
BACKEND = "backendclient000000000000000000e"
IMPORTER = "importerclient00000000000000000i"
SIGNIN_WIDGET = "/widget/traditional_signin.jsonp"

# Contract section 6 order, then the project's own last-resort reason.
REASONS = (
    "missing_log_id", "unparseable_logged_at", "unknown_event_name",
    "logged_after_ingested", "missing_user_uuid", "log_id_conflict",
    "unparseable_ingested_at",
)
# Fault pairs no record can carry: a conflict needs a log_id; "logged after
# ingested" needs both timestamps readable.
IMPOSSIBLE = (
    {"missing_log_id", "log_id_conflict"},
    {"unparseable_logged_at", "logged_after_ingested"},
    {"logged_after_ingested", "unparseable_ingested_at"},
)


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


def z(instant: datetime) -> str:
    """ISO-8601 UTC text with milliseconds, as the contract's example writes it."""
    return instant.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def utc(text: str) -> datetime:
    """A naive UTC datetime from 'YYYY-MM-DDTHH:MM:SS[.ffffff]' (how DuckDB returns timestamps)."""
    return datetime.fromisoformat(text)


def user(prefix: str, number: int) -> str:
    return f"{prefix}000000-0000-4000-a000-{number:012d}"


def record(
    log_id: str,
    logged_at: str,
    event_name: str = "entityUpdated",
    *,
    ingested_at: str,
    app_id: str,
    user_uuid: str,
    client_id: str = BACKEND,
    endpoint: str = "/entity.update",
    changed_attributes: str = "",
    **fields: str,
) -> dict[str, str]:
    """One raw row; everything not given is empty. No client address, ever."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        log_id=log_id, logged_at=logged_at, event_name=event_name, app_id=app_id,
        client_id=client_id, endpoint=endpoint, user_uuid=user_uuid,
        changed_attributes=changed_attributes, ingested_at=ingested_at,
        user_agent="fault-injector/1.0",
    )
    for key, value in fields.items():
        assert key in row and key != "ip_address", key
        row[key] = value
    return row


def profile_edit(log_id: str, at: datetime, app_id: str, user_uuid: str, tag: str,
                 **fields: str) -> dict[str, str]:
    """An Entity API profile edit: canonical entity_update that needs no partner."""
    return record(
        log_id, z(at), ingested_at=z(at + timedelta(seconds=30)), app_id=app_id,
        user_uuid=user_uuid, changed_attributes=f"givenName|{tag}", **fields,
    )


def sign_in_pair(log_ids: tuple[str, str], at: datetime, app_id: str, user_uuid: str,
                 ingested: datetime | None = None, **sign_in_fields: str) -> list[dict[str, str]]:
    """A password sign-in and its lastLogin write, same client and endpoint, 1 s apart."""
    ingested_at = z(ingested or at + timedelta(seconds=30))
    common = dict(app_id=app_id, user_uuid=user_uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                  ingested_at=ingested_at)
    return [
        record(log_ids[0], z(at), "legacy_traditional_signin", **common, **sign_in_fields),
        record(log_ids[1], z(at + timedelta(seconds=1)), changed_attributes="lastLogin",
               **common),
    ]


# --------------------------------------------------------------------------
# Accounting: computed from the rows written, compared with the outputs
# --------------------------------------------------------------------------


def clean(value: str | None) -> str | None:
    """Raw text as the contract compares it: trimmed, empty = null."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def landing_key(log_id: str | None, changed_attributes: str | None) -> str:
    """How a record is looked up: its log_id, or (no log_id) the tag in changed_attributes."""
    return log_id if log_id is not None else f"tag:{changed_attributes}"


def distinct_raw(rows: Iterable[dict[str, str]]) -> dict[str, set[tuple]]:
    """Landing key -> the distinct contents delivered under it."""
    records: dict[str, set[tuple]] = {}
    for row in rows:
        content = tuple(clean(row.get(column)) for column in CONTENT_COLUMNS)
        key = landing_key(clean(row["log_id"]), clean(row["changed_attributes"]))
        records.setdefault(key, set()).add(content)
    return records


def landings(result: DbtResult) -> dict[str, list[tuple[str, str]]]:
    """Landing key -> sorted (outcome, event type or reason) of every output row with it."""
    rows = result.query(
        "select source_log_id, null, 'canonical', event_type from main.fct_events "
        "union all select log_id, null, 'excluded', exclusion_reason "
        "from main.audit_log_excluded "
        "union all select log_id, changed_attributes, 'rejected', reject_reason "
        "from main.audit_log_rejects"
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for log_id, changed_attributes, outcome, reason in rows:
        found.setdefault(landing_key(log_id, changed_attributes), []).append((outcome, reason))
    return {key: sorted(value) for key, value in found.items()}


@dataclass
class Accounting:
    raw_rows: int
    distinct_raw: int
    canonical: int
    excluded: int
    rejected: int
    lost: int
    doubled: int

    @property
    def outputs(self) -> int:
        return self.canonical + self.excluded + self.rejected


def account(rows: list[dict[str, str]], result: DbtResult) -> Accounting:
    """Distinct raw records (from the rows) against the three outputs, key by key."""
    expected = {key: len(contents) for key, contents in distinct_raw(rows).items()}
    found = landings(result)
    counts = [
        result.scalar(f"select count(*) from main.{relation}")
        for relation in ("fct_events", "audit_log_excluded", "audit_log_rejects")
    ]
    return Accounting(
        raw_rows=len(rows),
        distinct_raw=sum(expected.values()),
        canonical=counts[0],
        excluded=counts[1],
        rejected=counts[2],
        lost=sum(max(0, n - len(found.get(key, []))) for key, n in expected.items()),
        doubled=sum(max(0, len(v) - expected.get(key, 0)) for key, v in found.items()),
    )


def assert_accounted(accounting: Accounting, result: DbtResult) -> None:
    """raw = canonical + excluded + rejected, with no record lost and none doubled."""
    assert accounting.lost == 0 and accounting.doubled == 0, (accounting, result.describe())
    assert accounting.distinct_raw == accounting.outputs, accounting


@dataclass
class Case:
    """Records under one landing key, and where the contract says they land."""

    name: str
    rows: list[dict[str, str]]
    expected: list[tuple[str, str]]
    # The UTC instant of its canonical event, if it has one (for the hourly marts).
    occurred_at: datetime | None = None
    # Where its records are after the first of several runs, when that differs.
    expected_first_run: list[tuple[str, str]] | None = None
    files: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        first = self.rows[-1]
        return landing_key(clean(first["log_id"]), clean(first["changed_attributes"]))


def mismatches(cases: Iterable[Case], found: dict[str, list[tuple[str, str]]],
               first_run: bool = False) -> list[str]:
    out = []
    for case in cases:
        expected = case.expected_first_run if first_run and case.expected_first_run is not None \
            else case.expected
        got = found.get(case.key, [])
        if got != sorted(expected):
            out.append(f"{case.name} ({case.key[:60]!r}): expected {sorted(expected)}, got {got}")
    return out


def lost_of(cases: Iterable[Case], found: dict[str, list[tuple[str, str]]]) -> int:
    return sum(max(0, len(case.expected) - len(found.get(case.key, []))) for case in cases)


def rows_of(cases: Iterable[Case]) -> list[dict[str, str]]:
    return [row for case in cases for row in case.rows]


# --------------------------------------------------------------------------
# Files and builds
# --------------------------------------------------------------------------


def write_raw(rows: list[dict[str, str]], path: Path) -> Path:
    """Write rows as CSV (csv module quoting), Parquet or JSON lines, by the extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        return RawLog(list(COLUMNS), [dict(row) for row in rows], "\r\n").write(path)
    if path.suffix == ".jsonl":
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        return path
    assert path.suffix == ".parquet", path
    con = duckdb.connect()
    try:
        con.execute(
            "create table raw (" + ", ".join(f"{column} varchar" for column in COLUMNS) + ")"
        )
        con.executemany(
            f"insert into raw values ({', '.join('?' for _ in COLUMNS)})",
            [[row[column] for column in COLUMNS] for row in rows],
        )
        con.execute(f"copy raw to '{path}' (format parquet)")
    finally:
        con.close()
    return path


def build(dbt_build, workdir: Path, pattern: str) -> DbtResult:
    """dbt build over ``<workdir>/raw/<pattern>`` (a glob: every file in one run).

    The path is given relative to the dbt process's working directory (as the
    harness does for single files), so every build here has the same vars and
    reuses one parse of the project.
    """
    raw = workdir / "raw" / pattern
    extra = {"raw_audit_log_path": f"{STABLE_DIR}/raw/{pattern}"} if STABLE_DIR else None
    return dbt_build(raw, workdir, extra)


def assert_clean_build(result: DbtResult) -> None:
    assert result.returncode == 0, result.describe()
    assert not result.failed_invariants and not result.failed_tests, result.describe()


def table_rows(db_path: Path, table: str) -> list[tuple]:
    """A relation's rows without the bookkeeping columns, sorted."""
    columns = [
        name
        for (name,) in query_db(
            db_path,
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = ? order by ordinal_position",
            [table],
        )
        if name not in BOOKKEEPING
    ]
    return sorted(query_db(db_path, f"select {', '.join(columns)} from main.{table}"), key=repr)


def hourly_counts(result: DbtResult, app_id: str | None = None) -> Counter:
    where = f"where app_id = '{app_id}'" if app_id else ""
    return Counter({
        (hour, event_type): count
        for hour, event_type, count in result.query(
            f"select event_hour, event_type, sum(event_count) from main.events_hourly {where} "
            "group by all"
        )
    })


# ==========================================================================
# 1 and 4. One CSV build: every reject reason and combination, every offset
# ==========================================================================

ADV_APP = "faultrejectapp000000000000"
TZ_APP = "faulttimezoneapp0000000000"
REJECT_BASE = datetime(2026, 3, 10, 6, 0)


def reject_case(faults: tuple[str, ...], number: int) -> Case:
    """A profile edit carrying ``faults``; it must get the first of them in REASONS order.

    A conflict is a later-ingested copy of a good record with other content; the
    copy comes first in the file, so the file order would pick the wrong winner.
    """
    tag = "case_" + "+".join(faults)
    at = REJECT_BASE + timedelta(minutes=number)
    row = profile_edit(f"rj-{number:03d}", at, ADV_APP, user("ad", number), tag)
    rows = [row]
    expected = []
    occurred_at = None
    if "log_id_conflict" in faults:
        first = dict(row, changed_attributes=f"givenName|{tag}|first",
                     ingested_at=z(at + timedelta(seconds=10)))
        rows.append(first)
        expected.append(("canonical", "entity_update"))
        occurred_at = at
        row["ingested_at"] = z(at + timedelta(seconds=60))
    if "logged_after_ingested" in faults:
        row["logged_at"] = z(utc(row["ingested_at"][:-1]) + W + timedelta(seconds=1))
    if "unparseable_logged_at" in faults:
        row["logged_at"] = z(at)[:-1]  # the same time without its offset
    if "unknown_event_name" in faults:
        row["event_name"] = "entityMerged"
    if "missing_user_uuid" in faults:
        row["user_uuid"] = ""
    if "unparseable_ingested_at" in faults:
        row["ingested_at"] = "when it arrived"
    if "missing_log_id" in faults:
        row["log_id"] = ""
    reason = next(reason for reason in REASONS if reason in faults)
    expected.append(("rejected", reason))
    return Case(tag, rows, expected, occurred_at)


def combinable(faults: tuple[str, ...]) -> bool:
    return not any(pair <= set(faults) for pair in IMPOSSIBLE)


REJECT_COMBINATIONS = [
    faults
    for size in range(1, len(REASONS) + 1)
    for faults in combinations(REASONS, size)
    if combinable(faults)
]


def reject_variants() -> list[Case]:
    """Other spellings of each fault, the edges of each rule, and what is not a fault."""
    cases = []
    at = REJECT_BASE + timedelta(hours=4)

    def nth(number: int) -> tuple[str, datetime, str]:
        return f"rv-{number:03d}", at + timedelta(minutes=number), user("av", number)

    def edit(number: int, tag: str, **fields: str) -> dict[str, str]:
        log_id, when, uuid = nth(number)
        row = profile_edit(log_id, when, ADV_APP, uuid, tag)
        row.update(fields)
        return row

    rejected = [
        ("log_id of spaces only", dict(log_id="   "), "missing_log_id"),
        ("logged_at free text", dict(logged_at="yesterday"), "unparseable_logged_at"),
        ("logged_at empty", dict(logged_at=""), "unparseable_logged_at"),
        ("logged_at a date only", dict(logged_at="2026-03-10"), "unparseable_logged_at"),
        ("logged_at impossible date", dict(logged_at="2026-02-30T10:00:00Z"),
         "unparseable_logged_at"),
        ("event_name empty", dict(event_name=""), "unknown_event_name"),
        ("event_name in other case", dict(event_name="EntityUpdated"), "unknown_event_name"),
        ("event_name misspelt", dict(event_name="entity_updated"), "unknown_event_name"),
        ("user_uuid of spaces only", dict(user_uuid="   "), "missing_user_uuid"),
        ("known-user failure without user", dict(
            event_name="authenticationFailedKnownUser", user_uuid="",
            failure_reason="invalidCredentials"), "missing_user_uuid"),
        ("ingested_at empty", dict(ingested_at=""), "unparseable_ingested_at"),
        ("ingested_at without offset", dict(ingested_at="2026-03-10T11:00:00"),
         "unparseable_ingested_at"),
    ]
    for number, (name, fields, reason) in enumerate(rejected):
        row = edit(number, f"variant_{number}", **fields)
        cases.append(Case(name, [row], [("rejected", reason)]))

    number = len(rejected)
    # Two identical rows without a log_id are one record (DECISIONS 2)...
    row = edit(number, "noid_twice", log_id="")
    cases.append(Case("no log_id, delivered twice", [row, dict(row)],
                      [("rejected", "missing_log_id")]))
    # ...and an unknown-user failure needs no user: excluded, not rejected.
    number += 1
    log_id, when, _ = nth(number)
    cases.append(Case("unknown-user failure without user", [record(
        log_id, z(when), "authenticationFailedUnknownUser", app_id=ADV_APP, user_uuid="",
        client_id=SITE_A, endpoint=SIGNIN_WIDGET, failure_reason="unknownUser",
        ingested_at=z(when + timedelta(seconds=5)),
    )], [("excluded", "failed_signin")]))
    # The event name is trimmed before it is checked: canonical.
    number += 1
    log_id, when, uuid = nth(number)
    cases.append(Case("event name padded with spaces", [record(
        log_id, z(when), "  entityCreated  ", app_id=ADV_APP, user_uuid=uuid,
        endpoint="/entity.create", ingested_at=z(when + timedelta(seconds=5)),
    )], [("canonical", "entity_create")], when))
    # logged_at later than ingested_at by exactly W is allowed; by more is not.
    for extra, outcome in (
        (timedelta(0), ("canonical", "entity_update")),
        (timedelta(milliseconds=1), ("rejected", "logged_after_ingested")),
        (timedelta(seconds=1), ("rejected", "logged_after_ingested")),
    ):
        number += 1
        log_id, when, uuid = nth(number)
        logged = when + W + extra
        cases.append(Case(f"logged after ingested by W + {extra}", [record(
            log_id, z(logged), ingested_at=z(when), app_id=ADV_APP, user_uuid=uuid,
            changed_attributes=f"givenName|edge_{number}",
        )], [outcome], logged if outcome[0] == "canonical" else None))
    # The earlier copy is itself rejected: the later one is still a conflict (DECISIONS 3).
    number += 1
    first = edit(number, "conflict_after_reject_first", event_name="entityMerged")
    later = dict(first, event_name="entityUpdated",
                 changed_attributes="givenName|conflict_after_reject_later",
                 ingested_at=z(utc(first["ingested_at"][:-1]) + timedelta(minutes=1)))
    cases.append(Case("conflict with a rejected earlier copy", [later, first], [
        ("rejected", "log_id_conflict"), ("rejected", "unknown_event_name")]))
    return cases


@dataclass(frozen=True)
class Stamp:
    """A logged_at as written, and the UTC instant it means (worked out by hand)."""

    name: str
    written: str
    means: str | None  # None: rejected as unparseable_logged_at


STAMPS = [
    Stamp("Z", "2026-03-10T10:15:00Z", "2026-03-10T10:15:00"),
    Stamp("Z with milliseconds", "2026-03-10T10:15:00.250Z", "2026-03-10T10:15:00.250"),
    Stamp("+00:00", "2026-03-10T10:15:00+00:00", "2026-03-10T10:15:00"),
    Stamp("-00:00", "2026-03-10T10:15:00-00:00", "2026-03-10T10:15:00"),
    Stamp("+05:30 India", "2026-03-10T15:45:00+05:30", "2026-03-10T10:15:00"),
    Stamp("+05:30 last second of the UTC hour", "2026-03-10T16:29:59.999+05:30",
          "2026-03-10T10:59:59.999"),
    Stamp("+05:30 first instant of the next UTC hour", "2026-03-10T16:30:00+05:30",
          "2026-03-10T11:00:00"),
    Stamp("-03:30 Newfoundland", "2026-03-10T06:45:00-03:30", "2026-03-10T10:15:00"),
    Stamp("-03:30 onto the next UTC hour", "2026-03-10T07:30:00-03:30", "2026-03-10T11:00:00"),
    Stamp("+09:30 Darwin", "2026-03-10T19:45:00+09:30", "2026-03-10T10:15:00"),
    Stamp("+05:45 Nepal", "2026-03-10T16:00:00+05:45", "2026-03-10T10:15:00"),
    Stamp("+05:45 onto the next UTC hour", "2026-03-10T16:45:00+05:45", "2026-03-10T11:00:00"),
    Stamp("+14:00 Kiribati, next local day", "2026-03-11T00:15:00+14:00", "2026-03-10T10:15:00"),
    Stamp("-12:00, previous local day", "2026-03-09T22:15:00-12:00", "2026-03-10T10:15:00"),
    Stamp("+hhmm", "2026-03-10T15:45:00+0530", "2026-03-10T10:15:00"),
    Stamp("-hhmm", "2026-03-10T06:45:00-0330", "2026-03-10T10:15:00"),
    Stamp("+hh", "2026-03-10T15:15:00+05", "2026-03-10T10:15:00"),
    Stamp("-hh", "2026-03-10T07:15:00-03", "2026-03-10T10:15:00"),
    Stamp("space for T", "2026-03-10 15:45:00+05:30", "2026-03-10T10:15:00"),
    Stamp("no seconds", "2026-03-10T15:45+05:30", "2026-03-10T10:15:00"),
    Stamp("microseconds", "2026-03-10T15:45:00.123456+05:30", "2026-03-10T10:15:00.123456"),
    # America/New_York, fall back on 2026-11-01: 01:00-02:00 local happens twice.
    Stamp("New York EDT before fall-back", "2026-11-01T00:30:00-04:00", "2026-11-01T04:30:00"),
    Stamp("New York 01:30 first time (EDT)", "2026-11-01T01:30:00-04:00", "2026-11-01T05:30:00"),
    Stamp("New York 01:30 second time (EST)", "2026-11-01T01:30:00-05:00", "2026-11-01T06:30:00"),
    Stamp("New York EST after fall-back", "2026-11-01T02:30:00-05:00", "2026-11-01T07:30:00"),
    # Spring forward on 2026-03-08: 02:00-03:00 local never happens.
    Stamp("New York before spring-forward", "2026-03-08T01:59:00-05:00", "2026-03-08T06:59:00"),
    Stamp("New York after spring-forward", "2026-03-08T03:01:00-04:00", "2026-03-08T07:01:00"),
    # No offset, or not an offset: rejected, never guessed as UTC.
    Stamp("no offset", "2026-03-10T10:15:00", None),
    Stamp("no offset, space for T", "2026-03-10 10:15:00", None),
    Stamp("no offset, fractions", "2026-03-10T10:15:00.000", None),
    Stamp("zone name instead of offset", "2026-03-10T10:15:00UTC", None),
    Stamp("space before the offset", "2026-03-10T10:15:00 +05:30", None),
    Stamp("one-digit offset hour", "2026-03-10T15:45:00+5:30", None),
    Stamp("offset hour 25", "2026-03-10T10:15:00+25:00", None),
    Stamp("offset minute 99", "2026-03-10T10:15:00+05:99", None),
    Stamp("offset of 99 hours", "2026-03-10T10:15:00+99", None),
    Stamp("offset -24:00", "2026-03-10T10:15:00-24:00", None),
]


def timestamp_cases() -> list[Case]:
    """One profile edit per stamp, plus sign-in pairs whose halves disagree on the offset."""
    cases = []
    for number, stamp in enumerate(STAMPS):
        means = utc(stamp.means) if stamp.means else None
        ingested = z((means or datetime(2026, 11, 2)) + timedelta(minutes=1))
        row = record(f"tz-{number:03d}", stamp.written, ingested_at=ingested, app_id=TZ_APP,
                     user_uuid=user("tz", number), changed_attributes=f"givenName|tz_{number}")
        outcome = ("canonical", "entity_update") if means else ("rejected", "unparseable_logged_at")
        cases.append(Case(f"logged_at {stamp.name}: {stamp.written}", [row], [outcome], means))

    # Pairs: invariant 5 pairs them within W only if both halves are read as UTC.
    pairs = [
        # sign-in at 12:05:00Z written in Nepal time, its write 1 s later in UTC
        ("nepal/utc", "2026-03-10T17:50:00+05:45", "2026-03-10T12:05:01Z",
         "2026-03-10T12:05:00", "2026-03-10T12:05:01"),
        # across the fall-back: the write's local clock reads an hour *earlier*
        ("EDT/EST", "2026-11-01T01:59:30-04:00", "2026-11-01T01:00:10-05:00",
         "2026-11-01T05:59:30", "2026-11-01T06:00:10"),
        # the two halves written with the two extreme offsets
        ("+14/-12", "2026-03-11T02:00:00+14:00", "2026-03-10T00:00:30-12:00",
         "2026-03-10T12:00:00", "2026-03-10T12:00:30"),
    ]
    for number, (name, signin_at, write_at, signin_utc, write_utc) in enumerate(pairs):
        uuid = user("tp", number)
        common = dict(app_id=TZ_APP, user_uuid=uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                      ingested_at=z(utc(write_utc) + timedelta(minutes=1)))
        cases.append(Case(f"sign-in {name}", [record(
            f"tp-{number}-signin", signin_at, "legacy_traditional_signin", **common,
        )], [("canonical", "signin.traditional")], utc(signin_utc)))
        cases.append(Case(f"login write {name}", [record(
            f"tp-{number}-login", write_at, changed_attributes="lastLogin", **common,
        )], [("canonical", "entity_update")], utc(write_utc)))

    # logged_after_ingested compares instants, not text.
    offsets = [
        # local text 23:00 reads later than 09:01Z, but is 09:00Z: fine
        ("+14:00 before a UTC ingestion", "2026-03-10T23:00:00+14:00", "2026-03-10T09:01:00Z",
         "2026-03-10T09:00:00"),
        # local text 00:30 reads earlier than 12:00Z, but is 12:30Z: 30 min after ingestion
        ("-12:00 after a UTC ingestion", "2026-03-10T00:30:00-12:00", "2026-03-10T12:00:00Z",
         None),
        # ingested_at with an offset: 15:31+05:30 is 10:01Z, 9 min before 10:10Z
        ("UTC after an offset ingestion", "2026-03-10T10:10:00Z", "2026-03-10T15:31:00+05:30",
         None),
        ("UTC before an offset ingestion", "2026-03-10T10:00:00Z", "2026-03-10T15:31:00+05:30",
         "2026-03-10T10:00:00"),
    ]
    for number, (name, logged_at, ingested_at, means) in enumerate(offsets):
        row = record(f"ti-{number}", logged_at, ingested_at=ingested_at, app_id=TZ_APP,
                     user_uuid=user("ti", number), changed_attributes=f"givenName|ti_{number}")
        outcome = ("canonical", "entity_update") if means else ("rejected", "logged_after_ingested")
        cases.append(Case(name, [row], [outcome], utc(means) if means else None))
    return cases


REJECT_CASES = [reject_case(faults, n) for n, faults in enumerate(REJECT_COMBINATIONS)]
VARIANT_CASES = reject_variants()
TIMESTAMP_CASES = timestamp_cases()
ADVERSARIAL_CASES = REJECT_CASES + VARIANT_CASES + TIMESTAMP_CASES


@pytest.fixture(scope="module")
def adversarial(dbt_build, tmp_path_factory) -> DbtResult:
    """One build of every reject and timestamp case, in one CSV file."""
    workdir = tmp_path_factory.mktemp("faults_adversarial")
    write_raw(rows_of(ADVERSARIAL_CASES), workdir / "raw" / "adversarial.csv")
    result = build(dbt_build, workdir, "*.csv")
    assert result.run_results, result.describe()
    return result


@pytest.mark.xdist_group("faults_adversarial")
def test_each_reject_reason_alone(adversarial, fault_report):
    """A record with exactly one fault gets that fault's reason; the build stays green."""
    cases = [case for case in REJECT_CASES if len(case.name.split("+")) == 1] + VARIANT_CASES
    found = landings(adversarial)
    fault_report("1 reject reasons, one fault each", len(rows_of(cases)), lost_of(cases, found))
    assert_clean_build(adversarial)
    assert not mismatches(cases, found), "\n".join(mismatches(cases, found))
    assert {case.expected[-1][1] for case in REJECT_CASES} == set(REASONS)


@pytest.mark.xdist_group("faults_adversarial")
def test_combined_faults_get_the_first_reason(adversarial, fault_report):
    """A record with several faults gets the first reason in the contract's order.

    Every combination of the seven faults that one record can carry (all pairs
    but the three impossible ones, and every larger set), so every ordering of
    two reasons is decided by at least one record.
    """
    cases = [case for case in REJECT_CASES if "+" in case.name]
    found = landings(adversarial)
    fault_report("1 reject reasons, faults combined", len(rows_of(cases)), lost_of(cases, found))
    assert not mismatches(cases, found), "\n".join(mismatches(cases, found))
    decided = {
        (first, second)
        for case in cases
        for first, second in combinations(case.name.removeprefix("case_").split("+"), 2)
    }
    assert decided == {
        pair for pair in combinations(REASONS, 2) if combinable(pair)
    }, "some ordering of two reasons is not tried"


@pytest.mark.xdist_group("faults_adversarial")
def test_offsets_give_the_right_utc_instant(adversarial, fault_report):
    """occurred_at is the UTC instant the offset means; no offset (or a bad one) is rejected."""
    found = landings(adversarial)
    fault_report("4 timestamps and offsets", len(rows_of(TIMESTAMP_CASES)),
                 lost_of(TIMESTAMP_CASES, found))
    assert not mismatches(TIMESTAMP_CASES, found), "\n".join(mismatches(TIMESTAMP_CASES, found))
    occurred = dict(adversarial.query(
        "select source_log_id, occurred_at from main.fct_events where app_id = ?", [TZ_APP]
    ))
    wrong = [
        f"{case.name}: expected {case.occurred_at}, got {occurred.get(case.key)}"
        for case in TIMESTAMP_CASES
        if case.occurred_at is not None and occurred.get(case.key) != case.occurred_at
    ]
    assert not wrong, "\n".join(wrong)


def test_new_york_offsets_are_the_real_ones():
    """The DST stamps above use the offsets New York really has around its 2026 changes."""
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


@pytest.mark.xdist_group("faults_adversarial")
def test_hourly_marts_use_utc_hours(adversarial, fault_report):
    """events_hourly and events_by_hour_of_day count each event in its UTC hour.

    The twice-occurring New York 01:30 lands in 05:00 and 06:00 UTC; half-hour
    and 45-minute offsets land on the right side of an hour boundary.
    """
    canonical = [case for case in ADVERSARIAL_CASES if case.occurred_at is not None]
    fault_report("4 timestamps in the hourly marts", len(rows_of(TIMESTAMP_CASES)), 0)
    assert_clean_build(adversarial)

    def event_type(case: Case) -> str:
        return next(reason for outcome, reason in case.expected if outcome == "canonical")

    def hour(instant: datetime) -> datetime:
        return instant.replace(minute=0, second=0, microsecond=0)

    expected = Counter(
        (hour(case.occurred_at), event_type(case))
        for case in canonical if case.rows[0]["app_id"] == TZ_APP
    )
    assert hourly_counts(adversarial, TZ_APP) == expected
    by_hour_of_day = Counter()
    for case in canonical:
        by_hour_of_day[(case.occurred_at.hour, event_type(case))] += 1
    got = Counter({
        (hour_of_day, kind): count
        for hour_of_day, kind, count in adversarial.query(
            "select hour_of_day, event_type, event_count from main.events_by_hour_of_day"
        )
    })
    assert got == by_hour_of_day
    new_york = {
        row[0]: row[1]
        for row in adversarial.query(
            "select event_hour, sum(event_count) from main.events_hourly "
            "where event_hour between '2026-11-01 04:00' and '2026-11-01 07:00' "
            "and app_id = ? group by all", [TZ_APP]
        )
    }
    assert new_york == {
        datetime(2026, 11, 1, 4): 1, datetime(2026, 11, 1, 5): 2,
        datetime(2026, 11, 1, 6): 2, datetime(2026, 11, 1, 7): 1,
    }


@pytest.mark.xdist_group("faults_adversarial")
def test_adversarial_build_accounts_for_every_record(adversarial, fault_report):
    """raw = canonical + excluded + rejected over the whole adversarial file."""
    rows = rows_of(ADVERSARIAL_CASES)
    accounting = account(rows, adversarial)
    fault_report("1+4 whole adversarial file", len(rows), accounting.lost)
    assert_clean_build(adversarial)
    assert_accounted(accounting, adversarial)


# ==========================================================================
# 2 and 3. Re-deliveries and log_id conflicts, in one run and across runs
# ==========================================================================

DUP_APP = "faultredeliveryapp00000000"
DUP_BASE = datetime(2026, 3, 12, 9, 0)
# Run 1 reads files 0 and 1 with one glob; run 2 adds file 2.
DUP_FILES = ("2026-03-12a.csv", "2026-03-12b.csv", "2026-03-13.csv")


def later(row: dict[str, str], seconds: int, **fields: str) -> dict[str, str]:
    """The row with its ingested_at moved by ``seconds`` and some fields changed."""
    moved = utc(row["ingested_at"][:-1]) + timedelta(seconds=seconds)
    return dict(row, ingested_at=z(moved), **fields)


def redelivery_cases() -> tuple[list[Case], list[Case]]:
    """(exact re-deliveries, conflicts); each row carries the file it is in (``files``)."""
    redeliveries: list[Case] = []
    conflicts: list[Case] = []
    counter = iter(range(1000))

    def slot() -> tuple[int, datetime, str]:
        number = next(counter)
        return number, DUP_BASE + timedelta(minutes=number), user("dd", number)

    def edit(prefix: str) -> tuple[dict[str, str], datetime]:
        number, at, uuid = slot()
        return profile_edit(f"{prefix}-{number:03d}", at, DUP_APP, uuid, f"{prefix}_{number}"), at

    def add(target: list[Case], name: str, deliveries: list[tuple[int, dict]],
            expected: list[tuple[str, str]], occurred_at: datetime | None = None,
            first_run: list[tuple[str, str]] | None = None) -> None:
        target.append(Case(name, [row for _, row in deliveries], expected, occurred_at,
                           first_run, [file for file, _ in deliveries]))

    canonical = [("canonical", "entity_update")]
    # -- exact re-deliveries ------------------------------------------------
    row, at = edit("d")
    padded = dict(row, changed_attributes=f"  {row['changed_attributes']}  ",
                  app_id=f" {DUP_APP} ")
    add(redeliveries, "3x in one file (later ingestion, padded with spaces)",
        [(0, row), (0, later(row, 3600)), (0, padded)], canonical, at)

    number, at, uuid = slot()
    failed = record(f"d-{number:03d}", z(at), "authenticationFailedKnownUser", app_id=DUP_APP,
                    user_uuid=uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                    failure_reason="invalidCredentials", ingested_at=z(at + timedelta(seconds=9)))
    add(redeliveries, "excluded record 2x in one file", [(0, failed), (0, later(failed, 60))],
        [("excluded", "failed_signin")])

    row, _ = edit("d")
    row["event_name"] = "entityMerged"
    add(redeliveries, "rejected record 2x in one file", [(0, row), (0, dict(row))],
        [("rejected", "unknown_event_name")])

    row, _ = edit("d")
    row["log_id"] = ""
    add(redeliveries, "record without log_id 2x in one file", [(0, row), (0, later(row, 5))],
        [("rejected", "missing_log_id")])

    number, at, uuid = slot()
    signin, login = sign_in_pair((f"d-{number:03d}-s", f"d-{number:03d}-u"), at, DUP_APP, uuid)
    add(redeliveries, "sign-in 2x in one file", [(0, signin), (0, later(signin, 30))],
        [("canonical", "signin.traditional")], at)
    add(redeliveries, "its login write 2x in one file", [(0, login), (0, dict(login))],
        canonical, at + timedelta(seconds=1))

    row, at = edit("d")
    add(redeliveries, "across the two files of one run", [(0, row), (1, later(row, 60))],
        canonical, at)
    row, at = edit("d")
    add(redeliveries, "across files, the second file's copy ingested first",
        [(0, later(row, 600)), (1, row)], canonical, at)

    row, at = edit("d")
    add(redeliveries, "across runs", [(0, row), (2, later(row, 86400))], canonical, at)
    number, at, uuid = slot()
    failed = dict(failed, log_id=f"d-{number:03d}", logged_at=z(at), user_uuid=uuid,
                  ingested_at=z(at + timedelta(seconds=9)))
    add(redeliveries, "excluded record across runs", [(1, failed), (2, later(failed, 86400))],
        [("excluded", "failed_signin")])
    row, _ = edit("d")
    row["event_name"] = "entityMerged"
    add(redeliveries, "rejected record across runs", [(0, row), (2, later(row, 86400))],
        [("rejected", "unknown_event_name")])
    row, _ = edit("d")
    row["log_id"] = ""
    add(redeliveries, "record without log_id across runs", [(1, row), (2, later(row, 86400))],
        [("rejected", "missing_log_id")])
    number, at, uuid = slot()
    signin, login = sign_in_pair((f"d-{number:03d}-s", f"d-{number:03d}-u"), at, DUP_APP, uuid)
    add(redeliveries, "sign-in across runs", [(1, signin), (2, later(signin, 86400))],
        [("canonical", "signin.traditional")], at)
    add(redeliveries, "its login write across runs", [(1, login), (2, later(login, 86400))],
        canonical, at + timedelta(seconds=1))
    row, at = edit("d")
    add(redeliveries, "2x within the second run's file", [(2, row), (2, later(row, 1))],
        canonical, at, first_run=[])
    row, at = edit("d")
    add(redeliveries, "in every file, twice in the last",
        [(0, row), (1, later(row, 10)), (2, later(row, 20)), (2, later(row, 30))], canonical, at)

    # -- conflicts: the first ingested copy wins -----------------------------
    conflict = [("canonical", "entity_update"), ("rejected", "log_id_conflict")]

    def pair(prefix: str) -> tuple[dict, dict, datetime]:
        row, at = edit(prefix)
        winner = dict(row, changed_attributes=f"{row['changed_attributes']}|A")
        loser = later(row, 120, changed_attributes=f"{row['changed_attributes']}|B")
        return winner, loser, at

    winner, loser, at = pair("c")
    add(conflicts, "in one file, the later-ingested copy first in the file",
        [(0, loser), (0, winner)], conflict, at)
    winner, loser, at = pair("c")
    add(conflicts, "across files, the first file's copy ingested later",
        [(0, loser), (1, winner)], conflict, at)
    winner, loser, at = pair("c")
    add(conflicts, "across files, the first file's copy ingested first",
        [(0, winner), (1, loser)], conflict, at)
    winner, loser, at = pair("c")
    third = later(loser, 120, changed_attributes=winner["changed_attributes"][:-1] + "C")
    add(conflicts, "three copies across files", [(0, third), (1, winner), (0, loser)],
        conflict + [("rejected", "log_id_conflict")], at)
    winner, loser, at = pair("c")
    add(conflicts, "winner and loser each re-delivered, across files and runs",
        [(0, winner), (0, later(winner, 5)), (0, loser), (1, later(loser, 5)),
         (2, later(loser, 86400))], conflict, at)
    winner, loser, at = pair("c")
    loser["changed_attributes"] = winner["changed_attributes"].replace("givenName", "GivenName")
    add(conflicts, "copies differing only in letter case", [(0, loser), (0, winner)],
        conflict, at)
    winner, loser, at = pair("c")
    winner["event_name"] = "entityMerged"
    add(conflicts, "the earlier copy is rejected for another reason", [(0, loser), (0, winner)],
        [("rejected", "log_id_conflict"), ("rejected", "unknown_event_name")])
    winner, loser, at = pair("c")
    add(conflicts, "across runs", [(0, winner), (2, later(loser, 86400))], conflict, at,
        first_run=canonical)
    number, at, uuid = slot()
    failed = dict(failed, log_id=f"c-{number:03d}", logged_at=z(at), user_uuid=uuid,
                  ingested_at=z(at + timedelta(seconds=9)))
    add(conflicts, "excluded record, conflicting copy in the next run",
        [(1, failed), (2, later(failed, 86400, failure_reason="accountDeactivated"))],
        [("excluded", "failed_signin"), ("rejected", "log_id_conflict")],
        first_run=[("excluded", "failed_signin")])
    winner, loser, at = pair("c")
    third = later(loser, 86400, changed_attributes=winner["changed_attributes"][:-1] + "C")
    add(conflicts, "conflict in the first run, a third copy in the second",
        [(0, winner), (1, loser), (2, third)], conflict + [("rejected", "log_id_conflict")], at,
        first_run=conflict)
    winner, loser, at = pair("c")
    loser["ingested_at"] = winner["ingested_at"]
    add(conflicts, "two copies ingested at the same instant (either may win)",
        [(0, loser), (0, winner)], conflict, at)
    return redeliveries, conflicts


REDELIVERY_CASES, CONFLICT_CASES = redelivery_cases()
DUP_CASES = REDELIVERY_CASES + CONFLICT_CASES


def dup_rows(files: Iterable[int]) -> list[dict[str, str]]:
    wanted = set(files)
    return [
        row
        for case in DUP_CASES
        for file, row in zip(case.files, case.rows)
        if file in wanted
    ]


@dataclass
class TwoRuns:
    first: DbtResult
    first_landings: dict[str, list[tuple[str, str]]]
    first_accounting: Accounting
    second: DbtResult


@pytest.fixture(scope="module")
def redelivery_runs(dbt_build, tmp_path_factory) -> TwoRuns:
    """Run 1 reads two files through one glob; run 2 (incremental) adds a third."""
    workdir = tmp_path_factory.mktemp("faults_redelivery")
    for number in (0, 1):
        write_raw(dup_rows([number]), workdir / "raw" / DUP_FILES[number])
    first = build(dbt_build, workdir, "*.csv")
    assert first.run_results, first.describe()
    first_landings = landings(first) if first.returncode == 0 else {}
    first_accounting = account(dup_rows([0, 1]), first)
    write_raw(dup_rows([2]), workdir / "raw" / DUP_FILES[2])
    second = build(dbt_build, workdir, "*.csv")
    return TwoRuns(first, first_landings, first_accounting, second)


@pytest.mark.xdist_group("faults_redelivery")
def test_redeliveries_count_once(redelivery_runs, fault_report):
    """Exact copies (in one file, across files, across runs) are one record, in both runs."""
    runs = redelivery_runs
    found = landings(runs.second)
    fault_report("2 exact re-deliveries", len(rows_of(REDELIVERY_CASES)),
                 lost_of(REDELIVERY_CASES, found))
    assert_clean_build(runs.first)
    assert_clean_build(runs.second)
    first_cases = [case for case in REDELIVERY_CASES if any(f < 2 for f in case.files)]
    problems = mismatches(first_cases, runs.first_landings, first_run=True)
    assert not problems, "after run 1:\n" + "\n".join(problems)
    problems = mismatches(REDELIVERY_CASES, found)
    assert not problems, "after run 2:\n" + "\n".join(problems)
    loads = runs.second.query(
        "select regexp_extract(source_file, '[^/]+$'), delivered_rows "
        "from main.audit_log_loads order by 1"
    )
    assert [name for name, _ in loads] == list(DUP_FILES), loads


@pytest.mark.xdist_group("faults_redelivery")
def test_first_ingested_copy_wins_a_conflict(redelivery_runs, fault_report):
    """Same log_id, other content: the first *ingested* copy is kept, not the first in
    the file; later copies are rejected log_id_conflict, in one run and across runs."""
    runs = redelivery_runs
    found = landings(runs.second)
    fault_report("3 log_id conflicts", len(rows_of(CONFLICT_CASES)),
                 lost_of(CONFLICT_CASES, found))
    assert_clean_build(runs.second)
    first_cases = [case for case in CONFLICT_CASES if any(f < 2 for f in case.files)]
    problems = mismatches(first_cases, runs.first_landings, first_run=True)
    assert not problems, "after run 1:\n" + "\n".join(problems)
    problems = mismatches(CONFLICT_CASES, found)
    assert not problems, "after run 2:\n" + "\n".join(problems)

    kept = dict(runs.second.query(
        "select source_log_id, changed_attributes from main.fct_events where app_id = ?",
        [DUP_APP],
    ))
    rejected: dict[str, set[str]] = {}
    for log_id, attributes in runs.second.query(
        "select log_id, changed_attributes from main.audit_log_rejects "
        "where reject_reason = 'log_id_conflict'"
    ):
        rejected.setdefault(log_id, set()).add(attributes)
    wrong = []
    for case in CONFLICT_CASES:
        if "either may win" in case.name or case.occurred_at is None:
            continue
        contents = {clean(row["changed_attributes"]) for row in case.rows}
        winner = min(case.rows, key=lambda row: row["ingested_at"])["changed_attributes"]
        if kept.get(case.key) != winner or rejected.get(case.key) != contents - {winner}:
            wrong.append(f"{case.name}: kept {kept.get(case.key)}, "
                         f"rejected {rejected.get(case.key)}; expected {winner} kept")
    assert not wrong, "\n".join(wrong)


@pytest.mark.xdist_group("faults_redelivery")
def test_redelivery_runs_account_for_every_record(redelivery_runs, fault_report):
    """raw = canonical + excluded + rejected after run 1 (two files) and after run 2 (three)."""
    runs = redelivery_runs
    rows = dup_rows([0, 1, 2])
    accounting = account(rows, runs.second)
    fault_report("2+3 both runs, all files", len(rows), accounting.lost)
    assert_accounted(runs.first_accounting, runs.first)
    assert_accounted(accounting, runs.second)


# ==========================================================================
# 5. Late records: a later run brings records logged hours and days before
# ==========================================================================

LATE_APP = "faultlatearrivalapp0000000"
FIRST_DAY = datetime(2026, 3, 20)
SECOND_RUN_INGESTS = datetime(2026, 3, 20, 13, 0)


def late_cases() -> tuple[list[Case], list[Case]]:
    """(first run's records: 2026-03-20 08:00-12:59 UTC, second run's late records)."""
    on_time: list[Case] = []
    late: list[Case] = []
    for hour in range(8, 13):
        at = FIRST_DAY + timedelta(hours=hour, minutes=10)
        uuid = user("lt", hour)
        on_time.append(Case(f"edit {hour}h", [profile_edit(
            f"lt-{hour}-edit", at, LATE_APP, uuid, f"late_{hour}")],
            [("canonical", "entity_update")], at))
        signin, login = sign_in_pair((f"lt-{hour}-s", f"lt-{hour}-u"),
                                     at + timedelta(minutes=20), LATE_APP, uuid)
        on_time.append(Case(f"sign-in {hour}h", [signin], [("canonical", "signin.traditional")],
                            at + timedelta(minutes=20)))
        on_time.append(Case(f"login {hour}h", [login], [("canonical", "entity_update")],
                            at + timedelta(minutes=20, seconds=1)))

    arriving = SECOND_RUN_INGESTS

    def late_edit(name: str, at: datetime, number: int) -> None:
        row = profile_edit(f"ll-{number}", at, LATE_APP, user("ll", number), f"late_{number}")
        row["ingested_at"] = z(arriving)
        late.append(Case(name, [row], [("canonical", "entity_update")], at))

    def late_pair(name: str, at: datetime, number: int) -> None:
        signin, login = sign_in_pair((f"ll-{number}-s", f"ll-{number}-u"), at, LATE_APP,
                                     user("ll", number), ingested=arriving)
        late.append(Case(f"sign-in {name}", [signin], [("canonical", "signin.traditional")], at))
        late.append(Case(f"login {name}", [login], [("canonical", "entity_update")],
                         at + timedelta(seconds=1)))

    late_pair("5 h late, into an hour the first run built", FIRST_DAY.replace(hour=8, minute=2), 1)
    late_edit("3 h late, into an hour the first run built", FIRST_DAY.replace(hour=10, minute=40),
              2)
    late_edit("on time, last hour", FIRST_DAY.replace(hour=12, minute=55), 3)
    # Two days late: a whole registration, then a sign-in 15 min after it.
    registered = datetime(2026, 3, 18, 11, 30)
    uuid = user("ll", 4)
    common = dict(app_id=LATE_APP, user_uuid=uuid, client_id=SITE_A,
                  endpoint="/widget/traditional_register.jsonp", ingested_at=z(arriving))
    late.append(Case("registration 2 days late", [record(
        "ll-4-reg", z(registered), "legacy_traditional_registration", **common,
    )], [("canonical", "signin.traditional_register")], registered))
    late.append(Case("its profile creation 2 days late", [record(
        "ll-4-create", z(registered + timedelta(seconds=1)), "entityCreated", **common,
    )], [("canonical", "entity_create")], registered + timedelta(seconds=1)))
    signin, login = sign_in_pair(("ll-4-s", "ll-4-u"), registered + timedelta(minutes=15),
                                 LATE_APP, uuid, ingested=arriving)
    late.append(Case("sign-in 2 days late", [signin], [("canonical", "signin.traditional")],
                     registered + timedelta(minutes=15)))
    late.append(Case("login 2 days late", [login], [("canonical", "entity_update")],
                     registered + timedelta(minutes=15, seconds=1)))
    late_edit("4 days late, beyond the 72 h window", datetime(2026, 3, 16, 9, 10), 5)
    at = datetime(2026, 3, 19, 7, 0)
    late.append(Case("failed sign-in a day late", [record(
        "ll-6", z(at), "authenticationFailedKnownUser", app_id=LATE_APP, user_uuid=user("ll", 6),
        client_id=SITE_A, endpoint=SIGNIN_WIDGET, failure_reason="invalidCredentials",
        ingested_at=z(arriving),
    )], [("excluded", "failed_signin")]))
    late.append(Case("unknown event a day late", [record(
        "ll-7", z(at), "entityMerged", app_id=LATE_APP, user_uuid=user("ll", 7),
        ingested_at=z(arriving),
    )], [("rejected", "unknown_event_name")]))
    return on_time, late


ON_TIME_CASES, LATE_CASES = late_cases()


@dataclass
class LateRuns:
    first: DbtResult
    first_hourly: list[tuple]
    second: DbtResult
    full: DbtResult


@pytest.fixture(scope="module")
def late_runs(dbt_build, tmp_path_factory) -> LateRuns:
    """Run 1 on the on-time file, run 2 adds the late file; and one build of both files."""
    workdir = tmp_path_factory.mktemp("faults_late")
    write_raw(rows_of(ON_TIME_CASES), workdir / "raw" / "load1.csv")
    first = build(dbt_build, workdir, "*.csv")
    assert first.run_results, first.describe()
    first_hourly = first.query("select * from main.events_hourly") if first.returncode == 0 else []
    write_raw(rows_of(LATE_CASES), workdir / "raw" / "load2.csv")
    second = build(dbt_build, workdir, "*.csv")

    full_dir = tmp_path_factory.mktemp("faults_late_full")
    for name in ("load1.csv", "load2.csv"):
        (full_dir / "raw").mkdir(exist_ok=True)
        (full_dir / "raw" / name).write_bytes((workdir / "raw" / name).read_bytes())
    full = build(dbt_build, full_dir, "*.csv")
    return LateRuns(first, first_hourly, second, full)


@pytest.mark.xdist_group("faults_late")
def test_late_records_land_in_their_true_hour(late_runs, fault_report):
    """Records 3 h, 5 h, 2 and 4 days late count in the hour they were logged; the hours
    they do not touch keep exactly the rows the first run wrote."""
    runs = late_runs
    found = landings(runs.second)
    fault_report("5 late records", len(rows_of(LATE_CASES)), lost_of(LATE_CASES, found))
    assert_clean_build(runs.first)
    assert_clean_build(runs.second)
    problems = mismatches(ON_TIME_CASES + LATE_CASES, found)
    assert not problems, "\n".join(problems)

    def hour(instant: datetime) -> datetime:
        return instant.replace(minute=0, second=0, microsecond=0)

    def expected_type(case: Case) -> str:
        return case.expected[0][1]

    canonical = [case for case in ON_TIME_CASES + LATE_CASES if case.occurred_at is not None]
    expected = Counter((hour(case.occurred_at), expected_type(case)) for case in canonical)
    assert hourly_counts(runs.second, LATE_APP) == expected

    touched = {hour(case.occurred_at) for case in LATE_CASES if case.occurred_at is not None}
    assert len(touched) == 5, touched  # three hours the first run built, two it never saw
    untouched_before = sorted((row for row in runs.first_hourly if row[0] not in touched), key=repr)
    untouched_after = sorted(
        (row for row in runs.second.query("select * from main.events_hourly")
         if row[0] not in touched), key=repr,
    )
    assert untouched_after == untouched_before and untouched_before


@pytest.mark.xdist_group("faults_late")
def test_late_run_equals_one_full_build(late_runs, fault_report):
    """After the late run every output equals one build over both files, row for row."""
    runs = late_runs
    rows = rows_of(ON_TIME_CASES + LATE_CASES)
    accounting = account(rows, runs.second)
    fault_report("5 late records, incremental vs full build", len(rows), accounting.lost)
    assert_clean_build(runs.full)
    assert_accounted(accounting, runs.second)
    assert_accounted(account(rows, runs.full), runs.full)
    for table in OUTPUTS:
        assert table_rows(runs.second.db_path, table) == table_rows(runs.full.db_path, table), table


# ==========================================================================
# 6. Hostile text passes through unharmed, in CSV, Parquet and JSON lines
# ==========================================================================

TEXT_APP = "faulthostiletextapp0000000"
TEXT_BASE = datetime(2026, 3, 14, 9, 0)
LONG = "<" + "long,\"value\"\r\n\tα" * 6250 + ">"  # 100 002 characters

# name -> value; none reads as an e-mail or an IP address. Only "padded" has
# surrounding whitespace: it must arrive trimmed, everything else byte for byte.
HOSTILE = {
    "double quotes": 'say "hello" and ""bye"" "',
    "commas": "a,b,,c,",
    "LF inside": "line one\nline two",
    "CR inside": "line one\rline two",
    "CRLF inside": "line one\r\nline two",
    "mixed breaks": "a\n\r\nb\r\rc\n\nd",
    "accents": "Ångström café naïve Ørsted",
    "CJK": "日本語テキスト 中文字符 한국어",
    "RTL": "مرحبا بالعالم שלום עולם",
    "RTL override": "abc\u202edef\u202cghi",
    "combining marks": "e\u0301 a\u0308 n\u0303 (decomposed, not normalised)",
    "ZWJ sequences": "👩\u200d💻 and 👨\u200d👩\u200d👧\u200d👦",
    "emoji": "🎉🚀 smile 😀 flag 🇫🇷",
    "formula cmd": "=cmd|' /C calc'!A0",
    "formula plus": "+SUM(1)",
    "formula at": "@x",
    "formula minus": "-1+1",
    "tab inside": "a\tb\tc",
    "control characters": "a\x01b\x07c\x1bd\x7fe\x0bf\x0cg",
    "backslashes": "C:\\path\\to \\N \\n \\\"",
    "null words": "NULL",
    "comment mark": "# not a comment",
    "very long": LONG,
    "padded": "   padded value\t x   ",
}


def expected_text(value: str) -> str:
    return value.strip(" ")


def text_rows() -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    """Six records per hostile value, one per output column that carries it.

    Returns the rows and, per value name, the log_ids of its carriers.
    """
    rows: list[dict[str, str]] = []
    carriers: dict[str, dict[str, str]] = {}
    for number, (name, value) in enumerate(HOSTILE.items()):
        at = TEXT_BASE + timedelta(minutes=number)
        uuid = user("tx", number)
        ids = dict(
            edit=f"tx-{number:02d}-edit", signin=f"tx-{number:02d}-signin",
            login=f"tx-{number:02d}-login", bulk=f"tx-{number:02d}-bulk",
            failed=f"tx-{number:02d}-failed", reject=f"tx-{number:02d}-reject:{value}",
        )
        carriers[name] = ids
        ingested = z(at + timedelta(seconds=30))
        common = dict(app_id=TEXT_APP, ingested_at=ingested)
        rows.append(record(ids["edit"], z(at), user_uuid=uuid, client_id=value,
                           changed_attributes=value, **common))
        social = dict(user_uuid=uuid, client_id=MOBILE, endpoint="/oauth/auth_native", **common)
        rows.append(record(ids["signin"], z(at), "legacy_social_signin",
                           identity_provider=value, sso_session_id=value, **social))
        rows.append(record(ids["login"], z(at + timedelta(seconds=1)),
                           changed_attributes="lastLogin", **social))
        rows.append(record(ids["bulk"], z(at), "entityCreated", user_uuid=user("tb", number),
                           client_id=IMPORTER, endpoint="/entity.bulkCreate", batch_id=value,
                           **common))
        rows.append(record(ids["failed"], z(at), "authenticationFailedKnownUser",
                           user_uuid=uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                           failure_reason=value, **common))
        rows.append(record(
            ids["reject"], z(at), value, ingested_at=ingested, app_id=value, user_uuid=value,
            client_id=value, endpoint=value, changed_attributes=value, identity_provider=value,
            deactivate_account=value, batch_id=value, sso_session_id=value,
            failure_reason=value,
        ))
    return rows, carriers


TEXT_ROWS, TEXT_CARRIERS = text_rows()
REJECT_TEXT_COLUMNS = (
    "event_name", "app_id", "user_uuid", "client_id", "endpoint", "changed_attributes",
    "identity_provider", "deactivate_account", "batch_id", "sso_session_id", "failure_reason",
)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(fmt, marks=pytest.mark.xdist_group(f"faults_text_{fmt}"))
        for fmt in ("csv", "parquet", "jsonl")
    ],
)
def text_build(request, dbt_build, tmp_path_factory) -> tuple[str, DbtResult]:
    """The hostile records written in one format and built."""
    fmt = request.param
    workdir = tmp_path_factory.mktemp(f"faults_text_{fmt}")
    write_raw(TEXT_ROWS, workdir / "raw" / f"hostile.{fmt}")
    result = build(dbt_build, workdir, f"*.{fmt}")
    assert result.run_results, result.describe()
    return fmt, result


def show(value: object) -> str:
    text = repr(value)
    return text if len(text) < 120 else f"{text[:80]}...({len(text)} chars)"


def test_hostile_text_arrives_byte_for_byte(text_build, fault_report):
    """Quotes, commas, line breaks, unicode, formulas, control characters and a
    100 000-character value arrive unchanged in every output column that carries
    them (only surrounding spaces are trimmed), and every record is accounted for."""
    fmt, result = text_build
    accounting = account(TEXT_ROWS, result)
    fault_report(f"6 hostile text ({fmt})", len(TEXT_ROWS), accounting.lost)
    assert_clean_build(result)

    facts = {
        row[0]: row[1:]
        for row in result.query(
            "select source_log_id, client_id, changed_attributes, identity_provider, "
            "sso_session_id, batch_id from main.fct_events where app_id = ?", [TEXT_APP]
        )
    }
    failures = dict(result.query(
        "select log_id, failure_reason from main.audit_log_excluded where app_id = ?", [TEXT_APP]
    ))
    rejects = {
        row[0]: row[1:]
        for row in result.query(
            f"select log_id, reject_reason, {', '.join(REJECT_TEXT_COLUMNS)} "
            "from main.audit_log_rejects"
        )
    }
    hourly_clients = {
        client for (client,) in result.query(
            "select client_id from main.events_hourly where app_id = ?", [TEXT_APP]
        )
    }
    wrong = []

    def check(name: str, where: str, got: object, expected: str) -> None:
        if got != expected or (isinstance(got, str) and got.encode() != expected.encode()):
            wrong.append(f"{name}: {where} is {show(got)}, expected {show(expected)}")

    for name, value in HOSTILE.items():
        expected = expected_text(value)
        ids = {key: expected_text(log_id) for key, log_id in TEXT_CARRIERS[name].items()}
        edit = facts.get(ids["edit"], (None,) * 5)
        check(name, "fct_events.client_id", edit[0], expected)
        check(name, "fct_events.changed_attributes", edit[1], expected)
        if expected not in hourly_clients:
            wrong.append(f"{name}: events_hourly has no client_id {show(expected)}")
        signin = facts.get(ids["signin"], (None,) * 5)
        check(name, "fct_events.identity_provider", signin[2], expected)
        check(name, "fct_events.sso_session_id", signin[3], expected)
        check(name, "fct_events.batch_id", facts.get(ids["bulk"], (None,) * 5)[4], expected)
        check(name, "audit_log_excluded.failure_reason", failures.get(ids["failed"]), expected)
        reject = rejects.get(ids["reject"])
        if reject is None:
            wrong.append(f"{name}: no reject with log_id {show(ids['reject'])}")
            continue
        check(name, "audit_log_rejects.reject_reason", reject[0], "unknown_event_name")
        for column, got in zip(REJECT_TEXT_COLUMNS, reject[1:]):
            check(name, f"audit_log_rejects.{column}", got, expected)
    assert not wrong, f"{fmt}:\n" + "\n".join(wrong)
    assert_accounted(accounting, result)
