"""Whole-file faults: empty, header-only, a required column missing, unreadable.

* An empty file (0 bytes) and a file with a header but no data rows hold no
  record: the build completes and gives what the good file alone gives.
* A file whose header lacks a required column, and a file that cannot be read
  (bytes that are not UTF-8, a CSV cut off inside a quoted value, random bytes
  or a half-written Parquet file), stop the build with an error that names the
  file, without a Python traceback, before anything is written: every output,
  the ledger and the published reporting copy stay exactly as they were. The
  file is not recorded as loaded, so once it is replaced by a good one the
  next run loads it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness import CONTRACT_EXAMPLE, STABLE_DIR, RawLog, convert_csv, query_db, sorted_rows

OUTPUTS = (
    "fct_events", "audit_log_excluded", "audit_log_rejects", "audit_log_loads",
    "events_hourly", "events_by_hour_of_day", "incremental.incremental_manifest",
)
REPORTING = Path("reporting") / "customer_insights_reporting.duckdb"


def _arriving(workdir: Path, extension: str) -> tuple[Path, str]:
    """The folder files arrive in, inside the run's working directory, and the
    raw path naming its files. The path is the same string in every test (it
    goes through the dbt process's working directory), so dbt's parse of the
    project is reused from one test to the next."""
    folder = workdir / "arriving"
    folder.mkdir(parents=True)
    root = STABLE_DIR or str(workdir)
    return folder, f"{root}/arriving/*{extension}"


def _good_new_records(path: Path) -> Path:
    """Two records no earlier file had: an API-only creation and a failed sign-in."""
    example = RawLog.read(CONTRACT_EXAMPLE)
    creation = dict(example.row("rec-0014"), log_id="new-0001",
                    user_uuid="77777777-7777-4777-a777-777777777777")
    failure = dict(example.row("rec-0007"), log_id="new-0002")
    log = RawLog(example.columns, [creation, failure])
    csv_path = log.write(path.with_suffix(".csv") if path.suffix != ".csv" else path)
    return csv_path if path.suffix == ".csv" else convert_csv(csv_path, path)


def _snapshot(db_path: Path) -> dict[str, list[tuple]]:
    return {
        table: sorted(
            query_db(db_path, f"select * from {table if '.' in table else 'main.' + table}"),
            key=repr,
        )
        for table in OUTPUTS
    }


def _missing_column(path: Path) -> None:
    example = RawLog.read(CONTRACT_EXAMPLE)
    columns = [column for column in example.columns if column != "logged_at"]
    rows = [{column: row[column] for column in columns} for row in example.rows[:3]]
    RawLog(columns, rows).write(path)


def _not_utf8(path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_bytes()
    path.write_bytes(text.replace(b"Mozilla", b"Moz\xff\xfeilla", 1))


def _cut_inside_a_quote(path: Path) -> None:
    RawLog.read(CONTRACT_EXAMPLE).write(path)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('rec-9999,2026-03-09T10:00:00.000Z,entityUpdated,"exampleapp0')


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _half_written_parquet(path: Path) -> None:
    whole = convert_csv(CONTRACT_EXAMPLE, path.with_name("whole.parquet.tmp"))
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    whole.unlink()


# Each group shares one history: its bad files arrive one after the other
# (each refused and then removed), then a good replacement is loaded.
BAD_FILES = {
    "missing_column": [("missing_column.csv", _missing_column, "has no column logged_at")],
    "unreadable_csv": [
        ("not_utf8.csv", _not_utf8, "utf-8"),
        ("cut_inside_a_quote.csv", _cut_inside_a_quote, "cut_inside_a_quote.csv"),
    ],
    "unreadable_parquet": [
        ("random_bytes.parquet", _random_bytes, "random_bytes.parquet"),
        ("half_written.parquet", _half_written_parquet, "half_written.parquet"),
    ],
}


def test_empty_and_header_only_files_hold_no_record(example_build, dbt_build, tmp_path):
    arriving, raw = _arriving(tmp_path / "db", ".csv")
    RawLog.read(CONTRACT_EXAMPLE).write(arriving / "a.csv")
    (arriving / "b_empty.csv").write_bytes(b"")
    (arriving / "c_header_only.csv").write_text(
        CONTRACT_EXAMPLE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    result = dbt_build(raw, tmp_path / "db")
    assert result.returncode == 0, result.describe()
    for relation in ("fct_events", "audit_log_excluded", "audit_log_rejects", "events_hourly"):
        assert sorted_rows(result.db_path, relation) == sorted_rows(
            example_build.db_path, relation
        ), relation
    loaded = [Path(name).name for (name,) in result.query(
        "select source_file from main.audit_log_loads")]
    assert loaded == ["a.csv"]

    # A run whose only new file is empty completes and changes nothing.
    before = _snapshot(result.db_path)
    (arriving / "d_empty.csv").write_bytes(b"")
    again = dbt_build(raw, tmp_path / "db")
    assert again.returncode == 0, again.describe()
    assert _snapshot(again.db_path) == before


@pytest.mark.parametrize("group", sorted(BAD_FILES))
def test_bad_file_stops_the_build_before_anything_is_written(group, dbt_build, tmp_path):
    extension = Path(BAD_FILES[group][0][0]).suffix
    arriving, raw = _arriving(tmp_path / "db", extension)
    good = RawLog.read(CONTRACT_EXAMPLE).write(tmp_path / "a.csv")
    if extension == ".parquet":
        convert_csv(good, arriving / "a.parquet")
    else:
        good.rename(arriving / "a.csv")
    first = dbt_build(raw, tmp_path / "db", publication=True)
    assert first.returncode == 0, first.describe()
    assert first.scalar("select count(*) from main.audit_log_loads") == 1
    before = _snapshot(first.db_path)
    published = tmp_path / "db" / REPORTING
    published_before = published.stat()

    for name, write_bad_file, message in BAD_FILES[group]:
        write_bad_file(arriving / name)
        bad = dbt_build(raw, tmp_path / "db", publication=True)
        assert bad.returncode != 0, bad.describe()
        output = bad.stdout + bad.stderr
        assert message.lower() in output.lower(), bad.describe()
        assert name in output, bad.describe()
        assert "Traceback" not in output, bad.describe()
        assert bad.errored_models.keys() == {"run_limits"}, bad.describe()
        assert _snapshot(bad.db_path) == before, name
        assert (published.stat().st_ino, published.stat().st_mtime_ns) == (
            published_before.st_ino, published_before.st_mtime_ns
        ), f"{name}: a failed build must not publish"
        (arriving / name).unlink()

    # Replaced by a good file, the delivery is loaded by the next run.
    _good_new_records(arriving / BAD_FILES[group][-1][0])
    fixed = dbt_build(raw, tmp_path / "db", publication=True)
    assert fixed.returncode == 0, fixed.describe()
    assert fixed.scalar(
        "select count(*) from main.fct_events where source_log_id = 'new-0001'"
    ) == 1
    assert fixed.scalar(
        "select count(*) from main.audit_log_excluded where log_id = 'new-0002'"
    ) == 1
    assert fixed.scalar("select count(*) from main.audit_log_loads") == 2
