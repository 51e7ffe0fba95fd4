"""Baseline (c): the pipeline of a full build as one hand-tuned DuckDB script.

Runs bench/baseline_duckdb.sql (staging, validation, classification, the
record store and its three outputs, the ledger, the hourly marts and the
invariant checks 1-11) in one DuckDB connection in this process, then prints
one JSON line of counts that can be compared with a `dbt build --full-refresh`
of the same files (bench/run_benchmark.py does, and fails the step if they
differ).

    .venv/bin/python bench/baseline_duckdb.py --raw "/tmp/bd1m/*.parquet"
    .venv/bin/python bench/baseline_duckdb.py --raw "..." --db /tmp/baseline.duckdb
"""
import argparse
import json
import sys
import time
from pathlib import Path

import duckdb

SQL_FILE = Path(__file__).with_name("baseline_duckdb.sql")


# Where each output lives: in the script's database, and in the project's.
BASELINE_RELATIONS = {name: name for name in (
    "audit_log_loads", "records", "fct_events", "audit_log_excluded", "audit_log_rejects",
    "events_hourly", "events_by_hour_of_day")}
PROJECT_RELATIONS = {
    **{name: f"main.{name}" for name in BASELINE_RELATIONS},
    "records": "intermediate.int_audit_log__validated",
}


def counts(con: duckdb.DuckDBPyConnection, relations: dict = BASELINE_RELATIONS) -> dict:
    """The counts a dbt build and this script are compared on (without the invariant
    violations, which each side reports its own way)."""

    def scalar(sql: str):
        return con.execute(sql.format(**relations)).fetchall()[0][0]

    def by(sql: str) -> dict:
        return {("null" if key is None else key): value
                for key, value in con.execute(sql.format(**relations)).fetchall()}

    def named(names: list[str], sql: str) -> dict:
        return dict(zip(names, con.execute(sql.format(**relations)).fetchall()[0]))

    return {
        "delivered_rows": scalar("select sum(delivered_rows) from {audit_log_loads}"),
        "distinct_records": scalar("select count(*) from {records}"),
        "canonical": scalar("select count(*) from {fct_events}"),
        "excluded": scalar("select count(*) from {audit_log_excluded}"),
        "rejected": scalar("select count(*) from {audit_log_rejects}"),
        "event_types": by("select event_type, count(*) from {fct_events} group by 1 order by 1"),
        "creation_paths": by(
            "select creation_path, count(*) from {fct_events}"
            " where event_type = 'entity_create' group by 1 order by 1"),
        "update_reasons": by(
            "select update_reason, count(*) from {fct_events}"
            " where event_type = 'entity_update' group by 1 order by 1"),
        "exclusion_reasons": by(
            "select exclusion_reason, count(*) from {audit_log_excluded} group by 1 order by 1"),
        "reject_reasons": by(
            "select reject_reason, count(*) from {audit_log_rejects} group by 1 order by 1"),
        "events_hourly": named(
            ["rows", "event_count", "user_count"],
            "select count(*), sum(event_count), sum(user_count) from {events_hourly}"),
        "events_by_hour_of_day": named(
            ["rows", "event_count"],
            "select count(*), sum(event_count) from {events_by_hour_of_day}"),
    }


def invariant_violations(con: duckdb.DuckDBPyConnection) -> dict:
    return {
        str(number): violations for number, violations in con.execute(
            "select invariant, violations from invariant_violations order by invariant"
        ).fetchall()
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", required=True, help="glob of the raw parquet files")
    parser.add_argument("--temp-directory", default=None, help="where DuckDB spills")
    parser.add_argument("--db", default=":memory:", help="DuckDB file (default: in memory)")
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pairing-window-seconds", type=int, default=300)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    con = duckdb.connect(args.db)
    con.execute(f"set memory_limit = '{args.memory_limit}'")
    con.execute(f"set threads = {args.threads}")
    con.execute("set enable_progress_bar = false")
    con.execute("set preserve_insertion_order = false")
    if args.temp_directory:
        con.execute(f"set temp_directory = '{args.temp_directory}'")
    files = [row[0] for row in con.execute("select file from glob(?) order by file", [args.raw]).fetchall()]
    con.execute("set variable raw_files = ?", [files])
    con.execute(f"set variable pairing_window = interval {args.pairing_window_seconds} second")
    con.execute(SQL_FILE.read_text())
    result = counts(con)
    result["invariant_violations"] = invariant_violations(con)
    con.close()

    result["baseline"] = "duckdb"
    result["duckdb_version"] = duckdb.__version__
    result["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
