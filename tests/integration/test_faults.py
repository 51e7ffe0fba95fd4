"""Fault injection, record level (issue 4): adversarial records in the contract's format.

Each fault class writes raw files the way a producer could, builds them, and
checks three things: the build completes (no failed invariant), every injected
record lands where the contract says (canonical, excluded, or rejected with the
right reason; looked up by its log_id), and nothing is lost or doubled: the
distinct raw records, counted here from the rows the test wrote (log_id +
content, content = every column but ``ingested_at``, surrounding spaces
trimmed, empty = null),
equal ``fct_events`` + ``audit_log_excluded`` + ``audit_log_rejects``, log_id by
log_id.

Classes and the builds they share (seven builds in all; the order spreads them
over two pytest-xdist workers). Each build has exactly one test, which runs
every check of the classes it serves and reports all their problems together:
a module-scoped build used by several tests would be built once per worker
that runs one of them (xdist's loadgroup cannot keep them together under
pytest 9, whose node ids xdist can no longer suffix with the group).

2. exact re-deliveries and 3. ``log_id`` conflicts, within a file, across files
   of one run and across runs, and 5. late records (3 h, 5 h, 2 days, 4 days
   late): two incremental runs over growing files, and one full build over all
   of them that they must equal row for row (``incremental``).
6. hostile text through CSV, Parquet and JSON lines, each format also
   re-delivered in a second legal encoding (``text``).
1. reject reasons alone and in every combination that can be built (the first
   reason in the contract's order wins; ``unparseable_ingested_at`` last), and
4. timestamps with unusual, extreme, DST-crossing and malformed offsets:
   one CSV build (``adversarial``).

Every test adds its rows (fault class, records tried, records lost) to the
fault report printed at the end of the session (see conftest.py).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from itertools import combinations
from pathlib import Path

import duckdb
import pytest

from harness import PIPELINE_OUTPUTS as OUTPUTS
from harness import RAW_COLUMNS as COLUMNS
from harness import REJECT_REASONS as REASONS
from harness import STABLE_DIR, DbtResult, RawLog
from harness import table_rows as _rows

CONTENT_COLUMNS = [column for column in COLUMNS if column != "ingested_at"]
W = timedelta(seconds=300)  # pairing_window_seconds, the default

SITE_A = "siteawebclient00000000000000000a"
MOBILE = "mobileappclient0000000000000000m"
BACKEND = "backendclient000000000000000000e"
IMPORTER = "importerclient00000000000000000i"
SIGNIN_WIDGET = "/widget/traditional_signin.jsonp"

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
    """Raw text as the project compares it: surrounding whitespace (spaces, tabs,
    line breaks, vertical tab, form feed) trimmed, empty = null."""
    if value is None:
        return None
    value = value.strip(" \t\n\r\x0b\x0c")
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


def write_raw(rows: list[dict[str, str]], path: Path, other_encoding: bool = False) -> Path:
    """Write rows as CSV, Parquet or JSON lines, by the extension.

    The usual encoding is what the harness writes (CSV: minimal quoting, CRLF;
    JSON: UTF-8 text; Parquet: DuckDB's defaults). ``other_encoding`` writes the
    same values another legal way (CSV: every field quoted, LF; JSON: ASCII
    with \\u escapes, surrogate pairs for emoji; Parquet: zstd, row groups of 7 rows).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        if not other_encoding:
            return RawLog(list(COLUMNS), [dict(row) for row in rows], "\r\n").write(path)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n",
                                    quoting=csv.QUOTE_ALL)
            writer.writeheader()
            writer.writerows(rows)
        return path
    if path.suffix == ".jsonl":
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=other_encoding) + "\n")
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
        options = ", compression zstd, row_group_size 7" if other_encoding else ""
        con.execute(f"copy raw to '{path}' (format parquet{options})")
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


def hourly_counts(result: DbtResult, app_id: str | None = None) -> Counter:
    where = f"where app_id = '{app_id}'" if app_id else ""
    return Counter({
        (hour, event_type): count
        for hour, event_type, count in result.query(
            f"select event_hour, event_type, sum(event_count) from main.events_hourly {where} "
            "group by all"
        )
    })


