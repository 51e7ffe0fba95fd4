"""Benchmark: the project's full build and hourly run beside a tuned one-script DuckDB pipeline.

For each size (records in the history), on the same files, each step its own process:

  (a) dbt full build     `dbt build --full-refresh` of the whole project over the history:
                         pipeline, every test, dashboards, the reporting copy
  (p) dbt pipeline       the same, without the dashboards and the reporting copy: the work
                         the baseline does
  (b) dbt +1 hour        `make hourly` (dbt build --selector hourly) once the next hour's
                         file has arrived
  (n) dbt +0 hours       the same again with nothing new: the fixed cost of an hourly run
  (c) DuckDB script      bench/baseline_duckdb.sql: the pipeline's work as one hand-tuned
                         DuckDB script (same memory limit, outputs persisted)

Wall time from the clock; peak memory from the process's resource usage (ru_maxrss, via
os.wait4); peak disk is the largest the database file, its WAL and DuckDB's spill folder
were together while the step ran (sampled every 0.2 s), beside the size of the input files.
Ratios are against (c), measured in the same run. After each dbt step the slowest nodes
are listed, and the build's time is split by stage (dbt start-up, raw read, validation,
checks, marts, dashboards, reporting copy). The table is printed and written to
BENCHMARKS.md with the machine and the date. Not part of `make test`: times are reported,
never asserted.

Usage: python bench/run_benchmark.py [--sizes 1000000,10000000] [--layout hourly|single]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
DBT = REPO / ".venv" / "bin" / "dbt"
GENERATOR = REPO / "scripts" / "generate_audit_log_at_scale.py"
MEMORY_LIMIT = "3GB"

# Where a node's time is booked in the stage split (first match wins).
STAGES = (
    ("raw read", ("run_limits", "stg_", "incremental_manifest")),
    ("validation", ("int_audit_log__validated",)),
    ("invariant checks", ("int_invariants__", "int_users__lifecycle", "invariant_")),
    ("reporting copy", ("publish_reporting_copy",)),
    ("dashboards", ("dashboards",)),
)


@dataclass
class Measurement:
    size: int
    step: str
    seconds: float
    peak_mib: float
    peak_disk_mib: float
    records: int
    ok: bool
    note: str = ""


class DiskSampler(threading.Thread):
    """Samples the total size of some paths (files or folders) until stopped."""

    def __init__(self, paths: list[Path]):
        super().__init__(daemon=True)
        self.paths, self.peak, self._halt = paths, 0, threading.Event()

    def _size(self) -> int:
        total = 0
        for path in self.paths:
            if path.is_file():
                total += path.stat().st_size
            elif path.is_dir():
                for root, _, files in os.walk(path):
                    for name in files:
                        try:
                            total += (Path(root) / name).stat().st_size
                        except OSError:
                            pass
        return total

    def run(self):
        while not self._halt.is_set():
            self.peak = max(self.peak, self._size())
            time.sleep(0.2)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return max(self.peak, self._size())


def run_measured(args: list[str], env: dict, disk: list[Path]) -> tuple[float, float, float, int, str]:
    """Run a command; return (wall s, peak RSS MiB, peak disk MiB, exit code, output tail)."""
    log = REPO / ".bench_last.log"
    sampler = DiskSampler(disk)
    sampler.start()
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    peak_disk = sampler.stop()
    code = os.waitstatus_to_exitcode(status)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
    return seconds, usage.ru_maxrss / 1024, peak_disk / 2**20, code, tail


def generate(size: int, data_dir: Path, layout: str) -> tuple[Path, Path]:
    """The history (hours 0..H-1) and the next hour's file, generated once and kept."""
    root = data_dir / f"{size}"
    history, new_hour = root / "history", root / "next_hour"
    marker = root / "hours.json"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        history.mkdir(parents=True)
        new_hour.mkdir()
        hours = min(8760, max(24, size // 5000))
        common = [str(PYTHON), str(GENERATOR), "--records", str(size), "--hours", str(hours)]
        subprocess.run([*common, "--out-dir", str(history)], check=True)
        subprocess.run(
            [*common, "--out-dir", str(new_hour), "--first-hour", str(hours),
             "--last-hour", str(hours)],
            check=True,
        )
        marker.write_text(json.dumps({"hours": hours}))
    if layout == "single":
        single = root / "single"
        if not (single / "history.parquet").exists():
            single.mkdir(exist_ok=True)
            import duckdb

            con = duckdb.connect()
            con.execute(
                f"copy (select * from read_parquet('{history}/*.parquet')) "
                f"to '{single}/history.parquet' (format parquet)"
            )
            con.close()
        history = single
    return history, new_hour


def count_records(files: list[Path]) -> int:
    import duckdb

    con = duckdb.connect()
    try:
        listed = "[" + ", ".join(f"'{file}'" for file in files) + "]"
        return con.execute(f"select count(*) from read_parquet({listed})").fetchall()[0][0]
    finally:
        con.close()


def node_report(target: Path, top: int = 8) -> tuple[str, str]:
    """The slowest nodes, and the build's node time by stage."""
    run = json.loads((target / "run_results.json").read_text())
    results = run["results"]

    def name(result):
        parts = result["unique_id"].split(".")
        return parts[2] if parts[0] == "test" else parts[-1]

    ranked = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:top]
    slowest = ", ".join(f"{name(r)} {r['execution_time']:.1f}s" for r in ranked)
    manifest = json.loads((target / "manifest.json").read_text())
    stages: dict[str, float] = {}
    for result in results:
        node = manifest["nodes"].get(result["unique_id"], {})
        path = node.get("original_file_path", "") + " " + result["unique_id"]
        stage = next(
            (label for label, keys in STAGES if any(key in path for key in keys)),
            "tests" if result["unique_id"].startswith("test") else "marts",
        )
        stages[stage] = stages.get(stage, 0.0) + result["execution_time"]
    split = ", ".join(f"{label} {seconds:.1f}s" for label, seconds in sorted(
        stages.items(), key=lambda item: -item[1]))
    return slowest, f"{split} (node time, 2 threads; the dbt run took {run['elapsed_time']:.1f}s)"


COUNTS_IGNORED = {"baseline", "seconds", "duckdb_version"}


def project_counts(db: Path, target: Path) -> dict:
    """What a finished dbt build gives, in the JSON shape bench/baseline_duckdb.py prints."""
    import duckdb
    import re

    from baseline_duckdb import PROJECT_RELATIONS, counts

    con = duckdb.connect(str(db), read_only=True)
    try:
        result = counts(con, PROJECT_RELATIONS)
    finally:
        con.close()
    violations = {}
    for node in json.loads((target / "run_results.json").read_text())["results"]:
        match = re.search(r"\.invariant_(\d+)_", node["unique_id"])
        if match:
            violations[str(int(match.group(1)))] = node["failures"]
    result["invariant_violations"] = dict(sorted(violations.items()))
    return result


def count_differences(project: dict, baseline: dict) -> list[str]:
    # The baseline script checks the raw-log contract's eleven invariants; invariant 12
    # (sources.md: a derived Auth0 or Keycloak event has its primary) has nothing to check in
    # a Janrain log. Violations are compared for the invariants both sides check.
    checked = set(project.get("invariant_violations", {})) & set(baseline.get("invariant_violations", {}))
    project, baseline = dict(project), dict(baseline)
    for side in (project, baseline):
        side["invariant_violations"] = {
            number: count for number, count in side.get("invariant_violations", {}).items()
            if number in checked
        }
    keys = sorted((set(project) | set(baseline)) - COUNTS_IGNORED)
    return [f"{key}: project {project.get(key)} != baseline {baseline.get(key)}"
            for key in keys if project.get(key) != baseline.get(key)]


def bench_size(size: int, data_dir: Path, work: Path, layout: str, pipeline: bool
               ) -> tuple[list[Measurement], list[str]]:
    history, new_hour = generate(size, data_dir, layout)
    history_files = sorted(history.glob("*.parquet"))
    new_files = sorted(new_hour.glob("*.parquet"))
    input_mib = sum(f.stat().st_size for f in history_files) / 2**20
    arriving = work / "arriving"
    shutil.rmtree(work, ignore_errors=True)
    arriving.mkdir(parents=True)
    for file in history_files:
        os.symlink(file, arriving / file.name)
    history_records, new_records = count_records(history_files), count_records(new_files)

    out: list[Measurement] = []
    notes: list[str] = [f"{size:,}: input {input_mib:,.0f} MiB in {len(history_files):,} file(s)"]

    def dbt_step(label: str, db: Path, args: list[str], records: int, target: Path) -> bool:
        env = dict(os.environ, DBT_DUCKDB_PATH=str(db), DBT_DUCKDB_MEMORY_LIMIT=MEMORY_LIMIT,
                   DBT_DUCKDB_TEMP_DIR=str(db.parent / "tmp"),
                   DBT_SEND_ANONYMOUS_USAGE_STATS="False")
        dbt_vars = json.dumps({"raw_audit_log_path": str(arriving / "*.parquet")})
        command = [str(DBT), "build", *args, "--vars", dbt_vars, "--target-path", str(target),
                   "--exclude-resource-type", "unit_test",
                   "--profiles-dir", str(REPO), "--project-dir", str(REPO)]
        disk = [db, Path(f"{db}.wal"), db.parent / "tmp"]
        secs, mib, disk_mib, code, tail = run_measured(command, env, disk)
        out.append(Measurement(size, label, secs, mib, disk_mib, records, code == 0,
                               "" if code == 0 else tail))
        if code == 0:
            slowest, split = node_report(target)
            notes.append(f"{size:,} {label}: {split}; slowest: {slowest}")
        return code == 0

    db = work / "project" / "bench.duckdb"
    db.parent.mkdir(parents=True)
    ok = dbt_step("(a) dbt full build + tests", db, ["--full-refresh"], history_records,
                  work / "target_full")
    counts = project_counts(db, work / "target_full") if ok else None
    if pipeline:
        pipe_db = work / "pipeline" / "bench.duckdb"
        pipe_db.parent.mkdir(parents=True)
        dbt_step("(p) dbt pipeline + tests", pipe_db,
                 ["--full-refresh", "--exclude", "tag:dashboards", "publish_reporting_copy"],
                 history_records, work / "target_pipeline")
        shutil.rmtree(pipe_db.parent, ignore_errors=True)
    if ok:
        for file in new_files:
            os.symlink(file, arriving / file.name)
        dbt_step("(b) make hourly, +1 hour", db, ["--selector", "hourly"], new_records,
                 work / "target_full")
        dbt_step("(n) make hourly, nothing new", db, ["--selector", "hourly"], 0,
                 work / "target_full")
        for file in new_files:
            (arriving / file.name).unlink()
    shutil.rmtree(db.parent, ignore_errors=True)

    baseline_db = work / "baseline" / "baseline.duckdb"
    baseline_db.parent.mkdir(parents=True)
    glob = str(arriving / "*.parquet")
    secs, mib, disk_mib, code, tail = run_measured(
        [str(PYTHON), str(REPO / "bench" / "baseline_duckdb.py"), "--raw", glob,
         "--db", str(baseline_db), "--memory-limit", MEMORY_LIMIT,
         "--temp-directory", str(baseline_db.parent / "tmp")],
        dict(os.environ), [baseline_db, Path(f"{baseline_db}.wal"), baseline_db.parent / "tmp"],
    )
    differences = []
    if code == 0 and counts is not None:
        baseline_counts = json.loads((REPO / ".bench_last.log").read_text().strip().splitlines()[-1])
        differences = count_differences(counts, baseline_counts)
        notes.append(f"{size:,}: (a) and (c) give "
                     + ("the same counts" if not differences else "DIFFERENT counts"))
    out.append(Measurement(size, "(c) one DuckDB SQL script", secs, mib, disk_mib,
                           history_records, code == 0 and not differences,
                           "\n".join(differences) if differences else ("" if code == 0 else tail)))
    shutil.rmtree(work, ignore_errors=True)
    notes.append(f"{size:,}: peak disk limit (4x input) {4 * input_mib:,.0f} MiB")
    return out, notes


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = subprocess.run(
        [str(PYTHON), "-c", "import duckdb, dbt.version; print(duckdb.__version__, dbt.version.__version__)"],
        capture_output=True, text=True).stdout.split()
    return (f"{os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, "
            f"duckdb {versions[0] if versions else '?'}, dbt-core {versions[1] if len(versions) > 1 else '?'}")


def table(rows: list[Measurement]) -> str:
    baseline = {m.size: m.seconds for m in rows if m.step.startswith("(c)") and m.ok}
    lines = [
        "| records (history) | step | wall s | records/s | peak MiB | peak disk MiB | vs (c) | ok |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in rows:
        rate = f"{m.records / m.seconds:,.0f}" if m.seconds and m.records else "-"
        vs_c = f"{m.seconds / baseline[m.size]:.2f}x" if m.size in baseline else "-"
        lines.append(f"| {m.size:,} | {m.step} | {m.seconds:.1f} | {rate} | {m.peak_mib:,.0f} "
                     f"| {m.peak_disk_mib:,.0f} | {vs_c} | {'yes' if m.ok else 'FAILED'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--layout", choices=("hourly", "single"), default="hourly",
                        help="the history as one file per hour, or as one file")
    parser.add_argument("--no-pipeline", action="store_true",
                        help="skip step (p), the pipeline-only build")
    parser.add_argument("--data-dir", default=str(REPO / ".bench_data"))
    parser.add_argument("--output", default=str(REPO / "BENCHMARKS.md"))
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    rows: list[Measurement] = []
    notes: list[str] = []
    for size in sizes:
        measured, size_notes = bench_size(size, Path(args.data_dir), REPO / ".bench_work",
                                          args.layout, not args.no_pipeline)
        rows += measured
        notes += size_notes
        print(table(rows), flush=True)
    failures = [f"{m.size:,} {m.step}:\n{m.note}" for m in rows if not m.ok]
    report = "\n\n".join([
        "# Benchmarks",
        f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; "
        f"history layout: {args.layout}.",
        "Produced by `make bench` (`bench/run_benchmark.py`); data from "
        "`scripts/generate_audit_log_at_scale.py`. Wall time of each step against (c), the "
        "tuned one-script DuckDB pipeline, on the same files in the same run; every step "
        f"under a DuckDB memory limit of {MEMORY_LIMIT}. Peak memory is the process's maximum "
        "resident set; peak disk the database, its WAL and DuckDB's spill folder together.",
        table(rows),
        "Where the time goes:\n\n" + "\n".join(f"- {n}" for n in notes),
        *(["Failures:\n\n```\n" + "\n\n".join(failures) + "\n```"] if failures else []),
    ]) + "\n"
    Path(args.output).write_text(report)
    print(f"\nwritten to {args.output}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
