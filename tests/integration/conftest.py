"""Fixtures of the integration suite.

Each test that builds gets its own ``tmp_path`` (DuckDB file, target path, log
path), so the suite runs in parallel with ``pytest -n 2``. The only things
shared across tests are read-only: the parsed contract example and one build of
it per worker (``example_build``), which tests query but never write to (the
tamper tests copy its database file first), and the fault-injection builds
(faults/conftest.py), each kept on one worker by its pytest-xdist group.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from harness import CONTRACT_EXAMPLE, TESTS_DIR, DbtResult, RawLog, dbt_build, project_ready


@pytest.fixture(name="dbt_build", scope="session")
def dbt_build_fixture():
    """``dbt_build(raw_file, workdir, extra_vars=None, command='build', select=None,
    dashboards=False)``."""
    if not project_ready():
        pytest.fail("the dbt project is not there (dbt_project.yml, models/marts/fct_events.sql)")
    return dbt_build


@pytest.fixture(scope="session")
def contract_example() -> RawLog:
    """The worked example of the contract, as rows (copy before changing: see ``apply``)."""
    return RawLog.read(CONTRACT_EXAMPLE)


@pytest.fixture(scope="session")
def example_build(dbt_build, tmp_path_factory) -> DbtResult:
    """One build of the unchanged contract example, dashboards included, per worker. Read only."""
    workdir = tmp_path_factory.mktemp("contract_example")
    result = dbt_build(CONTRACT_EXAMPLE, workdir, dashboards=True, publication=True)
    assert result.run_results, f"dbt produced no run_results.json\n{result.describe()}"
    return result


# --------------------------------------------------------------------------
# The fault-injection report (issue 4): one row per fault class a test tried
# --------------------------------------------------------------------------

FAULT_REPORT_KEY = "fault_report"
FAULT_REPORT_DEFAULT = TESTS_DIR / ".fault_report.md"
# Collected where the test reports arrive: in the controlling process under
# pytest-xdist (reports carry the rows as user_properties), else in-process.
_FAULT_ROWS: list[dict] = []


@pytest.fixture
def fault_report(request) -> Callable[..., None]:
    """``fault_report(fault_class, records_tried=0, records_lost=0)`` adds a row.

    The row travels with the test's report and takes the test's outcome. The
    table has one line per fault class: the records tried and lost of all its
    tests, added up, and their outcomes (a test that checks something other than
    where records land reports only its class, to count in the outcome).
    """

    def record(fault_class: str, records_tried: int = 0, records_lost: int = 0) -> None:
        row = {"fault_class": fault_class, "tried": int(records_tried), "lost": int(records_lost)}
        request.node.user_properties.append((FAULT_REPORT_KEY, row))

    return record


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the fault rows of each finished test (call phase, or a failed setup)."""
    if report.when != "call" and not (report.when == "setup" and report.failed):
        return
    rows = [value for key, value in report.user_properties if key == FAULT_REPORT_KEY]
    if not rows and report.failed and "/faults/" in report.nodeid:
        # e.g. its build failed: the row is named after the test function
        name = report.nodeid.split("::")[-1].split("[")[0].split("@")[0]
        rows = [{"fault_class": name, "tried": "?", "lost": "?"}]
    outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
    for row in rows:
        _FAULT_ROWS.append({"outcome": outcome, **row})


def _total(values: list) -> int | str:
    return sum(values) if all(isinstance(value, int) for value in values) else "?"


def _fault_table() -> list[str]:
    classes: dict[str, list[dict]] = {}
    for row in _FAULT_ROWS:
        classes.setdefault(str(row["fault_class"]), []).append(row)
    lines = [
        "| fault class | records tried | records lost | outcome |",
        "|---|---:|---:|---|",
    ]
    for fault_class, rows in sorted(classes.items()):
        outcomes = Counter(row["outcome"] for row in rows)
        if len(outcomes) == 1:
            outcome = next(iter(outcomes))
        else:
            outcome = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
        tried = _total([row["tried"] for row in rows])
        lost = _total([row["lost"] for row in rows])
        lines.append(f"| {fault_class} | {tried} | {lost} | {outcome} |")
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the fault-injection table and write it to $FAULT_REPORT (or .fault_report.md)."""
    if hasattr(config, "workerinput") or not _FAULT_ROWS:
        return
    lines = _fault_table()
    path = Path(os.environ.get("FAULT_REPORT") or FAULT_REPORT_DEFAULT)
    path.write_text("# Fault injection, record level\n\n" + "\n".join(lines) + "\n")
    terminalreporter.section("fault injection")
    for line in lines:
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"(written to {path})")


# --------------------------------------------------------------------------
# pytest-xdist groups under pytest 9.2
# --------------------------------------------------------------------------


# Modules whose builds take longest, longest first (measured with --durations). The
# workers take tests in collection order, so starting these first keeps a long build
# from being the last thing one worker does while the other waits.
LONGEST_FIRST = (
    "test_crashes.py", "test_incremental.py", "test_file_faults.py", "test_formats.py",
    "test_invariants_negative.py", "test_semantic_layer.py", "test_hostile_text.py",
    "test_contract_example.py", "test_reporting_time_zone.py", "test_readers.py",
    "test_conflicts.py", "test_report.py", "test_personal_data.py", "test_freshness.py",
)


def _longest_first(items) -> None:
    """Longest modules first; the rest keep their order (the sort is stable)."""
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Make ``--dist loadgroup`` keep each ``xdist_group`` on one worker again.

    pytest-xdist 3.8 tells the scheduler a test's group by appending
    ``@<group>`` to ``item._nodeid``; pytest 9.2 keeps node ids in ``item._id``
    (a ``NodeId``) and ignores that attribute, so groups are silently spread
    over the workers and a shared session build is made once per worker
    (pytest-dev/pytest-xdist#1386, fix proposed in #1388). This does what
    xdist meant to, on the workers, and nothing once xdist's suffix is there.
    Remove it when pytest-xdist fixes #1386. It also puts the longest modules first.
    """
    _longest_first(items)
    if not (hasattr(config, "workerinput") and config.getvalue("loadgroup")):
        return
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # pytest < 9.2: xdist's own suffix works
        return
    for item in items:
        groups = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(groups))
        node_id = getattr(item, "_id", None)
        if groups and isinstance(node_id, NodeId) and node_id.names \
                and not item.nodeid.endswith(suffix):
            # "test[params]@group" as the last name, so that every rendering
            # of the id (e.g. relative to the working directory) keeps the suffix last.
            params = "" if node_id.params is None else f"[{node_id.params}]"
            last = node_id.names[-1] + params + suffix
            item._id = NodeId(path=node_id.path, names=(*node_id.names[:-1], last))
