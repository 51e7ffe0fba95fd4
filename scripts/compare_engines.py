"""Cross-engine check: the same demo built on two engines gives the same rows.

    compare_engines.py snapshot --engine duckdb|postgres|spark --manifest M --out DIR
        Reads every relation the comparison covers from one engine's build
        (named as that build's manifest M names them) and writes each as a
        normalized, sorted CSV file in DIR.
    compare_engines.py compare REFERENCE_DIR OTHER_DIR
        Compares two snapshots relation by relation, row for row (order
        aside). Prints a table and the first differing rows; exits 1 on any
        difference, including a relation or a column that one side lacks.

The covered relations are every model under models/marts (fct_events,
audit_log_excluded, audit_log_rejects, the load ledger, the hourly marts and
the dashboard marts) plus the restricted personal data of rejects.

Values are normalized so that equal data compares equal whatever the engine
and its driver return: timestamps as ISO text with microseconds, numbers by
value (1, 1.0 and Decimal('1') are the same), booleans as true/false, null as
\\N. Two kinds of value cannot be equal across engines, by design, and are
compared up to that:
  * `processed_at` (and the ledger's `processed_at`) is the start time of the
    dbt invocation that wrote the row: it is left out.
  * An Auth0 or Keycloak record delivered without `ingested_at` counts as
    ingested when it was loaded: its `ingested_at` (and a ledger's first and
    last ingestion) is that run's `processed_at`. A value equal to its row's
    `processed_at` is compared as `<load time>`.
  * Record keys (`event_key`, `audit_record_key`) are 64-bit hashes of a
    record's log_id and content, each engine's own (DuckDB's hash(), md5
    elsewhere), and the readable ids (`audit_record_id`, `event_id`) are
    `<log_id>#<record key>`: keys are left out, ids are compared without their
    key part. The row's other columns still tell two conflicting copies of one
    log_id apart.

Each engine's reader needs only that engine's driver, so the Spark snapshot
runs in the Spark virtual environment and the others in the main one.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

RUN_SPECIFIC_COLUMNS = {"processed_at"}
RECORD_ID_COLUMNS = {"audit_record_id", "event_id"}
RECORD_KEY_COLUMNS = {"audit_record_key", "event_key"}
NULL = "\\N"
COVERED_FOLDERS = ("marts", "restricted")


def covered_relations(manifest_path: Path) -> dict[str, str]:
    """Model name -> relation name as the build that wrote `manifest_path` names it."""
    manifest = json.loads(manifest_path.read_text())
    relations = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or not node["config"].get("enabled", True):
            continue
        if node["fqn"][1] in COVERED_FOLDERS and node["config"]["materialized"] != "ephemeral":
            relations[node["name"]] = node["relation_name"]
    return dict(sorted(relations.items()))


def normalize(column: str, value) -> str:
    if value is None:
        return NULL
    if column in RECORD_ID_COLUMNS:
        return str(value).rsplit("#", 1)[0] + "#"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal)):
        number = decimal.Decimal(str(value))
        if number == number.to_integral_value():
            return str(int(number))
        return format(float(number), ".12g")
    return str(value)


class Reader:
    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError


class DuckDBReader(Reader):
    def __init__(self):
        import duckdb

        self.connection = duckdb.connect(os.environ["DBT_DUCKDB_PATH"], read_only=True)

    def query(self, sql):
        relation = self.connection.sql(sql)
        return list(relation.columns), relation.fetchall()


class PostgresReader(Reader):
    def __init__(self):
        import psycopg2

        self.connection = psycopg2.connect(
            host=os.environ.get("DBT_POSTGRES_HOST", "127.0.0.1"),
            port=int(os.environ.get("DBT_POSTGRES_PORT", "5432")),
            user=os.environ.get("DBT_POSTGRES_USER", "postgres"),
            password=os.environ.get("DBT_POSTGRES_PASSWORD", ""),
            dbname=os.environ.get("DBT_POSTGRES_DATABASE", "customer_insights"),
        )
        with self.connection.cursor() as cursor:
            cursor.execute("set time zone 'UTC'")

    def query(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            return [d[0] for d in cursor.description], cursor.fetchall()


class SparkReader(Reader):
    def __init__(self):
        # Timestamps come back as naive datetimes in the process's time zone.
        os.environ["TZ"] = "UTC"
        time.tzset()
        from pyspark.sql import SparkSession

        self.spark = (
            SparkSession.builder.config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .enableHiveSupport()
            .getOrCreate()
        )

    def query(self, sql):
        frame = self.spark.sql(sql)
        return list(frame.columns), [tuple(row) for row in frame.collect()]


READERS = {"duckdb": DuckDBReader, "postgres": PostgresReader, "spark": SparkReader}


LOAD_TIME = "<load time>"


def _load_time_marked(columns: list[str], order: list[int], row) -> list[str]:
    """The row's kept values, normalized, with a value equal to its processed_at marked."""
    load_time = (
        normalize("processed_at", row[columns.index("processed_at")])
        if "processed_at" in columns else None
    )
    values = [normalize(columns[i], row[i]) for i in order]
    return [
        LOAD_TIME if load_time not in (None, NULL) and value == load_time else value
        for value in values
    ]


