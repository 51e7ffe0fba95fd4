"""Benchmark: full dbt build, one incremental hour, and two hand-written baselines.

For each size (records in the history), on the same Parquet files:

  (a) dbt full build   `dbt build --full-refresh` over the history, invariant tests included
  (b) dbt +1 hour      a plain `dbt build` after the next hour's file arrived
  (c) DuckDB script    the same transformations and checks as one SQL script, one process
  (d) polars           the same as a polars program

Each step runs as its own process; wall time comes from the clock, peak memory
from the process's own resource usage (ru_maxrss, via os.wait4). Ratios are
against (c), measured in the same run. The table is printed and written to
BENCHMARKS.md with the machine and the date. Not part of `make test`: times
are reported, never asserted.

Usage: python bench/run_benchmark.py [--sizes 1000000,10000000] [--skip-polars-above N]
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
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
DBT = REPO / ".venv" / "bin" / "dbt"
GENERATOR = REPO / "scripts" / "generate_audit_log_at_scale.py"


@dataclass
class Measurement:
    size: int
    step: str
    seconds: float
    peak_mib: float
    records: int
    ok: bool
    note: str = ""


def run_measured(args: list[str], env: dict | None = None, cwd: Path = REPO) -> tuple[float, float, int, str]:
    """Run a command; return (wall seconds, peak RSS MiB, exit code, output tail)."""
    log = cwd / ".bench_last.log"
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
    return seconds, usage.ru_maxrss / 1024, code, tail


def generate(size: int, data_dir: Path) -> tuple[Path, Path, int]:
    """History files for hours 0..H-1 and the file of hour H, generated once and kept."""
    history, new_hour = data_dir / f"{size}" / "history", data_dir / f"{size}" / "next_hour"
    marker = data_dir / f"{size}" / "hours.json"
    if not marker.exists():
        shutil.rmtree(data_dir / f"{size}", ignore_errors=True)
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
    return history, new_hour, json.loads(marker.read_text())["hours"]


def count_records(glob: str) -> int:
    import duckdb

    con = duckdb.connect()
    try:
        return con.execute(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0]
    finally:
        con.close()


def slowest_nodes(target: Path, top: int = 6) -> str:
    results = json.loads((target / "run_results.json").read_text())["results"]
    ranked = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:top]
    return ", ".join(
        f"{r['unique_id'].split('.')[2] if r['unique_id'].startswith('test') else r['unique_id'].split('.')[-1]}"
        f" {r['execution_time']:.1f}s"
        for r in ranked
    )


def bench_size(size: int, data_dir: Path, work: Path, polars_limit: int) -> tuple[list[Measurement], list[str]]:
    history, new_hour, hours = generate(size, data_dir)
    arriving = work / "arriving"
    shutil.rmtree(work, ignore_errors=True)
    arriving.mkdir(parents=True)
    for file in history.iterdir():
        os.symlink(file, arriving / file.name)
    history_records = count_records(str(history / "*.parquet"))
    new_records = count_records(str(new_hour / "*.parquet"))

    env = dict(os.environ, DBT_DUCKDB_PATH=str(work / "bench.duckdb"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False", DBT_DUCKDB_TEMP_DIR=str(work / "tmp"))
    dbt_vars = json.dumps({"raw_audit_log_path": str(arriving / "*.parquet")})
    dbt_args = ["--vars", dbt_vars, "--exclude-resource-type", "unit_test",
                "--profiles-dir", str(REPO), "--project-dir", str(REPO)]
    out: list[Measurement] = []
    notes: list[str] = []

    target = work / "target_full"
    secs, mib, code, tail = run_measured(
        [str(DBT), "build", "--full-refresh", "--target-path", str(target), *dbt_args], env)
    out.append(Measurement(size, "(a) dbt full build + tests", secs, mib, history_records, code == 0,
                           "" if code == 0 else tail))
    if code == 0:
        notes.append(f"{size:,} (a) slowest: {slowest_nodes(target)}")

    for file in new_hour.iterdir():
        os.symlink(file, arriving / file.name)
    target = work / "target_incremental"
    secs, mib, code, tail = run_measured(
        [str(DBT), "build", "--target-path", str(target), *dbt_args], env)
    out.append(Measurement(size, "(b) dbt +1 hour incremental", secs, mib, new_records, code == 0,
                           f"{new_records:,} new records" if code == 0 else tail))
    if code == 0:
        notes.append(f"{size:,} (b) slowest: {slowest_nodes(target)}")

    glob = str(history / "*.parquet")
    secs, mib, code, tail = run_measured(
        [str(PYTHON), str(REPO / "bench" / "baseline_duckdb.py"), "--raw", glob,
         "--db", str(work / "baseline.duckdb")])
    out.append(Measurement(size, "(c) one DuckDB SQL script", secs, mib, history_records,
                           code == 0, "" if code == 0 else tail))
    if size <= polars_limit:
        secs, mib, code, tail = run_measured(
            [str(PYTHON), str(REPO / "bench" / "baseline_polars.py"), "--raw", glob])
        out.append(Measurement(size, "(d) polars", secs, mib, history_records, code == 0,
                               "" if code == 0 else tail))
    shutil.rmtree(work, ignore_errors=True)
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
    full = {m.size: m.seconds for m in rows if m.step.startswith("(a)") and m.ok}
    lines = [
        "| records (history) | step | wall s | records/s | peak MiB | vs (c) | vs (a) | ok |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in rows:
        rate = f"{m.records / m.seconds:,.0f}" if m.seconds else "-"
        vs_c = f"{m.seconds / baseline[m.size]:.2f}x" if m.size in baseline else "-"
        vs_a = f"{100 * m.seconds / full[m.size]:.1f}%" if m.size in full else "-"
        lines.append(f"| {m.size:,} | {m.step} | {m.seconds:.1f} | {rate} | {m.peak_mib:,.0f} "
                     f"| {vs_c} | {vs_a} | {'yes' if m.ok else 'FAILED'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--data-dir", default=str(REPO / ".bench_data"))
    parser.add_argument("--skip-polars-above", type=int, default=20_000_000)
    parser.add_argument("--output", default=str(REPO / "BENCHMARKS.md"))
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    data_dir = Path(args.data_dir)
    rows: list[Measurement] = []
    notes: list[str] = []
    for size in sizes:
        measured, size_notes = bench_size(size, data_dir, REPO / ".bench_work", args.skip_polars_above)
        rows += measured
        notes += size_notes
        print(table(rows), flush=True)
    failures = [f"{m.size:,} {m.step}:\n{m.note}" for m in rows if not m.ok]
    report = "\n\n".join([
        "# Benchmarks",
        f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "Produced by `make bench` (`bench/run_benchmark.py`); data from "
        "`scripts/generate_audit_log_at_scale.py`. Ratios: wall time against (c) the "
        "one-script DuckDB baseline, and against (a) the full build, on the same files in the "
        "same run. Peak memory is the process's maximum resident set.",
        table(rows),
        "Where the time goes (dbt nodes, slowest first):\n\n" + "\n".join(f"- {n}" for n in notes),
        *(["Failures:\n\n```\n" + "\n\n".join(failures) + "\n```"] if failures else []),
    ]) + "\n"
    Path(args.output).write_text(report)
    print(f"\nwritten to {args.output}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
