"""Publish the marts as a read-only reporting copy, swapped in atomically.

DuckDB lets one process write a database file, and a BI tool that opened the
project's file would block the build (or be refused). So the marts are
published, at the end of every successful build, into a separate file that
readers open read-only: ``<reporting_dir>/customer_insights_reporting.duckdb``.
``<reporting_dir>`` is the var ``reporting_dir``, by default a folder
``reporting`` beside the project's DuckDB file.

How, so that readers never see a half-written or mixed state:

* The append-only tables (fct_events, the excluded, rejected and load
  relations: rows are only ever added, each stamped with ``processed_at``)
  are exported batch by batch: each run writes only the rows added since the
  last publication, as a new Parquet file (written under a temporary name,
  then renamed). Files are never changed afterwards, so the cost of a run
  follows the new data.
* The other marts (aggregates, rebuilt or re-computed by hour) are copied whole.
* A new reporting file is written under a temporary name: tables for the
  copied marts, and for each append-only table a view over exactly the list
  of its Parquet files at this moment. Then it replaces the published file in
  one rename. A reader sees the previous publication or this one, never a mix;
  one that still has the previous file open keeps reading it undisturbed.
* After a full refresh the append-only tables start again, and so do their
  files. Files that neither this nor the previous publication lists are
  deleted (the previous one may still be open in a reader).

Runs last: it refs every mart, so with ``dbt build`` it runs only when every
mart the build selected was built and passed its tests, and a failed build
publishes nothing. A mart the build did not select is published as the
database holds it, and left out if it was never built (``--exclude
tag:dashboards`` on a new database); a mart the build selected must be there,
or the pre-hook in ``_publication__models.yml`` fails this model before it
writes anything. Returns one row per published relation.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb

REPORTING_FILE = "customer_insights_reporting.duckdb"
# Marts whose rows are only ever appended, each stamped with processed_at.
APPEND_ONLY = ("fct_events", "audit_log_excluded", "audit_log_rejects", "audit_log_loads")
# Readable record ids, `<log_id>#<key>`: not exported (a unique string per row is the
# dearest column to write), but rebuilt by the copy's views from the two columns they
# are made of, exactly as the marts build them.
ID_COLUMNS = {
    "event_id": ("source_log_id", "event_key"),
    "audit_record_id": ("log_id", "audit_record_key"),
}
FILE_LIST = "_published_files"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _reporting_dir(session, configured: str | None) -> Path:
    if configured:
        return Path(configured).resolve()
    (database_file,) = session.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()[0]
    return Path(database_file).resolve().parent / "reporting"


def _previous_files(session, published: Path) -> list[tuple]:
    """(relation, file, min processed_at, max processed_at, rows) of the published copy."""
    if not published.exists():
        return []
    session.execute(f"attach {_literal(str(published))} as ci_published (read_only)")
    try:
        has_list = session.execute(
            "select count(*) from duckdb_tables() "
            f"where database_name = 'ci_published' and table_name = '{FILE_LIST}'"
        ).fetchall()[0][0]
        if not has_list:
            return []
        return session.execute(
            "select relation_name, file_path, min_processed_at, max_processed_at, row_count "
            f"from ci_published.main.{FILE_LIST}"
        ).fetchall()
    finally:
        session.execute("detach ci_published")


def _stored_columns(relation) -> list[str]:
    """The columns a batch file holds: all but the rebuilt record ids."""
    return [column for column in relation.columns if column not in ID_COLUMNS]


def _published_columns(relation) -> str:
    """The select list of a copy's view over batch files, ids rebuilt, in the mart's order."""
    parts = []
    for column in relation.columns:
        if column in ID_COLUMNS:
            log_id, key = ID_COLUMNS[column]
            parts.append(f"coalesce({log_id}, '') || '#' || cast({key} as varchar) as {column}")
        else:
            parts.append(f'"{column}"')
    return ", ".join(parts)


def _export_new_batch(session, name: str, relation, folder: Path, kept: list[tuple]) -> list[tuple]:
    """Kept files plus, if there are new rows, one new Parquet file holding them."""
    mark = max((row[3] for row in kept), default=None)
    new_rows = relation if mark is None else relation.filter(
        f"processed_at > cast('{mark.isoformat(sep=' ')}' as timestamp)"
    )
    new_rows = new_rows.project(", ".join(f'"{column}"' for column in _stored_columns(relation)))
    count, first, last = new_rows.aggregate(
        "count(*), min(processed_at), max(processed_at)"
    ).fetchall()[0]
    if not count:
        return kept
    folder.mkdir(parents=True, exist_ok=True)
    stamp = last.strftime("%Y%m%dT%H%M%S%f")
    final = folder / f"batch-{stamp}-{uuid.uuid4().hex[:8]}.parquet"
    partial = final.with_suffix(".parquet.partial")
    new_rows.write_parquet(str(partial))
    os.replace(partial, final)
    return kept + [(name, str(final), first, last, count)]


def _marts(dbt) -> dict[str, Callable[[], duckdb.DuckDBPyRelation]]:
    """Every mart, by name, with the call that reads it.

    One literal ``dbt.ref("...")`` per mart, on purpose. dbt learns a Python
    model's dependencies by parsing its source, not by running it: it reads the
    arguments of each ``dbt.ref`` call with ``ast.literal_eval``
    (dbt/parser/models.py), so a loop over a list of names does not even parse,
    and a dependency that is not written out is not there. The dependencies make
    this model run after every mart, and not at all when one of them failed.
    tests/integration/test_readers.py checks that no mart is missing here.
    """
    return {
        "fct_events": lambda: dbt.ref("fct_events"),
        "audit_log_excluded": lambda: dbt.ref("audit_log_excluded"),
        "audit_log_rejects": lambda: dbt.ref("audit_log_rejects"),
        "audit_log_loads": lambda: dbt.ref("audit_log_loads"),
        "dim_event_types": lambda: dbt.ref("dim_event_types"),
        "events_hourly": lambda: dbt.ref("events_hourly"),
        "events_by_hour_of_day": lambda: dbt.ref("events_by_hour_of_day"),
        "active_users": lambda: dbt.ref("active_users"),
        "app_overview_monthly": lambda: dbt.ref("app_overview_monthly"),
        "event_summary_daily": lambda: dbt.ref("event_summary_daily"),
        "event_summary_hourly": lambda: dbt.ref("event_summary_hourly"),
        "events_by_hour_of_day_local": lambda: dbt.ref("events_by_hour_of_day_local"),
        "events_by_minute_of_hour": lambda: dbt.ref("events_by_minute_of_hour"),
        "events_by_weekday_and_hour": lambda: dbt.ref("events_by_weekday_and_hour"),
        "events_daily": lambda: dbt.ref("events_daily"),
        "failed_sign_ins_daily": lambda: dbt.ref("failed_sign_ins_daily"),
        "profile_counts_daily": lambda: dbt.ref("profile_counts_daily"),
        "profile_lifecycle_daily": lambda: dbt.ref("profile_lifecycle_daily"),
        "profile_store_events_daily": lambda: dbt.ref("profile_store_events_daily"),
        "profile_updates_explained": lambda: dbt.ref("profile_updates_explained"),
        "registrations_by_method_daily": lambda: dbt.ref("registrations_by_method_daily"),
        "sign_ins_by_method_daily": lambda: dbt.ref("sign_ins_by_method_daily"),
        "sso_federation_flows": lambda: dbt.ref("sso_federation_flows"),
    }


def model(dbt, session):
    dbt.config(materialized="table")
    marts = {}
    for name, read in _marts(dbt).items():
        try:
            marts[name] = read()
        except duckdb.CatalogException:
            # Not in the database. Not a mart this run selected: the pre-hook
            # (_publication__models.yml) fails this model when one of those is
            # missing. So the run left it out, and it was never built (e.g.
            # `--exclude tag:dashboards` on a new database): the copy leaves it out too.
            continue
    append_only = {name: marts[name] for name in APPEND_ONLY if name in marts}
    copied = sorted(set(marts) - set(APPEND_ONLY))

    root = _reporting_dir(session, dbt.config.get("reporting_dir"))
    root.mkdir(parents=True, exist_ok=True)
    published = root / REPORTING_FILE
    previous = _previous_files(session, published)

    files: list[tuple] = []
    for name, relation in append_only.items():
        generation_start = relation.aggregate("min(processed_at)").fetchall()[0][0]
        kept = [
            row for row in previous
            if row[0] == name and Path(row[1]).exists()
            and generation_start is not None and row[2] >= generation_start
        ]
        files += _export_new_batch(session, name, relation, root / "parquet" / name, kept)

    published_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    partial = root / f".{REPORTING_FILE}.{uuid.uuid4().hex[:8]}.partial"
    session.execute(f"attach {_literal(str(partial))} as ci_publishing")
    summary = []
    try:
        for name in append_only:
            paths = [row[1] for row in files if row[0] == name]
            if paths:
                file_list = "[" + ", ".join(_literal(path) for path in paths) + "]"
                session.execute(
                    f"create view ci_publishing.main.{name} as "
                    f"select {_published_columns(append_only[name])} "
                    f"from read_parquet({file_list}, union_by_name = true)"
                )
            else:
                append_only[name].limit(0).to_table(f"ci_publishing.main.{name}")
            rows = sum(row[4] for row in files if row[0] == name)
            summary.append((name, "parquet_batches", len(paths), rows))
        for name in copied:
            marts[name].to_table(f"ci_publishing.main.{name}")
            rows = session.execute(
                f"select count(*) from ci_publishing.main.{name}"
            ).fetchall()[0][0]
            summary.append((name, "table", 0, rows))
        session.execute(
            f"create table ci_publishing.main.{FILE_LIST} (relation_name varchar, "
            "file_path varchar, min_processed_at timestamp, max_processed_at timestamp, "
            "row_count bigint)"
        )
        if files:
            session.executemany(
                f"insert into ci_publishing.main.{FILE_LIST} values (?, ?, ?, ?, ?)", files
            )
        session.execute(
            "create table ci_publishing.main._publication as "
            f"select cast('{published_at.isoformat(sep=' ')}' as timestamp) as published_at"
        )
    finally:
        session.execute("detach ci_publishing")
    os.replace(partial, published)

    # Files neither this nor the previous publication lists are read by nobody.
    listed = {row[1] for row in files} | {row[1] for row in previous}
    for stale in (root / "parquet").glob("*/*.parquet*"):
        if str(stale) not in listed:
            stale.unlink(missing_ok=True)
    for leftover in root.glob(f".{REPORTING_FILE}.*.partial*"):
        leftover.unlink(missing_ok=True)

    values = ", ".join(
        f"({_literal(name)}, {_literal(kind)}, {file_count}, {rows})"
        for name, kind, file_count, rows in summary
    )
    return session.sql(
        "select relation_name, publication_kind, parquet_files, row_count, "
        f"cast('{published_at.isoformat(sep=' ')}' as timestamp) as published_at, "
        f"{_literal(str(published))} as reporting_file "
        f"from (values {values}) as published(relation_name, publication_kind, "
        "parquet_files, row_count)"
    )
