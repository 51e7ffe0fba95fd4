"""The builds the fault tests share: each made once per session, read only by the tests.

A session fixture is built once per pytest-xdist worker that runs a test using
it, so every test module marks its tests with the build's xdist group
(``cases.ADVERSARIAL_GROUP``, ``cases.INCREMENTAL_GROUP``, ``cases.text_group(fmt)``)
and the suite runs with ``--dist loadgroup`` (pytest.ini): all tests of one
build go to one worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from harness import STABLE_DIR, DbtResult

from .accounting import Landings, landings
from .cases import ADVERSARIAL_FILE_CASES, INCREMENTAL_FILES, incremental_file_rows, text_group
from .cases.hostile_text import FORMATS, TEXT_REDELIVERED, TEXT_ROWS
from .records import rows_of, write_raw

@dataclass
class FaultBuild:
    result: DbtResult
    landings: Landings


@dataclass
class IncrementalRuns:
    first: DbtResult
    first_landings: Landings
    first_hourly: list[tuple]
    second: DbtResult
    second_landings: Landings


def build(dbt_build, workdir: Path, pattern: str) -> DbtResult:
    """dbt build over ``<workdir>/raw/<pattern>`` (a glob: every file in one run).

    The path is given relative to the dbt process's working directory (as the
    harness does for single files), so every build here has the same vars and
    reuses one parse of the project.
    """
    raw = workdir / "raw" / pattern
    extra = {"raw_audit_log_path": f"{STABLE_DIR}/raw/{pattern}"} if STABLE_DIR else None
    result = dbt_build(raw, workdir, extra)
    assert result.run_results, result.describe()
    return result


@pytest.fixture(scope="session")
def adversarial(dbt_build, tmp_path_factory) -> FaultBuild:
    """One CSV file of every reject, timestamp and whitespace case, built once."""
    workdir = tmp_path_factory.mktemp("faults_adversarial")
    write_raw(rows_of(ADVERSARIAL_FILE_CASES), workdir / "raw" / "adversarial.csv")
    result = build(dbt_build, workdir, "*.csv")
    return FaultBuild(result, landings(result))


@pytest.fixture(scope="session")
def incremental_runs(dbt_build, tmp_path_factory) -> IncrementalRuns:
    """Run 1 on three files (one glob), then run 2 (incremental) with two more files."""
    workdir = tmp_path_factory.mktemp("faults_incremental")
    for name, run in INCREMENTAL_FILES.items():
        if run == 1:
            write_raw(incremental_file_rows(name), workdir / "raw" / name)
    first = build(dbt_build, workdir, "*.csv")
    first_landings = landings(first)
    first_hourly = first.query("select * from main.events_hourly") if first.returncode == 0 else []
    for name, run in INCREMENTAL_FILES.items():
        if run == 2:
            write_raw(incremental_file_rows(name), workdir / "raw" / name)
    second = build(dbt_build, workdir, "*.csv")
    return IncrementalRuns(first, first_landings, first_hourly, second, landings(second))


@pytest.fixture(
    scope="session",
    params=[pytest.param(fmt, marks=pytest.mark.xdist_group(text_group(fmt))) for fmt in FORMATS],
)
def text_build(request, dbt_build, tmp_path_factory) -> tuple[str, FaultBuild]:
    """The hostile records in one format, in two files of one run: written the usual
    way, and re-delivered an hour later written another legal way (see write_raw).
    The copies must be exact re-deliveries of the originals."""
    fmt = request.param
    workdir = tmp_path_factory.mktemp(f"faults_text_{fmt}")
    write_raw(TEXT_ROWS, workdir / "raw" / f"hostile.{fmt}")
    write_raw(TEXT_REDELIVERED, workdir / "raw" / f"hostile_again.{fmt}", other_encoding=True)
    result = build(dbt_build, workdir, f"*.{fmt}")
    return fmt, FaultBuild(result, landings(result))