def snapshot(engine: str, manifest: Path, out_dir: Path) -> None:
    reader = READERS[engine]()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, relation in covered_relations(manifest).items():
        columns, rows = reader.query(f"select * from {relation}")
        columns = [c.lower() for c in columns]
        keep = [
            i for i, c in enumerate(columns)
            if c not in RUN_SPECIFIC_COLUMNS and c not in RECORD_KEY_COLUMNS
        ]
        header = sorted(columns[i] for i in keep)
        order = [columns.index(c) for c in header]
        lines = sorted(_load_time_marked(columns, order, row) for row in rows)
        with open(out_dir / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(lines)
        print(f"{engine}: {name} {len(lines)} rows")


def read_snapshot(path: Path) -> tuple[list[str], list[tuple]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [tuple(r) for r in rows[1:]]


def compare(reference_dir: Path, other_dir: Path) -> int:
    names = sorted({p.stem for p in reference_dir.glob("*.csv")} | {p.stem for p in other_dir.glob("*.csv")})
    if not names:
        print(f"nothing to compare in {reference_dir} and {other_dir}", file=sys.stderr)
        return 1
    failures = []
    print(f"\n| relation | {reference_dir.name} rows | {other_dir.name} rows | result |")
    print("|---|---:|---:|---|")
    for name in names:
        a_path, b_path = reference_dir / f"{name}.csv", other_dir / f"{name}.csv"
        if not a_path.exists() or not b_path.exists():
            missing = reference_dir.name if not a_path.exists() else other_dir.name
            print(f"| {name} | | | missing on {missing} |")
            failures.append(f"{name}: missing on {missing}")
            continue
        a_header, a_rows = read_snapshot(a_path)
        b_header, b_rows = read_snapshot(b_path)
        if a_header != b_header:
            result = f"columns differ: {sorted(set(a_header) ^ set(b_header))}"
            failures.append(f"{name}: {result}")
        else:
            a_count, b_count = Counter(a_rows), Counter(b_rows)
            only_a, only_b = a_count - b_count, b_count - a_count
            if only_a or only_b:
                result = f"{sum(only_a.values())} rows only in {reference_dir.name}, {sum(only_b.values())} only in {other_dir.name}"
                detail = [f"{name}: {result}", f"  columns: {a_header}"]
                detail += [f"  only in {reference_dir.name}: {row}" for row in list(only_a.elements())[:5]]
                detail += [f"  only in {other_dir.name}: {row}" for row in list(only_b.elements())[:5]]
                failures.append("\n".join(detail))
            else:
                result = "identical"
        print(f"| {name} | {len(a_rows)} | {len(b_rows)} | {result} |")
    if failures:
        print("\nDIFFERENCES:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    print(f"\n{len(names)} relations identical on {reference_dir.name} and {other_dir.name}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot")
    snap.add_argument("--engine", choices=sorted(READERS), required=True)
    snap.add_argument("--manifest", type=Path, required=True)
    snap.add_argument("--out", type=Path, required=True)
    comp = commands.add_parser("compare")
    comp.add_argument("reference", type=Path)
    comp.add_argument("other", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.engine, args.manifest, args.out)
        return 0
    return compare(args.reference, args.other)


if __name__ == "__main__":
    sys.exit(main())