@dataclass
class Check:
    """What one fault class found in a build: records tried and lost, and every problem.

    One test runs all the checks of its build and fails with all their problems,
    so a build is made once whatever the pytest-xdist distribution, and each
    class still gets its own row (and outcome) in the fault report.
    """

    fault_class: str
    tried: int
    lost: int = 0
    problems: list[str] = field(default_factory=list)
    # Reported instead of passed/failed, e.g. for a known gap the check pins down.
    outcome: str | None = None

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            self.problems.append(message)

    def clean_build(self, result: DbtResult, label: str = "build") -> None:
        self.expect(result.returncode == 0 and not result.failed_invariants
                    and not result.failed_tests, f"{label} is not clean:\n{result.describe()}")

    def accounted(self, accounting: Accounting, label: str = "build") -> None:
        self.expect(accounting.lost == 0 and accounting.doubled == 0
                    and accounting.distinct_raw == accounting.outputs,
                    f"{label}: raw != canonical + excluded + rejected: {accounting}")

    def lands(self, cases: list[Case], found: dict[str, list[tuple[str, str]]],
              label: str = "", first_run: bool = False) -> None:
        for problem in mismatches(cases, found, first_run):
            self.problems.append(f"{label}{problem}")


def run_checks(fault_report, *checks: Callable[[], Check]) -> None:
    """Run every check (an exception is a problem of its check), report, then assert."""
    results = []
    for check in checks:
        try:
            results.append(check())
        except Exception as error:  # noqa: BLE001 - reported with the others below
            name = (check.__doc__ or check.__name__).strip().splitlines()[0]
            results.append(Check(name, 0, 0, [f"{type(error).__name__}: {error}"]))
    for result in results:
        outcome = result.outcome or ("failed" if result.problems else "passed")
        fault_report(result.fault_class, result.tried, result.lost, outcome)
    failed = [
        f"[{result.fault_class}]\n" + "\n".join(result.problems)
        for result in results if result.problems
    ]
    assert not failed, "\n\n".join(failed)


# ==========================================================================
# 2 and 3. Re-deliveries and log_id conflicts, in one run and across runs
# ==========================================================================

DUP_APP = "faultredeliveryapp00000000"
DUP_BASE = datetime(2026, 3, 12, 9, 0)
# Files 0 and 1 are read by run 1 (one glob), file 2 by run 2 (see RUN_FILES).
DUP_FILES = ("dup_a.csv", "dup_b.csv", "dup_c.csv")


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
    row, _ = edit("d")
    row["logged_at"] = "last Tuesday"
    add(redeliveries, "unparseable logged_at across runs", [(0, row), (2, later(row, 86400))],
        [("rejected", "unparseable_logged_at")])
    row, _ = edit("d")
    row.update(log_id="", logged_at="")
    add(redeliveries, "no log_id, no logged_at, across runs", [(1, row), (2, later(row, 86400))],
        [("rejected", "missing_log_id")])
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
    winner["logged_at"] = "not a time"
    add(conflicts, "across runs, the stored copy has no readable logged_at",
        [(0, winner), (2, later(loser, 86400))],
        [("rejected", "log_id_conflict"), ("rejected", "unparseable_logged_at")],
        first_run=[("rejected", "unparseable_logged_at")])
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



# ==========================================================================
# 2, 3 and 5 share two incremental runs and the full build they must equal
# ==========================================================================

# Run 1 reads the first three files through one glob; run 2 adds the other two.
RUN_FILES = {
    "dup_a.csv": 1, "dup_b.csv": 1, "late_1.csv": 1,
    "dup_c.csv": 2, "late_2.csv": 2,
}


def run_file_rows(name: str) -> list[dict[str, str]]:
    if name.startswith("dup_"):
        return dup_rows([DUP_FILES.index(name)])
    return rows_of(ON_TIME_CASES if name == "late_1.csv" else LATE_CASES)


