"""The demo database built by ``make`` holds what the demo seed's generator says.

The database path comes from ``DEMO_DUCKDB_PATH`` (default: the project's
``customer_insights.duckdb``); the expected breakdowns from
``expected/demo_expected.json``, written by the generator with the seed.
"""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path

import pytest

from harness import (
    EXPECTED_DIR,
    GENERATOR,
    REPO_ROOT,
    breakdowns,
    founding_example_slice,
    normalise_truth,
    query_db,
)

DEMO_DB = Path(os.environ.get("DEMO_DUCKDB_PATH", REPO_ROOT / "customer_insights.duckdb"))
EXPECTED = EXPECTED_DIR / "demo_expected.json"
FOUNDING_APP = "foundingexampleapp00000000"

pytestmark = pytest.mark.skipif(
    not DEMO_DB.exists(), reason=f"no demo database at {DEMO_DB} (run make first)"
)


@pytest.fixture(scope="module")
def demo():
    return partial(query_db, DEMO_DB)


@pytest.fixture(scope="module")
def expected():
    if not EXPECTED.exists() and not GENERATOR.exists():
        pytest.skip(f"neither {EXPECTED.name} nor the generator that writes it exists yet")
    assert EXPECTED.exists(), f"{EXPECTED} is missing: the generator writes it with the demo seed"
    return normalise_truth(json.loads(EXPECTED.read_text()))


@pytest.fixture(scope="module")
def demo_breakdowns(demo):
    return breakdowns(demo)


def _keys(expected):
    return [key for key in expected if key != "founding_example"]


@pytest.mark.parametrize(
    "key",
    [
        "raw_rows", "distinct_records", "canonical_events", "excluded", "rejected", "event_type",
        "hour_and_type", "hour_of_day_and_type", "creation_path", "update_reason",
        "sign_in_method", "channel", "exclusion_reason", "reject_reason",
    ],
)
def test_demo_breakdown(key, demo_breakdowns, expected):
    assert key in expected, f"{EXPECTED.name} has no {key}"
    assert demo_breakdowns[key] == expected[key]


def test_expected_has_nothing_unchecked(expected, demo_breakdowns):
    unchecked = set(_keys(expected)) - set(demo_breakdowns)
    assert not unchecked


def test_demo_seed_rows(demo, expected):
    """The demo seed table holds as many rows as the generator wrote."""
    if "raw_rows" not in expected:
        pytest.skip("no raw_rows in the expected file")
    tables = demo(
        "select table_schema, table_name from information_schema.tables "
        "where table_name = 'raw_audit_log'"
    )
    assert tables, "the demo database has no raw_audit_log seed table"
    schema, name = tables[0]
    assert demo(f'select count(*) from "{schema}"."{name}"')[0][0] == expected["raw_rows"]


def test_founding_example_slice(demo, expected):
    founding = expected.get("founding_example") or {}
    assert founding.get("app_id") == FOUNDING_APP
    got = founding_example_slice(demo, FOUNDING_APP)
    assert got.get("signin.traditional_register", 0) == 25
    assert got.get("entity_create", 0) == 45
    assert founding["signin.traditional_register"] == 25
    assert founding["entity_create"] == 45
