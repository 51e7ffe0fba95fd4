"""Run the dbt project on a raw audit-log file and read what it produced.

Every run gets its own DuckDB file, target path and log path inside a working
directory (a pytest ``tmp_path``), so tests are independent and can run in
parallel (pytest-xdist).
"""

from __future__ import annotations

import atexit
import csv
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_DIR = Path(__file__).resolve().parent
FIXTURES_DIR = TESTS_DIR / "fixtures"
EXPECTED_DIR = TESTS_DIR / "expected"
CONTRACT_EXAMPLE = FIXTURES_DIR / "contract_example.csv"
DBT = REPO_ROOT / ".venv" / "bin" / "dbt"
PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
GENERATOR = REPO_ROOT / "scripts" / "generate_audit_log.py"

FAILED_STATUSES = {"fail", "error"}
MARTS = ("events_hourly", "events_by_hour_of_day")
# The eight canonical event types, in display order: the vocabulary in dbt_project.yml.
EVENT_TYPES = tuple(
    yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())["vars"]["canonical_event_types"]
)


# --------------------------------------------------------------------------
# dbt runs
# --------------------------------------------------------------------------


def query_db(db_path: Path | str, sql: str, params: list | None = None) -> list[tuple]:
    """Run one query on a read-only connection and close it again.

    The connection is closed at once so that a later dbt run can open the
    file for writing. The session time zone is UTC so that timestamps with a
    time zone render in UTC.
    """
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@dataclass
class DbtResult:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    db_path: Path
    target_path: Path
    run_results: dict = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    # ---- derived views -------------------------------------------------

    def _node(self, unique_id: str) -> dict:
        for key in ("nodes", "unit_tests", "sources"):
            node = self.manifest.get(key, {}).get(unique_id)
            if node is not None:
                return node
        return {}

    def _name(self, unique_id: str) -> str:
        return self._node(unique_id).get("name") or unique_id.split(".")[-1]

    @staticmethod
    def _invariants_of(node: dict) -> set[int]:
        meta = dict(node.get("meta") or {})
        meta.update((node.get("config") or {}).get("meta") or {})
        value = meta.get("invariant")
        if value is None:
            return set()
        values = value if isinstance(value, (list, tuple)) else [value]
        return {int(v) for v in values}

    @property
    def statuses(self) -> dict[str, str]:
        """Node name -> status of this run (pass, fail, error, success, skipped...)."""
        return {
            self._name(result["unique_id"]): result["status"]
            for result in self.run_results.get("results", [])
        }

    @property
    def failed_invariant_results(self) -> list[tuple[dict, str, set[int]]]:
        """(run result, test name, invariant numbers) of each failed or errored invariant test."""
        failed = []
        for result in self.run_results.get("results", []):
            if result["status"] in FAILED_STATUSES:
                numbers = self._invariants_of(self._node(result["unique_id"]))
                if numbers:
                    failed.append((result, self._name(result["unique_id"]), numbers))
        return failed

    @property
    def failed_invariants(self) -> set[int]:
        return {number for _, _, numbers in self.failed_invariant_results for number in numbers}

    @property
    def failed_tests(self) -> dict[str, str]:
        """Name -> status of every test that failed or errored."""
        return {
            self._name(result["unique_id"]): result["status"]
            for result in self.run_results.get("results", [])
            if result["status"] in FAILED_STATUSES
            and result["unique_id"].split(".")[0] in ("test", "unit_test")
        }

    @property
    def errored_models(self) -> dict[str, str]:
        """Name -> message of every model, seed or snapshot that errored."""
        return {
            self._name(result["unique_id"]): (result.get("message") or "")[:500]
            for result in self.run_results.get("results", [])
            if result["status"] == "error"
            and result["unique_id"].split(".")[0] in ("model", "seed", "snapshot")
        }

    @property
    def skipped(self) -> set[str]:
        return {name for name, status in self.statuses.items() if status == "skipped"}

    @property
    def invariant_tests(self) -> dict[int, list[str]]:
        """Invariant number -> names of the data tests that carry it (whole manifest)."""
        tests: dict[int, list[str]] = {}
        for unique_id, node in self.manifest.get("nodes", {}).items():
            if node.get("resource_type") != "test":
                continue
            for number in self._invariants_of(node):
                tests.setdefault(number, []).append(node["name"])
        return tests

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        return query_db(self.db_path, sql, params)

    def scalar(self, sql: str, params: list | None = None):
        rows = self.query(sql, params)
        assert len(rows) == 1 and len(rows[0]) == 1, rows
        return rows[0][0]

    def describe(self) -> str:
        """A short account of the run, for assertion messages."""
        tail = "\n".join(self.stdout.splitlines()[-40:])
        return (
            f"$ {' '.join(self.command)}\nreturncode={self.returncode}\n"
            f"failed tests={self.failed_tests}\nerrored models={self.errored_models}\n"
            f"--- stdout (tail) ---\n{tail}\n--- stderr (tail) ---\n{self.stderr[-2000:]}"
        )