def run_rows(*runs: int) -> list[dict[str, str]]:
    return [
        row for name, run in RUN_FILES.items() if run in runs for row in run_file_rows(name)
    ]


@dataclass
class IncrementalRuns:
    first: DbtResult
    first_landings: dict[str, list[tuple[str, str]]]
    first_accounting: Accounting
    first_hourly: list[tuple]
    second: DbtResult
    full: DbtResult


@pytest.fixture(scope="module")
def incremental_runs(dbt_build, tmp_path_factory) -> IncrementalRuns:
    """Run 1 on three files (one glob), run 2 (incremental) adds two more; and one
    build of all five files from scratch, to compare with."""
    workdir = tmp_path_factory.mktemp("faults_incremental")
    for name, run in RUN_FILES.items():
        if run == 1:
            write_raw(run_file_rows(name), workdir / "raw" / name)
    first = build(dbt_build, workdir, "*.csv")
    assert first.run_results, first.describe()
    ok = first.returncode == 0
    first_landings = landings(first) if ok else {}
    first_accounting = account(run_rows(1), first)
    first_hourly = first.query("select * from main.events_hourly") if ok else []
    for name, run in RUN_FILES.items():
        if run == 2:
            write_raw(run_file_rows(name), workdir / "raw" / name)
    second = build(dbt_build, workdir, "*.csv")

    full_dir = tmp_path_factory.mktemp("faults_incremental_full")
    (full_dir / "raw").mkdir()
    for name in RUN_FILES:
        (full_dir / "raw" / name).write_bytes((workdir / "raw" / name).read_bytes())
    full = build(dbt_build, full_dir, "*.csv")
    return IncrementalRuns(first, first_landings, first_accounting, first_hourly, second, full)


def check_redeliveries(runs: IncrementalRuns) -> Check:
    """2 exact re-deliveries"""
    found = landings(runs.second)
    check = Check("2 exact re-deliveries", len(rows_of(REDELIVERY_CASES)),
                  lost_of(REDELIVERY_CASES, found))
    check.clean_build(runs.first, "run 1")
    check.clean_build(runs.second, "run 2")
    first_cases = [case for case in REDELIVERY_CASES if any(f < 2 for f in case.files)]
    check.lands(first_cases, runs.first_landings, "after run 1: ", first_run=True)
    check.lands(REDELIVERY_CASES, found, "after run 2: ")
    loads = dict(runs.second.query(
        "select regexp_extract(source_file, '[^/]+$'), delivered_rows from main.audit_log_loads"
    ))
    expected = {name: len(run_file_rows(name)) for name in RUN_FILES}
    check.expect(loads == expected, f"load ledger {loads}, expected {expected}")
    return check


def check_conflicts(runs: IncrementalRuns) -> Check:
    """3 log_id conflicts"""
    found = landings(runs.second)
    check = Check("3 log_id conflicts", len(rows_of(CONFLICT_CASES)),
                  lost_of(CONFLICT_CASES, found))
    first_cases = [case for case in CONFLICT_CASES if any(f < 2 for f in case.files)]
    check.lands(first_cases, runs.first_landings, "after run 1: ", first_run=True)
    check.lands(CONFLICT_CASES, found, "after run 2: ")
    # The copy kept is the first ingested one, whatever its place in the files.
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
    for case in CONFLICT_CASES:
        if "either may win" in case.name or case.occurred_at is None:
            continue
        contents = {clean(row["changed_attributes"]) for row in case.rows}
        winner = min(case.rows, key=lambda row: row["ingested_at"])["changed_attributes"]
        check.expect(
            kept.get(case.key) == winner and rejected.get(case.key) == contents - {winner},
            f"{case.name}: kept {kept.get(case.key)}, rejected {rejected.get(case.key)}; "
            f"expected {winner} kept",
        )
    return check


