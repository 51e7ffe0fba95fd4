"""Fixtures of the integration suite.

Each test that builds gets its own ``tmp_path`` (DuckDB file, target path, log
path), so the suite runs in parallel with ``pytest -n 2``. The only things
shared across tests are read-only: the parsed contract example and one build of
it per worker (``example_build``), which tests query but never write to (the
tamper tests copy its database file first).
"""

from __future__ import annotations

import pytest

from harness import CONTRACT_EXAMPLE, DbtResult, RawLog, dbt_build, project_ready


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
    result = dbt_build(CONTRACT_EXAMPLE, workdir, dashboards=True)
    assert result.run_results, f"dbt produced no run_results.json\n{result.describe()}"
    return result
