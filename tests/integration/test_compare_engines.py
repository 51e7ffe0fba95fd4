"""The cross-engine check (scripts/compare_engines.py) can fail.

`make test-postgres` and `make test-spark` trust it to report any difference
between an engine's marts and DuckDB's: these tests feed it snapshots that
differ in one way each and check it says so (exit 1), and that values equal
in meaning but spelled differently by the drivers compare equal.
"""

from __future__ import annotations

import datetime as dt
import decimal
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "compare_engines.py"
spec = importlib.util.spec_from_file_location("compare_engines", SCRIPT)
compare_engines = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_engines)

HEADER = "event_count,event_hour,event_type\n"
ROWS = "3,2026-03-02 14:00:00.000000,signin.sso\n5,2026-03-02 15:00:00.000000,entity_update\n"


def write_snapshot(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text)
    return folder


@pytest.mark.parametrize(
    "other, reason",
    [
        ({"events_hourly": HEADER + ROWS.replace("5,", "6,")}, "a count differs"),
        ({"events_hourly": HEADER + ROWS.splitlines(True)[0]}, "a row is missing"),
        ({"events_hourly": HEADER + ROWS + ROWS.splitlines(True)[0]}, "a row is doubled"),
        ({"events_hourly": HEADER.replace("event_type", "kind") + ROWS}, "a column differs"),
        ({}, "a relation is missing"),
        ({"events_hourly": HEADER + ROWS, "extra": HEADER}, "a relation is extra"),
    ],
)
def test_any_difference_fails(tmp_path, capsys, other, reason):
    reference = write_snapshot(tmp_path / "duckdb", {"events_hourly": HEADER + ROWS})
    compared = write_snapshot(tmp_path / "other", other)
    assert compare_engines.compare(reference, compared) == 1, reason
    assert "DIFFERENCES" in capsys.readouterr().err


def test_same_rows_in_another_order_pass(tmp_path):
    reference = write_snapshot(tmp_path / "duckdb", {"events_hourly": HEADER + ROWS})
    reordered = HEADER + "".join(reversed(ROWS.splitlines(True)))
    compared = write_snapshot(tmp_path / "other", {"events_hourly": reordered})
    assert compare_engines.compare(reference, compared) == 0


def test_empty_snapshots_fail(tmp_path):
    assert compare_engines.compare(tmp_path, tmp_path) == 1


def test_driver_spellings_of_one_value_normalize_alike():
    normalize = compare_engines.normalize
    assert normalize("n", 2) == normalize("n", decimal.Decimal("2.000")) == normalize("n", 2.0) == "2"
    assert normalize("n", decimal.Decimal("0.25")) == normalize("n", 0.25)
    naive = dt.datetime(2026, 3, 2, 14, 5, 9, 123456)
    aware = dt.datetime(2026, 3, 2, 15, 5, 9, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert normalize("t", naive) == normalize("t", aware) == "2026-03-02 14:05:09.123456"
    assert normalize("b", True) == "true" and normalize("x", None) == "\\N"
    assert normalize("n", 1) != normalize("n", 2)


def test_record_ids_compare_without_the_engine_hash():
    normalize = compare_engines.normalize
    assert normalize("event_id", "log-1#123") == normalize("event_id", "log-1#9f86d0") == "log-1#"
    assert normalize("event_id", "log-1#123") != normalize("event_id", "log-2#123")
    # Only the id columns: a '#' elsewhere is data.
    assert normalize("batch_id", "a#1") != normalize("batch_id", "a#2")