def check_late_hours(runs: IncrementalRuns) -> Check:
    """5 late records"""
    found = landings(runs.second)
    check = Check("5 late records", len(rows_of(LATE_CASES)), lost_of(LATE_CASES, found))
    check.lands(ON_TIME_CASES + LATE_CASES, found)

    def hour(instant: datetime) -> datetime:
        return instant.replace(minute=0, second=0, microsecond=0)

    canonical = [case for case in ON_TIME_CASES + LATE_CASES if case.occurred_at is not None]
    expected = Counter((hour(case.occurred_at), case.expected[0][1]) for case in canonical)
    got = hourly_counts(runs.second, LATE_APP)
    check.expect(got == expected, f"events_hourly {sorted(got.items())}\n"
                                  f"expected {sorted(expected.items())}")

    late_hours = {hour(case.occurred_at) for case in LATE_CASES if case.occurred_at is not None}
    check.expect(len(late_hours) == 5, f"late hours {late_hours}")
    # Canonical events that first appear in run 2, of any class: their hours are rebuilt.
    new_in_second_run = [
        case for case in DUP_CASES
        if case.occurred_at is not None and case.expected_first_run is not None
        and ("canonical", "entity_update") not in case.expected_first_run
    ]
    touched = late_hours | {hour(case.occurred_at) for case in new_in_second_run}
    before = sorted((row for row in runs.first_hourly if row[0] not in touched), key=repr)
    after = sorted(
        (row for row in runs.second.query("select * from main.events_hourly")
         if row[0] not in touched), key=repr,
    )
    check.expect(bool(before) and after == before,
                 "events_hourly changed in hours the late run brought nothing to")
    return check


def check_equals_full_build(runs: IncrementalRuns) -> Check:
    """2+3+5 two incremental runs = one full build"""
    rows = run_rows(1, 2)
    accounting = account(rows, runs.second)
    check = Check("2+3+5 two incremental runs = one full build", len(rows), accounting.lost)
    check.accounted(runs.first_accounting, "run 1")
    check.accounted(accounting, "run 2")
    check.clean_build(runs.full, "full build")
    check.accounted(account(rows, runs.full), "full build")
    for table in OUTPUTS:
        check.expect(
            _rows(runs.second.db_path, table) == _rows(runs.full.db_path, table),
            f"{table}: two incremental runs differ from one full build",
        )
    return check


def test_incremental_runs_place_every_record(incremental_runs, fault_report):
    """Two incremental runs over growing files, and one full build over all of them:

    - exact re-deliveries (in one file, across the files of one run, across runs;
      excluded, rejected and id-less records too) count once, in both runs;
    - of copies sharing a log_id, the first *ingested* is kept (not the first in the
      file), the others are rejected log_id_conflict, in one run and across runs;
    - records 3 h, 5 h, 2 and 4 days late land in their true hour of events_hourly,
      hours the late run brought nothing to keep the rows run 1 wrote;
    - after run 2 every output equals the full build row for row, and both runs
      account for every record.
    """
    runs = incremental_runs
    run_checks(
        fault_report,
        lambda: check_redeliveries(runs),
        lambda: check_conflicts(runs),
        lambda: check_late_hours(runs),
        lambda: check_equals_full_build(runs),
    )


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
TEXT_REDELIVERED = [later(row, 3600) for row in TEXT_ROWS]
REJECT_TEXT_COLUMNS = (
    "event_name", "app_id", "user_uuid", "client_id", "endpoint", "changed_attributes",
    "identity_provider", "deactivate_account", "batch_id", "sso_session_id", "failure_reason",
)


@pytest.fixture(
    scope="module",
    params=["csv", "parquet", "jsonl"],
)
def text_build(request, dbt_build, tmp_path_factory) -> tuple[str, DbtResult]:
    """The hostile records in one format, in two files of one run: written the usual
    way, and re-delivered an hour later written another legal way (see write_raw).
    The copies must be exact re-deliveries of the originals."""
    fmt = request.param
    workdir = tmp_path_factory.mktemp(f"faults_text_{fmt}")
    write_raw(TEXT_ROWS, workdir / "raw" / f"hostile.{fmt}")
    write_raw(TEXT_REDELIVERED, workdir / "raw" / f"hostile_again.{fmt}", other_encoding=True)
    result = build(dbt_build, workdir, f"*.{fmt}")
    assert result.run_results, result.describe()
    return fmt, result


