"""The counts of a finished `dbt build`, in the JSON shape the baselines print.

Reads the DuckDB file the build wrote (read-only) and the build's
run_results.json (failures of the invariant tests = violating rows).

    .venv/bin/python bench/dbt_counts.py --db /tmp/bd1m.duckdb --target /tmp/bd1m_target
"""
import argparse
import json
import re
import sys
from pathlib import Path

import duckdb


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--target", required=True, help="the build's --target-path")
    args = parser.parse_args(argv)

    con = duckdb.connect(args.db, read_only=True)

    def scalar(sql):
        return con.execute(sql).fetchall()[0][0]

    def by(sql):
        return {("null" if key is None else key): value
                for key, value in con.execute(sql).fetchall()}

    result = {
        "delivered_rows": scalar("select count(*) from staging.stg_janrain__audit_log"),
        "distinct_records": scalar("select count(*) from intermediate.int_audit_log__validated"),
        "canonical": scalar("select count(*) from main.fct_events"),
        "excluded": scalar("select count(*) from main.audit_log_excluded"),
        "rejected": scalar("select count(*) from main.audit_log_rejects"),
        "event_types": by("select event_type, count(*) from main.fct_events group by 1 order by 1"),
        "creation_paths": by(
            "select creation_path, count(*) from main.fct_events"
            " where event_type = 'entity_create' group by 1 order by 1"),
        "update_reasons": by(
            "select update_reason, count(*) from main.fct_events"
            " where event_type = 'entity_update' group by 1 order by 1"),
        "exclusion_reasons": by(
            "select exclusion_reason, count(*) from main.audit_log_excluded group by 1 order by 1"),
        "reject_reasons": by(
            "select reject_reason, count(*) from main.audit_log_rejects group by 1 order by 1"),
        "events_hourly": dict(zip(
            ["rows", "event_count", "user_count"],
            con.execute("select count(*), sum(event_count), sum(user_count)"
                        " from main.events_hourly").fetchall()[0])),
        "events_by_hour_of_day": dict(zip(
            ["rows", "event_count"],
            con.execute("select count(*), sum(event_count)"
                        " from main.events_by_hour_of_day").fetchall()[0])),
    }
    run_results = json.loads((Path(args.target) / "run_results.json").read_text())
    violations = {}
    for node in run_results["results"]:
        match = re.search(r"\.invariant_(\d+)_", node["unique_id"])
        if match:
            violations[str(int(match.group(1)))] = node["failures"]
    result["invariant_violations"] = dict(sorted(violations.items()))
    result["baseline"] = "dbt"
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
