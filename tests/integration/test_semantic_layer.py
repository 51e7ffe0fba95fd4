"""The MetricFlow semantic layer gives the marts' numbers.

``mf query`` runs against a copy of the demo database (MetricFlow opens it for
writing, which would lock out the other tests' readers) with the manifest the
build of that database left in ``target/``. The README's query must reproduce
``events_by_hour_of_day``; the cumulative ``profiles_in_store`` must equal
``profile_counts_daily``; ``social_share_of_registrations`` must be the share
the registrations mart shows; metrics split by ``event__source_system`` as the
events do. The marts are read summed over source_system, as the metrics are
when not split. ``make query``, the documented way to query, works after a dbt
command on another DuckDB file.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from harness import DBT, DEMO_DB, REPO_ROOT, copy_database, query_db

MF = REPO_ROOT / ".venv" / "bin" / "mf"

pytestmark = pytest.mark.skipif(
    not DEMO_DB.exists(), reason=f"no demo database at {DEMO_DB} (run make first)"
)


def mf_query(tmp_path: Path, *args: str) -> list[dict]:
    # Same file name: dbt-duckdb names the database after the file, and the
    # semantic manifest refers to tables by that name.
    db = tmp_path / DEMO_DB.name
    if not db.exists():
        shutil.copyfile(copy_database(DEMO_DB, tmp_path), db)
    out = tmp_path / f"mf_{len(list(tmp_path.glob('mf_*.csv')))}.csv"
    env = dict(os.environ, DBT_DUCKDB_PATH=str(db), DBT_PROFILES_DIR=str(REPO_ROOT),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    proc = subprocess.run(
        [str(MF), "query", *args, "--csv", str(out), "--quiet"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0 and out.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle))


def test_readme_query_reproduces_events_by_hour_of_day(tmp_path):
    rows = mf_query(
        tmp_path, "--metrics", "events", "--group-by", "event__hour_of_day,event__event_type",
        "--order", "event__hour_of_day,event__event_type",
    )
    got = {(int(r["event__hour_of_day"]), r["event__event_type"]): int(r["events"]) for r in rows}
    mart = {
        (hour, kind): count for hour, kind, count in query_db(
            DEMO_DB, "select hour_of_day, event_type, sum(event_count) "
            "from main.events_by_hour_of_day group by all"
        )
    }
    assert len(mart) > 100 and got == mart


def test_profiles_in_store_equals_profile_counts_daily(tmp_path):
    first, last = query_db(
        DEMO_DB, "select min(profile_date), max(profile_date) from main.profile_counts_daily"
    )[0]
    # A cumulative metric joins every spine hour to the events before it: bound the
    # range. MetricFlow cuts the range at the start of the end day, so end a day later.
    rows = mf_query(
        tmp_path, "--metrics", "profiles_in_store",
        "--group-by", "metric_time__day,event__app_id",
        "--start-time", str(first), "--end-time", str(last + timedelta(days=1)),
    )
    got = {
        (r["metric_time__day"][:10], r["event__app_id"]): int(float(r["profiles_in_store"]))
        for r in rows if r["profiles_in_store"] not in ("", None)
    }
    mart = {
        (str(day), app): count for day, app, count in query_db(
            DEMO_DB, "select profile_date, app_id, sum(profile_count) "
            "from main.profile_counts_daily group by all"
        )
    }
    assert mart and {key: got.get(key) for key in mart} == mart


def test_social_share_of_registrations(tmp_path):
    rows = mf_query(tmp_path, "--metrics", "social_share_of_registrations,registrations")
    assert len(rows) == 1
    social, total = query_db(
        DEMO_DB,
        "select sum(case when sign_in_method = 'social' then registrations end), "
        "sum(registrations) from main.registrations_by_method_daily",
    )[0]
    assert int(rows[0]["registrations"]) == total
    assert float(rows[0]["social_share_of_registrations"]) == pytest.approx(social / total)


def test_metrics_split_by_source_system(tmp_path):
    rows = mf_query(
        tmp_path, "--metrics", "events,registrations", "--group-by", "event__source_system",
    )
    got = {r["event__source_system"]: (int(r["events"]), int(r["registrations"])) for r in rows}
    events = {
        source: (count, registrations) for source, count, registrations in query_db(
            DEMO_DB, "select source_system, count(*), count(case when is_registration then 1 end)"
            " from main.fct_events group by all"
        )
    }
    assert events and got == events
    assert got == {
        source: (count, registrations) for source, count, registrations in query_db(
            DEMO_DB, "select source_system, sum(event_count), sum(registrations) from ("
            " select source_system, event_count, 0 as registrations from main.events_daily"
            " union all select source_system, 0, registrations"
            " from main.registrations_by_method_daily) group by all"
        )
    }


def test_make_query_after_a_dbt_command_on_another_file(tmp_path):
    """mf reads target/semantic_manifest.json, whose tables carry the database name of
    the last dbt command, and dbt-duckdb names the database after the file. A build into
    one file (here: a copy of the demo build, as ``ci.duckdb``) and then any dbt command
    on another file (``other.duckdb``) left a plain ``mf query`` on the first file
    looking for ``other.main.fct_events``. ``make query`` parses for the file it is
    given first, and reproduces events_by_hour_of_day."""
    project = tmp_path / "project"  # own target/: the tests above read the repository's
    project.mkdir()
    for name in ("Makefile", "requirements.txt", ".venv", "dbt_project.yml", "profiles.yml",
                 "selectors.yml", "packages.yml", "package-lock.yml", "packages", "models",
                 "macros", "seeds", "tests", "integration_tests", "dbt_packages"):
        (project / name).symlink_to(REPO_ROOT / name)
    first = copy_database(DEMO_DB, tmp_path / "first")
    env = dict(os.environ, DBT_PROFILES_DIR=str(project), DBT_PROJECT_DIR=str(project),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    for name in ("DBT_TARGET_PATH", "DBT_LOG_PATH", "MAKEFLAGS", "MFLAGS"):
        env.pop(name, None)
    other = subprocess.run(
        [str(DBT), "parse", "--quiet"], cwd=project, capture_output=True, text=True,
        env=dict(env, DBT_DUCKDB_PATH=str(tmp_path / "second" / "other.duckdb")), timeout=600,
    )
    assert other.returncode == 0, other.stdout[-3000:] + other.stderr[-3000:]

    out = tmp_path / "events.csv"
    # -o: the test does not (re)install the environment the suite runs in.
    proc = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "query",
         f"QUERY_ARGS=--csv {out} --quiet"],
        cwd=project, env=dict(env, DBT_DUCKDB_PATH=str(first)), capture_output=True,
        text=True, timeout=600,
    )
    assert proc.returncode == 0 and out.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    got = {(int(r["event__hour_of_day"]), r["event__event_type"]): int(r["events"]) for r in rows}
    mart = {
        (hour, kind): count for hour, kind, count in query_db(
            DEMO_DB, "select hour_of_day, event_type, sum(event_count) "
            "from main.events_by_hour_of_day group by all"
        )
    }
    assert len(mart) > 100 and got == mart