def show(value: object) -> str:
    text = repr(value)
    return text if len(text) < 120 else f"{text[:80]}...({len(text)} chars)"


def check_hostile_text(fmt: str, result: DbtResult) -> Check:
    """6 hostile text"""
    rows = TEXT_ROWS + TEXT_REDELIVERED
    accounting = account(rows, result)
    check = Check(f"6 hostile text ({fmt}, two encodings)", len(rows), accounting.lost)
    check.clean_build(result)
    check.accounted(accounting)

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
    def same(name: str, where: str, got: object, expected: str) -> None:
        check.expect(
            isinstance(got, str) and got == expected and got.encode() == expected.encode(),
            f"{name}: {where} is {show(got)}, expected {show(expected)}",
        )

    for name, value in HOSTILE.items():
        expected = expected_text(value)
        ids = {key: expected_text(log_id) for key, log_id in TEXT_CARRIERS[name].items()}
        edit = facts.get(ids["edit"], (None,) * 5)
        same(name, "fct_events.client_id", edit[0], expected)
        same(name, "fct_events.changed_attributes", edit[1], expected)
        check.expect(expected in hourly_clients,
                     f"{name}: events_hourly has no client_id {show(expected)}")
        signin = facts.get(ids["signin"], (None,) * 5)
        same(name, "fct_events.identity_provider", signin[2], expected)
        same(name, "fct_events.sso_session_id", signin[3], expected)
        same(name, "fct_events.batch_id", facts.get(ids["bulk"], (None,) * 5)[4], expected)
        same(name, "audit_log_excluded.failure_reason", failures.get(ids["failed"]), expected)
        reject = rejects.get(ids["reject"])
        if reject is None:
            check.problems.append(f"{name}: no reject with log_id {show(ids['reject'])}")
            continue
        same(name, "audit_log_rejects.reject_reason", reject[0], "unknown_event_name")
        for column, got in zip(REJECT_TEXT_COLUMNS, reject[1:]):
            same(name, f"audit_log_rejects.{column}", got, expected)
    return check


def test_hostile_text_arrives_byte_for_byte(text_build, fault_report):
    """Quotes, commas, line breaks (CR, LF, CR LF inside a value), unicode (accents,
    CJK, RTL, combining marks, ZWJ, emoji), spreadsheet formulas, tabs and other
    control characters, and a 100 000-character value arrive unchanged in every
    output column that carries them (only surrounding spaces are trimmed); the
    second encoding reads as the very same records (no conflict, no double); the
    build is green and accounts for every record."""
    fmt, result = text_build
    run_checks(fault_report, partial(check_hostile_text, fmt, result))


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


def whitespace_cases() -> list[Case]:
    """Values that are blank, or padded, with tabs and line breaks instead of spaces.

    DECISIONS.md 1 and the staging docs say surrounding whitespace is not
    significant and blank is null: tabs and line breaks count as whitespace.
    """
    cases = []
    at = REJECT_BASE + timedelta(hours=8)
    blanks = [
        ("log_id of a tab and a line break", "log_id", "\t\r\n", "missing_log_id"),
        ("user_uuid of a tab", "user_uuid", "\t", "missing_user_uuid"),
        ("event_name of a CR LF", "event_name", "\r\n", "unknown_event_name"),
    ]
    for number, (name, column, value, reason) in enumerate(blanks):
        row = profile_edit(f"ws-{number}", at + timedelta(minutes=number), ADV_APP,
                           user("ws", number), f"ws_{number}")
        row[column] = value
        cases.append(Case(name, [row], [("rejected", reason)]))
    number = len(blanks)
    when = at + timedelta(minutes=number)
    row = profile_edit(f"ws-{number}", when, ADV_APP, user("ws", number), f"ws_{number}")
    tabbed = dict(row, changed_attributes=f"\t{row['changed_attributes']}\r\n",
                  ingested_at=z(when + timedelta(minutes=5)))
    cases.append(Case("re-delivery padded with a tab and CR LF", [row, tabbed],
                      [("canonical", "entity_update")], when))
    return cases


