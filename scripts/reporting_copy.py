"""The reporting copy, for the project's own readers (the report, the terminal table).

Every build on DuckDB publishes the marts into a read-only copy
(models/publication/publish_reporting_copy.py): by default
``reporting/customer_insights_reporting.duckdb`` beside the project's DuckDB file
(``DBT_DUCKDB_PATH``); the var ``reporting_dir`` moves the folder. BI tools are told
to read that copy and never the project's file, which a running build holds open for
writing; the project's own readers do the same. The copy has the marts under their
names in schema ``main``. Every mart has a row per source system (``source_system``:
janrain, auth0, keycloak): readers sum over it for figures across sources, and filter
on it for one source.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

REPORTING_FILE = "customer_insights_reporting.duckdb"


def default_path() -> Path:
    """Where a build into ``DBT_DUCKDB_PATH`` publishes the copy (var reporting_dir unset)."""
    project_db = Path(os.environ.get("DBT_DUCKDB_PATH", "customer_insights.duckdb"))
    return project_db.parent / "reporting" / REPORTING_FILE


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the copy at ``path``; exits with a message if there is none."""
    if not Path(path).exists():
        sys.exit(
            f"No reporting copy at {path}. A build publishes it: run `make build` "
            "(or `dbt build`) first. If the var reporting_dir moves the copy, pass its path."
        )
    return duckdb.connect(str(path), read_only=True)
