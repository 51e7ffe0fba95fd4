"""The reader is picked by the file extension, and the format changes nothing.

1. The contract example converted to Parquet and to JSON lines gives, row for
   row, what the CSV gives.
2. A never-seen generated log, in each format, gives exactly the generator's
   truth (every breakdown) and a clean build. This is the check of the
   generator's log against the contract's invariants: the generator does not
   check them itself.
3. A small generated log has every kind of record the demo seed has.
"""

from __future__ import annotations

import json

import pytest

from harness import (
    CONTRACT_EXAMPLE,
    EXPECTED_DIR,
    GENERATOR,
    PIPELINE_OUTPUTS,
    breakdowns,
    convert_csv,
    founding_example_slice,
    normalise_truth,
    raw_row_count,
    run_generator,
    sorted_rows,
)

@pytest.mark.parametrize("extension", ["parquet", "jsonl"])
def test_example_in_other_format_matches_csv(extension, example_build, dbt_build, tmp_path):
    raw = convert_csv(CONTRACT_EXAMPLE, tmp_path / f"contract_example.{extension}")
    assert raw_row_count(raw) == 25
    result = dbt_build(raw, tmp_path)
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    for relation in PIPELINE_OUTPUTS:
        expected_columns, expected_rows = sorted_rows(example_build.db_path, relation)
        columns, rows = sorted_rows(result.db_path, relation)
        assert columns == expected_columns, relation
        assert len(rows) == len(expected_rows), relation
        for expected_row, row in zip(expected_rows, rows):
            assert row == expected_row, relation


@pytest.mark.parametrize("extension", ["csv", "parquet", "jsonl"])
def test_generated_log_matches_its_truth(extension, dbt_build, tmp_path):
    if not GENERATOR.exists():
        pytest.skip(f"{GENERATOR} does not exist yet")
    raw = tmp_path / f"log.{extension}"
    truth_path = tmp_path / "truth.json"
    run_generator(raw, truth_path, seed=7, scale=0.1)
    truth = normalise_truth(json.loads(truth_path.read_text()))

    result = dbt_build(raw, tmp_path)
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()

    got = breakdowns(result.query)
    assert raw_row_count(raw) == truth["raw_rows"], "the generated file itself"
    founding = truth.get("founding_example") or {}
    compared = [key for key in truth if key != "founding_example"]
    unchecked = set(compared) - set(got)
    assert not unchecked, f"truth keys the suite cannot check: {unchecked}"
    for key in compared:
        assert got[key] == truth[key], key
    assert founding, "the truth has no founding_example"
    app_slice = founding_example_slice(result.query, founding["app_id"])
    assert app_slice.get("signin.traditional_register", 0) == founding[
        "signin.traditional_register"
    ] == 25
    assert app_slice.get("entity_create", 0) == founding["entity_create"] == 45


def test_generated_log_has_every_kind_of_record(tmp_path):
    """The generator promises every scenario at any scale: the log of the test above
    (a tenth of the demo) has every event type, exclusion and reject reason, creation
    path, update reason, sign-in method and channel that the demo seed has."""
    if not GENERATOR.exists():
        pytest.skip(f"{GENERATOR} does not exist yet")
    truth_path = tmp_path / "truth.json"
    run_generator(tmp_path / "log.csv", truth_path, seed=7, scale=0.1)
    truth = normalise_truth(json.loads(truth_path.read_text()))
    demo = normalise_truth(json.loads((EXPECTED_DIR / "demo_expected.json").read_text()))
    for key in ("event_type", "exclusion_reason", "reject_reason", "creation_path",
                "update_reason", "sign_in_method", "channel"):
        assert demo[key] and set(truth[key]) == set(demo[key]), key
