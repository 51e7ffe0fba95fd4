"""The demo database built by ``make`` holds what the demo seed's generator says.

The database path comes from ``DEMO_DUCKDB_PATH`` (default: the project's
``customer_insights.duckdb``); the expected breakdowns from
``expected/demo_expected.json``, written by the generator with the seed.
"""

from __future__ import annotations

import csv
import json
from functools import partial

import pytest

from harness import (
    DEMO_DB,
    EXPECTED_DIR,
    GENERATOR,
    REPO_ROOT,
    breakdowns,
    founding_example_slice,
    normalise_truth,
    query_db,
)

EXPECTED = EXPECTED_DIR / "demo_expected.json"
SEED = REPO_ROOT / "integration_tests" / "seeds" / "expected" / "expected_demo_breakdowns.csv"
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


# The totals and the breakdowns by type, path, reason, method, channel and hour of day are
# the expected seed of integration_tests/ (every engine), which `make data` writes from the
# same truth; these need the ledger or a timestamp rendered as text, or are about the seed.
CHECKED_HERE = ("raw_rows", "distinct_records", "hour_and_type")


@pytest.mark.parametrize("key", CHECKED_HERE)
def test_demo_breakdown(key, demo_breakdowns, expected):
    assert key in expected, f"{EXPECTED.name} has no {key}"
    assert demo_breakdowns[key] == expected[key]


@pytest.fixture(scope="module")
def seed() -> dict[tuple[str, str], int]:
    """integration_tests' expected seed: (breakdown, item) -> count; totals have item ''."""
    with open(SEED, newline="", encoding="utf-8") as handle:
        return {
            (row["breakdown"], row["item"]): int(row["record_count"])
            for row in csv.DictReader(handle)
        }


def test_expected_has_nothing_unchecked(expected, demo_breakdowns, seed):
    """Every breakdown of the truth is checked here or by the integration_tests seed."""
    unchecked = set(_keys(expected)) - set(demo_breakdowns)
    assert not unchecked
    in_seed = {breakdown for breakdown, _ in seed}
    assert set(_keys(expected)) <= set(CHECKED_HERE) | in_seed, set(_keys(expected)) - in_seed


def test_expected_seed_is_the_truth(expected, seed):
    """integration_tests' seed says what the generator's truth says (make data writes both)."""
    for key in {breakdown for breakdown, _ in seed}:
        truth = expected[key]
        got = {item: count for (breakdown, item), count in seed.items() if breakdown == key}
        if isinstance(truth, int):
            assert got == {"": truth}, key
        else:
            assert got == truth, key


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
