"""Compares the JSON count lines of dbt_counts.py and the baselines.

    .venv/bin/python bench/compare_counts.py dbt.json duckdb.json polars.json

Exits 1 when any count differs from the first file's. Run metadata (timings,
versions, the baseline's name) is ignored.
"""
import json
import sys

IGNORED = {"baseline", "seconds", "duckdb_version", "polars_version"}


def main(paths: list[str]) -> int:
    runs = [json.loads(open(path).read().strip().splitlines()[-1]) for path in paths]
    reference, differences = runs[0], 0
    for path, run in zip(paths[1:], runs[1:]):
        for key in sorted((set(reference) | set(run)) - IGNORED):
            if reference.get(key) != run.get(key):
                differences += 1
                print(f"{path}: {key}: {run.get(key)!r} != {reference.get(key)!r} ({paths[0]})")
    print("identical" if not differences else f"{differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