REJECT_CASES = [reject_case(faults, n) for n, faults in enumerate(REJECT_COMBINATIONS)]
VARIANT_CASES = reject_variants()
TIMESTAMP_CASES = timestamp_cases()
WHITESPACE_CASES = whitespace_cases()
ADVERSARIAL_CASES = REJECT_CASES + VARIANT_CASES + TIMESTAMP_CASES


@pytest.fixture(scope="module")
def adversarial(dbt_build, tmp_path_factory) -> DbtResult:
    """One build of every reject and timestamp case, in one CSV file."""
    workdir = tmp_path_factory.mktemp("faults_adversarial")
    write_raw(rows_of(ADVERSARIAL_CASES + WHITESPACE_CASES), workdir / "raw" / "adversarial.csv")
    result = build(dbt_build, workdir, "*.csv")
    assert result.run_results, result.describe()
    return result


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


def check_reasons_alone(adversarial: DbtResult) -> Check:
    """1 reject reasons, one fault each"""
    cases = [case for case in REJECT_CASES if "+" not in case.name] + VARIANT_CASES
    found = landings(adversarial)
    check = Check("1 reject reasons, one fault each", len(rows_of(cases)), lost_of(cases, found))
    check.clean_build(adversarial)
    check.lands(cases, found)
    check.expect({case.expected[-1][1] for case in REJECT_CASES} == set(REASONS),
                 "some reason is never tried")
    return check


def check_reasons_combined(adversarial: DbtResult) -> Check:
    """1 reject reasons, faults combined"""
    cases = [case for case in REJECT_CASES if "+" in case.name]
    found = landings(adversarial)
    check = Check("1 reject reasons, faults combined", len(rows_of(cases)), lost_of(cases, found))
    check.lands(cases, found)
    decided = {
        (first, second)
        for case in cases
        for first, second in combinations(case.name.removeprefix("case_").split("+"), 2)
    }
    check.expect(decided == {pair for pair in combinations(REASONS, 2) if combinable(pair)},
                 "some ordering of two reasons is not tried")
    return check


def check_offsets(adversarial: DbtResult) -> Check:
    """4 timestamps and offsets"""
    found = landings(adversarial)
    check = Check("4 timestamps and offsets", len(rows_of(TIMESTAMP_CASES)),
                  lost_of(TIMESTAMP_CASES, found))
    check.lands(TIMESTAMP_CASES, found)
    occurred = dict(adversarial.query(
        "select source_log_id, occurred_at from main.fct_events where app_id = ?", [TZ_APP]
    ))
    for case in TIMESTAMP_CASES:
        if case.occurred_at is not None:
            check.expect(occurred.get(case.key) == case.occurred_at,
                         f"{case.name}: occurred_at {occurred.get(case.key)}, "
                         f"expected {case.occurred_at}")
    # A rejected timestamp is kept as delivered, for whoever traces it back.
    as_delivered = dict(adversarial.query(
        "select log_id, logged_at from main.audit_log_rejects where app_id = ?", [TZ_APP]
    ))
    for case in TIMESTAMP_CASES:
        if case.expected[0][0] == "rejected":
            check.expect(as_delivered.get(case.key) == case.rows[0]["logged_at"],
                         f"{case.name}: the reject keeps {as_delivered.get(case.key)!r}")
    return check


