"""A BI tool reading the marts while a build runs neither blocks it nor breaks.

Readers use the reporting copy (publish_reporting_copy), never the project's
DuckDB file. While an incremental build loads new files, a reader opens the
copy read-only in a loop and checks, on every read, that the marts agree with
each other (the hour-of-day mart sums to the events table); a second reader
keeps one connection open across the whole build. The build must succeed;
the loop must see only complete publications (the old total, then the new
one), never an error; the long-lived connection keeps its snapshot.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import duckdb

from harness import GENERATOR, PYTHON, slice_by_ingestion

REPORTING = "reporting/customer_insights_reporting.duckdb"
CONSISTENCY = (
    "select (select count(*) from fct_events), "
    "(select sum(event_count) from events_by_hour_of_day), "
    "(select count(*) from audit_log_excluded) + (select count(*) from audit_log_rejects)"
)


# A BI tool is another process: this one opens the copy read-only, reads,
# closes, again and again, until the stop file appears; one JSON line a read.
READER = """
import json, sys, time, pathlib, duckdb
path, query, out, stop = sys.argv[1:5]
with open(out, "w") as handle:
    while not pathlib.Path(stop).exists():
        try:
            con = duckdb.connect(path, read_only=True)
            try:
                row = list(con.execute(query).fetchall()[0])
            finally:
                con.close()
            handle.write(json.dumps({"seen": row}) + "\\n")
        except Exception as error:
            handle.write(json.dumps({"error": repr(error)}) + "\\n")
        handle.flush()
        time.sleep(0.01)
"""


class Reader:
    """The reader process, and what it saw."""

    def __init__(self, path, workdir):
        self.out = workdir / "reader.jsonl"
        self.stop_file = workdir / "reader.stop"
        self.proc = subprocess.Popen(
            [str(PYTHON), "-c", READER, str(path), CONSISTENCY, str(self.out),
             str(self.stop_file)],
        )

    def reads(self) -> list[dict]:
        if not self.out.exists():
            return []
        lines = self.out.read_text().splitlines()
        return [json.loads(line) for line in lines if line.endswith("}")]

    def seen(self) -> list[tuple]:
        return [tuple(read["seen"]) for read in self.reads() if "seen" in read]

    def errors(self) -> list[str]:
        return [read["error"] for read in self.reads() if "error" in read]

    def stop(self) -> None:
        self.stop_file.touch()
        self.proc.wait(timeout=30)


def test_readers_during_a_build(dbt_build, tmp_path):
    log = tmp_path / "log.csv"
    subprocess.run(
        [str(PYTHON), str(GENERATOR), "--seed", "29", "--scale", "0.1", "--out", str(log)],
        check=True, capture_output=True,
    )
    _, lateness = slice_by_ingestion(log, tmp_path / "slices", 2)
    dbt_vars = {"late_arrival_window_hours": int(lateness) + 2}
    arriving = tmp_path / "arriving"
    arriving.mkdir()
    shutil.copy(tmp_path / "slices" / "part1.csv", arriving)
    first = dbt_build(arriving / "*.csv", tmp_path / "db", dbt_vars, publication=True)
    assert first.returncode == 0, first.describe()
    copy = tmp_path / "db" / REPORTING
    assert copy.exists(), "the first build published no reporting copy"

    long_lived = duckdb.connect(str(copy), read_only=True)
    before = tuple(long_lived.execute(CONSISTENCY).fetchall()[0])
    reader = Reader(copy, tmp_path)
    try:
        shutil.copy(tmp_path / "slices" / "part2.csv", arriving)
        second = dbt_build(arriving / "*.csv", tmp_path / "db", dbt_vars, publication=True)
        # Let the loop go on until it has read the new publication.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(set(reader.seen())) < 2:
            time.sleep(0.05)
    finally:
        reader.stop()
    assert second.returncode == 0, second.describe()

    after = tuple(long_lived.execute(CONSISTENCY).fetchall()[0])
    long_lived.close()
    con = duckdb.connect(str(copy), read_only=True)
    try:
        latest = tuple(con.execute(CONSISTENCY).fetchall()[0])
    finally:
        con.close()
    built = second.query(CONSISTENCY.replace("from ", "from main."))[0]

    seen = reader.seen()
    assert reader.errors() == [], reader.errors()[:5]
    assert len(seen) >= 20, f"only {len(seen)} reads during the build"
    for events, hour_of_day_sum, _ in seen:
        assert events == hour_of_day_sum, "a reader saw marts from two different builds"
    assert set(seen) <= {before, latest}, set(seen)
    assert seen[0] == before and seen[-1] == latest
    assert latest == tuple(built) and latest[0] > before[0]
    assert after == before, "an open connection must keep the publication it opened"


def test_every_mart_is_published_after_it_is_built(example_build):
    """publish_reporting_copy depends on every model under models/marts, so it
    runs after all of them (and not at all when one of them fails its tests)."""
    nodes = example_build.manifest["nodes"]
    marts = {
        unique_id for unique_id, node in nodes.items()
        if node["resource_type"] == "model" and node["fqn"][1] == "marts"
    }
    publish = [node for node in nodes.values() if node["name"] == "publish_reporting_copy"]
    assert len(publish) == 1
    assert marts and marts <= set(publish[0]["depends_on"]["nodes"]), (
        marts - set(publish[0]["depends_on"]["nodes"])
    )
    assert example_build.statuses.get("publish_reporting_copy") == "success"
