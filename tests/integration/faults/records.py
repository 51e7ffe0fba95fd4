"""Raw records as a producer could write them, and the files they are written to."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from harness import RAW_COLUMNS, RawLog

COLUMNS = list(RAW_COLUMNS)
W = timedelta(seconds=300)  # pairing_window_seconds, the default

SITE_A = "siteawebclient00000000000000000a"
MOBILE = "mobileappclient0000000000000000m"
BACKEND = "backendclient000000000000000000e"
IMPORTER = "importerclient00000000000000000i"
SIGNIN_WIDGET = "/widget/traditional_signin.jsonp"


# --------------------------------------------------------------------------
# Rows
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


def later(row: dict[str, str], seconds: int, **fields: str) -> dict[str, str]:
    """The row with its ingested_at moved by ``seconds`` and some fields changed."""
    moved = utc(row["ingested_at"][:-1]) + timedelta(seconds=seconds)
    return dict(row, ingested_at=z(moved), **fields)


# --------------------------------------------------------------------------
# Cases: records under one landing key, and where the contract says they land
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


@dataclass
class Case:
    """Records under one landing key, and where the contract says they land."""

    name: str
    rows: list[dict[str, str]]
    # (outcome, event type or reason) of every output row under the key.
    expected: list[tuple[str, str]]
    # The UTC instant of its canonical event, if it has one (for the hourly marts).
    occurred_at: datetime | None = None
    # Where its records are after the first of several runs, when that differs.
    expected_first_run: list[tuple[str, str]] | None = None
    # The file (index) of each row, when the rows are spread over several files.
    files: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        last = self.rows[-1]
        return landing_key(clean(last["log_id"]), clean(last["changed_attributes"]))


def rows_of(cases: Iterable[Case]) -> list[dict[str, str]]:
    return [row for case in cases for row in case.rows]


def case_ids(cases: Iterable[Case]) -> list[str]:
    """Test ids: the case names (pytest escapes what it must)."""
    return [case.name for case in cases]


# --------------------------------------------------------------------------
# Files
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