# A path that is the same string in every run but names the working directory of
# the dbt process that opens it. Each test stages its raw file under the same
# name in its own working directory, so every run sees the same vars and the
# same profile, and dbt's partial parsing can start from the previous run's
# parse instead of parsing the project again for every test (about 3 s a run).
STABLE_DIR = "/proc/self/cwd" if Path("/proc/self/cwd").is_dir() else None
DB_FILE = "ci.duckdb"
_PARSED: dict[str, Path] = {}
_PARSE_ROOT: Path | None = None


def _dbt_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(DBT_DUCKDB_PATH=DB_FILE, DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    for name in ("DBT_TARGET_PATH", "DBT_LOG_PATH", "DBT_PROFILES_DIR", "DBT_PROJECT_DIR"):
        env.pop(name, None)
    return env


def _extension(path: Path) -> str:
    suffixes = path.suffixes
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return path.suffix


def _stage_raw(raw_file: Path | str, workdir: Path) -> str:
    """The value of ``raw_audit_log_path`` for a run in ``workdir``."""
    raw = Path(raw_file)
    if STABLE_DIR is not None and str(raw_file).startswith(STABLE_DIR + "/"):
        return str(raw_file)  # already relative to the dbt process's working directory
    if STABLE_DIR is None or any(char in str(raw) for char in "*?["):
        return str(raw.resolve())
    staged = workdir / f"raw_audit_log{_extension(raw)}"
    if staged.resolve() != raw.resolve():
        if staged.is_symlink() or staged.exists():
            staged.unlink()
        staged.symlink_to(raw.resolve())
    return f"{STABLE_DIR}/{staged.name}"


def _base_args(command: str, dbt_vars: dict, target_path: Path, log_path: Path) -> list[str]:
    return [
        str(DBT),
        command,
        "--profiles-dir", str(REPO_ROOT),
        "--project-dir", str(REPO_ROOT),
        "--vars", json.dumps(dbt_vars, sort_keys=True),
        "--target-path", str(target_path),
        "--log-path", str(log_path),
        "--no-use-colors",
    ]


def _parse_cache(dbt_vars: dict) -> Path:
    """Where this process keeps the ``partial_parse.msgpack`` of a run with these vars."""
    global _PARSE_ROOT
    if _PARSE_ROOT is None:
        _PARSE_ROOT = Path(tempfile.mkdtemp(prefix="dbt-parse-"))
        atexit.register(shutil.rmtree, _PARSE_ROOT, True)
    key = json.dumps(dbt_vars, sort_keys=True)
    if key not in _PARSED:
        _PARSED[key] = _PARSE_ROOT / f"{len(_PARSED)}.msgpack"
    return _PARSED[key]


ZYGOTE_SCRIPT = TESTS_DIR / "dbt_zygote.py"
DBT_TIMEOUT = 900
_ZYGOTE: subprocess.Popen | bool | None = None


def _zygote() -> subprocess.Popen | None:
    """This process's dbt fork server (see dbt_zygote.py), or None to use plain subprocesses.

    Set DBT_IT_NO_ZYGOTE=1 to run every dbt command as its own ``dbt`` process.
    """
    global _ZYGOTE
    if _ZYGOTE is None:
        _ZYGOTE = False
        if not os.environ.get("DBT_IT_NO_ZYGOTE") and hasattr(os, "fork"):
            proc = subprocess.Popen(
                [str(PYTHON), str(ZYGOTE_SCRIPT)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, cwd=REPO_ROOT, env=_dbt_env(),
            )
            try:
                ready = json.loads(proc.stdout.readline() or "{}")
            except json.JSONDecodeError:
                ready = {}
            if ready.get("ready") and ready.get("threads") == 1:
                _ZYGOTE = proc
                atexit.register(_stop_zygote, proc)
            else:
                proc.kill()
                proc.wait()
    return _ZYGOTE or None


def _stop_zygote(proc: subprocess.Popen) -> None:
    try:
        proc.stdin.close()
        proc.wait(timeout=10)
    except Exception:  # noqa: BLE001
        proc.kill()


def _run_dbt(args: list[str], workdir: Path, command: str) -> tuple[int, str, str]:
    global _ZYGOTE
    zygote = _zygote()
    if zygote is not None:
        stdout_path = workdir / f"dbt_{command}.stdout"
        stderr_path = workdir / f"dbt_{command}.stderr"
        request = dict(
            args=args, cwd=str(workdir), stdout=str(stdout_path), stderr=str(stderr_path),
            timeout=DBT_TIMEOUT,
        )
        zygote.stdin.write(json.dumps(request) + "\n")
        zygote.stdin.flush()
        reply = zygote.stdout.readline()
        if reply:
            return (
                json.loads(reply)["returncode"],
                stdout_path.read_text(errors="replace"),
                stderr_path.read_text(errors="replace"),
            )
        _ZYGOTE = False  # the helper died: run this and later commands as processes
    proc = subprocess.run(
        args, cwd=workdir, env=_dbt_env(), capture_output=True, text=True, timeout=DBT_TIMEOUT
    )
    return proc.returncode, proc.stdout, proc.stderr


def _prepare_run(
    raw_file: Path | str, workdir: Path | str, name: str, extra_vars: dict | None
) -> tuple[Path, Path, dict, Path]:
    """Working directory, a fresh target path, the vars, and this process's
    cached parse for them (copied into the target path when there is one: the
    first run with these vars parses the project; later ones start from it)."""
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    target_path = workdir / f"target_{name}"
    shutil.rmtree(target_path, ignore_errors=True)
    target_path.mkdir()
    dbt_vars = {"raw_audit_log_path": _stage_raw(raw_file, workdir)}
    dbt_vars.update(extra_vars or {})
    cached_parse = _parse_cache(dbt_vars)
    if cached_parse.exists():
        shutil.copyfile(cached_parse, target_path / "partial_parse.msgpack")
    return workdir, target_path, dbt_vars, cached_parse


PUBLICATION_NODES = [
    "publish_reporting_copy", "audit_log_reject_personal_data", "test_name:no_personal_data",
]


def dbt_build(
    raw_file: Path | str,
    workdir: Path | str,
    extra_vars: dict | None = None,
    command: str = "build",
    select: str | None = None,
    extra_args: list[str] | None = None,
    dashboards: bool = False,
    publication: bool = False,
) -> DbtResult:
    """Run ``dbt <command>`` of the project on ``raw_file``.

    The DuckDB file is ``<workdir>/ci.duckdb``; target and logs go under
    ``workdir`` too, and dbt runs with ``workdir`` as its working directory.
    ``command='test'`` with ``select='tag:invariant'`` runs the invariant tests
    on a database already built (or tampered with) there. The dashboard marts
    (tag ``dashboards``: about 20 models and 75 tests downstream of the
    pipeline) are left out unless ``dashboards=True``: most tests are about
    the pipeline, and they would add several seconds to each of their builds.
    Likewise, unless ``publication=True`` a build leaves out what serves
    readers and personal-data protection rather than the pipeline's numbers
    (``PUBLICATION_NODES``: the reporting copy, the restricted relation and
    the marts' personal-data scans); the tests of those pass it.
    """
    workdir, target_path, dbt_vars, cached_parse = _prepare_run(
        raw_file, workdir, command, extra_vars
    )
    args = _base_args(command, dbt_vars, target_path, workdir / f"logs_{command}")
    if command in ("build", "test"):
        args += ["--exclude-resource-type", "unit_test"]
    if select:
        args += ["--select", select]
    args += extra_args or []
    excluded = [] if dashboards else ["tag:dashboards"]
    if command == "build" and not select and not publication:
        excluded += PUBLICATION_NODES
    if command in ("build", "run", "test") and excluded:
        args += ["--exclude", *excluded]
    returncode, stdout, stderr = _run_dbt(args, workdir, command)
    result = DbtResult(
        command=args,
        returncode=returncode,
        stdout=stdout,
        stderr=stderr,
        db_path=workdir / DB_FILE,
        target_path=target_path,
    )
    fresh_parse = target_path / "partial_parse.msgpack"
    if fresh_parse.exists():
        shutil.copyfile(fresh_parse, cached_parse)
    for name in ("run_results", "manifest"):
        path = target_path / f"{name}.json"
        if path.exists():
            setattr(result, name, json.loads(path.read_text()))
    return result


def dbt_build_killed(
    raw_file: Path | str,
    workdir: Path | str,
    kill_at: str,
    extra_vars: dict | None = None,
    delay: float = 0.0,
    publication: bool = False,
) -> bool:
    """Start ``dbt build`` like :func:`dbt_build`, and SIGKILL it on purpose.

    dbt runs as its own process (not through the fork server) with one thread,
    so the nodes run in a fixed order. The kill comes ``delay`` seconds after
    the first line of dbt's output that contains ``kill_at`` (e.g. ``"START sql
    incremental model main.fct_events"``). Returns True when dbt was killed,
    False when it finished before the line appeared.
    """
    workdir, target_path, dbt_vars, _ = _prepare_run(raw_file, workdir, "killed", extra_vars)
    args = _base_args("build", dbt_vars, target_path, workdir / "logs_killed")
    args += ["--exclude-resource-type", "unit_test", "--threads", "1"]
    args += ["--exclude", "tag:dashboards", *([] if publication else PUBLICATION_NODES)]
    env = dict(_dbt_env(), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        args, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )
    killed = False
    try:
        for line in proc.stdout:
            if kill_at in line:
                if delay:
                    time.sleep(delay)
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                break
    finally:
        proc.stdout.close()
        proc.wait(timeout=DBT_TIMEOUT)
    return killed


def project_ready() -> bool:
    return (REPO_ROOT / "dbt_project.yml").exists() and (
        REPO_ROOT / "models" / "marts" / "fct_events.sql"
    ).exists()


# --------------------------------------------------------------------------
# Raw audit-log CSV handling
# --------------------------------------------------------------------------


@dataclass
class RawLog:
    """The rows of a raw audit-log CSV, in file order, with its column order."""

    columns: list[str]
    rows: list[dict[str, str]]
    lineterminator: str = "\r\n"

    @classmethod
    def read(cls, path: Path | str) -> "RawLog":
        text = Path(path).read_bytes().decode("utf-8")
        lineterminator = "\r\n" if "\r\n" in text else "\n"
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = [dict(row) for row in reader]
            return cls(list(reader.fieldnames or []), rows, lineterminator)

    def copy(self) -> "RawLog":
        return RawLog(list(self.columns), [dict(row) for row in self.rows], self.lineterminator)

    def write(self, path: Path | str) -> Path:
        path = Path(path)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(
                handle,
                fieldnames=self.columns,
                lineterminator=self.lineterminator,
                quoting=csv.QUOTE_MINIMAL,
                extrasaction="raise",
            )
            writer.writeheader()
            writer.writerows(self.rows)
        return path

    def row(self, log_id: str) -> dict[str, str]:
        matches = [row for row in self.rows if row["log_id"] == log_id]
        assert matches, f"no row {log_id}"
        return matches[0]


Mutation = Callable[[RawLog], None]


def drop(*log_ids: str) -> Mutation:
    """Remove every copy of the given records."""

    def mutation(log: RawLog) -> None:
        missing = set(log_ids) - {row["log_id"] for row in log.rows}
        assert not missing, f"rows to drop not in the log: {missing}"
        log.rows = [row for row in log.rows if row["log_id"] not in log_ids]

    return mutation


def edit(log_id: str, **fields: str) -> Mutation:
    """Change fields of every copy of a record (re-deliveries stay identical)."""

    def mutation(log: RawLog) -> None:
        hits = [row for row in log.rows if row["log_id"] == log_id]
        assert hits, f"no row {log_id}"
        for row in hits:
            for key, value in fields.items():
                assert key in row, f"unknown column {key}"
                row[key] = value

    return mutation


def add_like(template_log_id: str, position: int | None = None, **fields: str) -> Mutation:
    """Append (or insert at ``position``) a copy of a record with some fields changed."""

    def mutation(log: RawLog) -> None:
        row = dict(log.row(template_log_id))
        for key, value in fields.items():
            assert key in row, f"unknown column {key}"
            row[key] = value
        if position is None:
            log.rows.append(row)
        else:
            log.rows.insert(position, row)

    return mutation


def apply(log: RawLog, mutations: Iterable[Mutation]) -> RawLog:
    log = log.copy()
    for mutation in mutations:
        mutation(log)
    return log


# --------------------------------------------------------------------------
# Tampering with a built database
# --------------------------------------------------------------------------


def replace_relation(db_path: Path | str, relation: str, select_sql: str) -> None:
    """Replace ``main.<relation>`` by a plain table holding ``select_sql``.

    ``select_sql`` may read the relation itself. The new table has no
    constraints, so it can hold what the project's contracts would refuse.
    Works whether the relation was built as a table or a view.
    """
    con = duckdb.connect(str(db_path))
    try:
        con.execute(f"create temp table __tampered as {select_sql}")
        kind = con.execute(
            "select table_type from information_schema.tables "
            "where table_schema = 'main' and table_name = ?",
            [relation],
        ).fetchall()
        assert kind, f"relation main.{relation} not found"
        if kind[0][0] == "VIEW":
            con.execute(f"drop view main.{relation}")
        else:
            con.execute(f"drop table main.{relation}")
        con.execute(f"create table main.{relation} as select * from __tampered")
        con.execute("drop table __tampered")
        con.execute("checkpoint")
    finally:
        con.close()


def copy_database(source: Path | str, workdir: Path | str) -> Path:
    """Copy a built DuckDB file (and its WAL, if any) to ``<workdir>/ci.duckdb``."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / "ci.duckdb"
    shutil.copyfile(source, target)
    wal = Path(f"{source}.wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}.wal"))
    return target


# --------------------------------------------------------------------------
# Breakdowns in the generator's truth format
# --------------------------------------------------------------------------


def _counts(rows: list[tuple]) -> dict[str, int]:
    return {str(key): int(count) for key, count in rows if key not in (None, "") and count}


def breakdowns(query: Callable[[str], list[tuple]]) -> dict:
    """What the built relations say, in the generator's truth-JSON format.

    ``raw_rows`` (delivered rows, re-deliveries included) comes from the load
    ledger ``audit_log_loads``; the raw file itself is counted by ``raw_row_count``.
    """
    outcomes = ("main.fct_events", "main.audit_log_excluded", "main.audit_log_rejects")
    canonical, excluded, rejected = (
        query(f"select count(*) from {relation}")[0][0] for relation in outcomes
    )
    def by(column: str, relation: str = "main.fct_events") -> dict[str, int]:
        return _counts(
            query(f"select {column}, count(*) from {relation} group by all")
        )

    hour_and_type = _counts(
        query(
            "select strftime(event_hour, '%Y-%m-%dT%H:00:00') || '|' || event_type, "
            "sum(event_count) from main.events_hourly group by all"
        )
    )
    hour_of_day_and_type = _counts(
        query(
            "select cast(cast(hour_of_day as integer) as varchar) || '|' || event_type, "
            "sum(event_count) from main.events_by_hour_of_day group by all"
        )
    )
    delivered = {
        "raw_rows": int(
            query("select coalesce(sum(delivered_rows), 0) from main.audit_log_loads")[0][0]
        )
    }
    return {
        **delivered,
        "distinct_records": canonical + excluded + rejected,
        "canonical_events": canonical,
        "excluded": excluded,
        "rejected": rejected,
        "event_type": by("event_type"),
        "hour_and_type": hour_and_type,
        "hour_of_day_and_type": hour_of_day_and_type,
        "creation_path": by("creation_path"),
        "update_reason": by("update_reason"),
        "sign_in_method": by("sign_in_method"),
        "channel": by("channel"),
        "exclusion_reason": by("exclusion_reason", "main.audit_log_excluded"),
        "reject_reason": by("reject_reason", "main.audit_log_rejects"),
    }


def founding_example_slice(query: Callable[[str], list[tuple]], app_id: str) -> dict[str, int]:
    return _counts(
        query(
            "select event_type, count(*) from main.fct_events "
            f"where app_id = '{app_id}' group by all"
        )
    )


def normalise_truth(truth: dict) -> dict:
    """Drop zero counts and normalise hour-of-day keys ("09|x" -> "9|x")."""
    out = {}
    for key, value in truth.items():
        if isinstance(value, dict) and key != "founding_example":
            value = {k: int(v) for k, v in value.items() if v}
            if key == "hour_of_day_and_type":
                value = {
                    f"{int(k.split('|', 1)[0])}|{k.split('|', 1)[1]}": v
                    for k, v in value.items()
                }
        out[key] = value
    return out


def raw_row_count(path: Path | str) -> int:
    path = str(path)
    if path.endswith(".parquet"):
        reader = f"read_parquet('{path}')"
    elif path.endswith((".jsonl", ".json")):
        reader = f"read_json('{path}', format = 'newline_delimited')"
    else:
        reader = f"read_csv('{path}', header = true, all_varchar = true)"
    con = duckdb.connect()
    try:
        return con.execute(f"select count(*) from {reader}").fetchall()[0][0]
    finally:
        con.close()


def convert_csv(csv_path: Path | str, out_path: Path | str) -> Path:
    """Convert a raw CSV to Parquet or JSON lines (by the extension), all text."""
    out_path = Path(out_path)
    fmt = "parquet" if out_path.suffix == ".parquet" else "json"
    con = duckdb.connect()
    try:
        con.execute(
            f"copy (select * from read_csv('{csv_path}', header = true, all_varchar = true)) "
            f"to '{out_path}' (format {fmt})"
        )
    finally:
        con.close()
    return out_path


def run_generator(out: Path, truth: Path, seed: int = 7, scale: float = 0.1) -> None:
    proc = subprocess.run(
        [
            str(PYTHON), str(GENERATOR),
            "--seed", str(seed), "--scale", str(scale),
            "--out", str(out), "--truth", str(truth),
        ],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, f"generator failed:\n{proc.stdout}\n{proc.stderr}"



# --------------------------------------------------------------------------
# Shared by several test modules (no test module imports from another)
# --------------------------------------------------------------------------

# The raw audit-log columns of contract section 1, in contract order: the
# project's list is the macro audit_log_columns(); test files are written with this one.
RAW_COLUMNS = (
    "log_id", "logged_at", "event_name", "app_id", "client_id", "endpoint", "user_uuid",
    "identity_provider", "changed_attributes", "deactivate_account", "batch_id",
    "sso_session_id", "ip_address", "user_agent", "failure_reason", "ingested_at",
)
# Contract section 6, in the order the reasons are checked (the first that applies
# is recorded), then the project's own last resort (DECISIONS.md 4); the project's
# order is the macro classify_reject_reason().
REJECT_REASONS = (
    "missing_log_id", "unparseable_logged_at", "unknown_event_name",
    "logged_after_ingested", "missing_user_uuid", "log_id_conflict",
    "unparseable_ingested_at",
)
# Contract sections 4 and 8: what each surviving record of the contract example becomes,
# from the expected seed that integration_tests/ checks fct_events against on every engine.
EXPECTED_EVENTS_SEED = (
    REPO_ROOT / "integration_tests" / "seeds" / "expected" / "expected_contract_example_events.csv"
)
with open(EXPECTED_EVENTS_SEED, newline="", encoding="utf-8") as _seed:
    EXPECTED_EVENT_TYPE = {row["source_log_id"]: row["event_type"] for row in csv.DictReader(_seed)}
# The database `make` builds, which the demo, report and semantic-layer tests read.
DEMO_DB = Path(os.environ.get("DEMO_DUCKDB_PATH", REPO_ROOT / "customer_insights.duckdb"))

# What the pipeline outputs (the builds of most tests leave the dashboards out).
PIPELINE_OUTPUTS = (
    "fct_events",
    "audit_log_excluded",
    "audit_log_rejects",
    "events_hourly",
    "events_by_hour_of_day",
)
# Columns that say when or from which file a row was written, not what it is: a
# different value in every build.
BOOKKEEPING_COLUMNS = frozenset({"processed_at", "source_file"})


def sorted_rows(db_path: Path | str, relation: str) -> tuple[list[str], list[tuple]]:
    """The columns and rows of ``relation`` (in ``main`` unless named ``schema.relation``),
    bookkeeping columns aside, rows sorted: what two builds must agree on."""
    schema, _, name = relation.rpartition(".")
    schema = schema or "main"
    columns = [
        column
        for (column,) in query_db(
            db_path,
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, name],
        )
        if column not in BOOKKEEPING_COLUMNS
    ]
    rows = query_db(db_path, f"select {', '.join(columns)} from {schema}.{name}")
    return columns, sorted(rows, key=repr)


def table_rows(db_path: Path | str, relation: str) -> list[tuple]:
    """The sorted rows of ``relation``, bookkeeping columns aside (see :func:`sorted_rows`)."""
    return sorted_rows(db_path, relation)[1]


def slice_by_ingestion(log: Path, out_dir: Path, slices: int) -> tuple[list[Path], float]:
    """Cut a raw CSV into ``slices`` files by ingestion time, as a loader would deliver it.

    Returns the files (``part1.csv``...) and the log's largest lateness in hours
    (ingested_at - logged_at), which a late-arrival window must cover.
    """
    out_dir.mkdir()
    con = duckdb.connect()
    try:
        con.execute(
            "create table log as select *, ntile(?) over (order by ingested_at, log_id) as part "
            "from read_csv(?, all_varchar = true, header = true)",
            [slices, str(log)],
        )
        paths = []
        for part in range(1, slices + 1):
            path = out_dir / f"part{part}.csv"
            con.execute(
                f"copy (select * exclude (part) from log where part = {part}) "
                f"to '{path}' (header, format csv)"
            )
            paths.append(path)
        lateness = con.execute(
            "select max(epoch(try_cast(ingested_at as timestamptz))"
            " - epoch(try_cast(logged_at as timestamptz))) / 3600 from log"
            " where try_cast(logged_at as timestamptz) <= try_cast(ingested_at as timestamptz)"
        ).fetchall()[0][0]
    finally:
        con.close()
    return paths, lateness