def check_hourly_marts(adversarial: DbtResult) -> Check:
    """4 timestamps in the hourly marts"""
    check = Check("4 timestamps in the hourly marts", len(rows_of(TIMESTAMP_CASES)))
    canonical = [case for case in ADVERSARIAL_CASES if case.occurred_at is not None]

    def event_type(case: Case) -> str:
        return next(reason for outcome, reason in case.expected if outcome == "canonical")

    def hour(instant: datetime) -> datetime:
        return instant.replace(minute=0, second=0, microsecond=0)

    expected = Counter(
        (hour(case.occurred_at), event_type(case))
        for case in canonical if case.rows[0]["app_id"] == TZ_APP
    )
    got = hourly_counts(adversarial, TZ_APP)
    check.expect(got == expected, f"events_hourly {sorted(got.items())}\n"
                                  f"expected {sorted(expected.items())}")
    by_hour_of_day = Counter((case.occurred_at.hour, event_type(case)) for case in canonical)
    # The whitespace cases count at the hour fct_events gives them (check_whitespace
    # checks where they land).
    known = {case.key for case in canonical}
    for log_id, occurred_at, kind in adversarial.query(
        "select source_log_id, occurred_at, event_type from main.fct_events"
    ):
        if log_id not in known:
            by_hour_of_day[(occurred_at.hour, kind)] += 1
    got = Counter({
        (hour_of_day, kind): count
        for hour_of_day, kind, count in adversarial.query(
            "select hour_of_day, event_type, event_count from main.events_by_hour_of_day"
        )
    })
    check.expect(got == by_hour_of_day, f"events_by_hour_of_day {sorted(got.items())}\n"
                                        f"expected {sorted(by_hour_of_day.items())}")
    # The twice-occurring New York 01:30 lands in 05:00 and 06:00 UTC.
    new_york = dict(adversarial.query(
        "select event_hour, sum(event_count) from main.events_hourly "
        "where event_hour between '2026-11-01 04:00' and '2026-11-01 07:00' "
        "and app_id = ? group by all", [TZ_APP]
    ))
    expected_new_york = {
        datetime(2026, 11, 1, 4): 1, datetime(2026, 11, 1, 5): 2,
        datetime(2026, 11, 1, 6): 2, datetime(2026, 11, 1, 7): 1,
    }
    check.expect(new_york == expected_new_york, f"New York fall-back hours {new_york}")
    return check


# Where the whitespace cases land today: tabs and line breaks are not trimmed
# (clean_text uses trim(), which strips spaces only), so a tab-only log_id or
# user_uuid is a value, a CR LF event name an unknown name, and a copy padded
# with a tab a log_id_conflict.
def check_whitespace(adversarial: DbtResult) -> Check:
    """1 blank = tabs/line breaks"""
    found = landings(adversarial)
    check = Check("1 blank = tabs/line breaks", len(rows_of(WHITESPACE_CASES)),
                  lost_of(WHITESPACE_CASES, found))
    check.lands(WHITESPACE_CASES, found)
    return check


def check_adversarial_accounting(adversarial: DbtResult) -> Check:
    """1+4 whole adversarial file"""
    rows = rows_of(ADVERSARIAL_CASES + WHITESPACE_CASES)
    accounting = account(rows, adversarial)
    check = Check("1+4 whole adversarial file", len(rows), accounting.lost)
    check.clean_build(adversarial)
    check.accounted(accounting)
    return check


def test_adversarial_records_land_where_the_contract_says(adversarial, fault_report):
    """One CSV file of reject faults and timestamps, built once:

    - a record with one fault gets that fault's reason (every reason, several
      spellings of each, the edges: exactly W late is fine, W + 1 ms is not);
    - a record with several faults gets the first reason in the contract's order:
      every combination one record can carry, so every ordering of two reasons;
    - occurred_at is the UTC instant each offset means (Z, +-hh:mm, +-hhmm, +-hh,
      half-hour, 45-minute, +14:00, -12:00, both sides of New York's DST changes);
      no offset, or an impossible one, is rejected unparseable_logged_at with the
      text kept as delivered; logged_after_ingested compares instants, not text;
    - events_hourly and events_by_hour_of_day count each event in its UTC hour;
    - the build is green and accounts for every record.
    """
    run_checks(
        fault_report,
        *(partial(check, adversarial) for check in (
            check_reasons_alone, check_reasons_combined, check_offsets, check_hourly_marts,
            check_whitespace, check_adversarial_accounting,
        )),
    )
