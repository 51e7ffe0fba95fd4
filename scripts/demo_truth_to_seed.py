"""Write the demo generator's truth as the integration tests' expected seed.

    demo_truth_to_seed.py TRUTH_JSON SEED_CSV

The generator (scripts/generate_audit_log.py) writes its truth as JSON; the
integration_tests dbt project compares the demo's marts with it on every
engine, as rows (breakdown, item, record_count) in
integration_tests/seeds/expected/expected_demo_breakdowns.csv. Totals have an
empty item (null once loaded); zero counts are left out, as the marts have no row for them.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

TOTALS = ("canonical_events", "excluded", "rejected")
BREAKDOWNS = (
    "event_type", "creation_path", "update_reason", "sign_in_method", "channel",
    "exclusion_reason", "reject_reason", "hour_of_day_and_type",
)


def rows(truth: dict) -> list[tuple[str, str, int]]:
    out = [(name, "", int(truth[name])) for name in TOTALS]
    for name in BREAKDOWNS:
        for item, count in sorted(truth[name].items()):
            if name == "hour_of_day_and_type":
                hour, event_type = item.split("|", 1)
                item = f"{int(hour)}|{event_type}"
            if count:
                out.append((name, item, int(count)))
    return out


def main(truth_path: str, seed_path: str) -> None:
    truth = json.loads(Path(truth_path).read_text())
    with open(seed_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["breakdown", "item", "record_count"])
        writer.writerows(rows(truth))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
