"""Where each record landed, and the records tried and lost for the fault report.

"Nothing is lost or doubled" is the project's invariant 11, checked by dbt in
every build these tests make (a test that asserts a green build fails on it).
This module does not prove that again. It keeps two things invariant 11 cannot
say:

- ``lost``: records tried and lost *per fault class*, from the records the test
  wrote and where their log_id landed: the numbers of the fault report.
- ``account``: the distinct raw records counted from the rows the test wrote,
  in Python (content = every column but ``ingested_at``, surrounding whitespace
  trimmed, empty = null), against ``fct_events`` + ``audit_log_excluded`` +
  ``audit_log_rejects``, key by key. Invariant 11 reads the raw files through
  the project's own readers, cleaning and record keys, so a reader that drops,
  splits or merges rows (a quoted line break, a second legal encoding of the
  same value) passes it; this count does not. It is used only where the file
  itself is the fault: the whole adversarial file and hostile text per format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from .records import COLUMNS, Case, clean, landing_key
from harness import DbtResult

CONTENT_COLUMNS = [column for column in COLUMNS if column != "ingested_at"]

Landings = dict[str, list[tuple[str, str]]]


def landings(result: DbtResult) -> Landings:
    """Landing key -> sorted (outcome, event type or reason) of every output row with it.

    Empty when the outputs cannot be read (a failed build: its own test says why).
    """
    try:
        rows = result.query(
            "select source_log_id, null, 'canonical', event_type from main.fct_events "
            "union all select log_id, null, 'excluded', exclusion_reason "
            "from main.audit_log_excluded "
            "union all select log_id, changed_attributes, 'rejected', reject_reason "
            "from main.audit_log_rejects"
        )
    except duckdb.Error:
        return {}
    found: Landings = {}
    for log_id, changed_attributes, outcome, reason in rows:
        found.setdefault(landing_key(log_id, changed_attributes), []).append((outcome, reason))
    return {key: sorted(value) for key, value in found.items()}


def lost(case: Case, found: Landings) -> int:
    """Output rows the case expects that are not there (0 when it landed as expected)."""
    return max(0, len(case.expected) - len(found.get(case.key, [])))


def distinct_raw(rows: Iterable[dict[str, str]]) -> dict[str, set[tuple]]:
    """Landing key -> the distinct contents delivered under it."""
    records: dict[str, set[tuple]] = {}
    for row in rows:
        content = tuple(clean(row.get(column)) for column in CONTENT_COLUMNS)
        key = landing_key(clean(row["log_id"]), clean(row["changed_attributes"]))
        records.setdefault(key, set()).add(content)
    return records


@dataclass
class Accounting:
    raw_rows: int
    distinct_raw: int
    canonical: int
    excluded: int
    rejected: int
    lost: int
    doubled: int

    @property
    def outputs(self) -> int:
        return self.canonical + self.excluded + self.rejected

    @property
    def balanced(self) -> bool:
        """Nothing lost, nothing doubled, and the three outputs add up to the distinct records."""
        return self.lost == 0 and self.doubled == 0 and self.distinct_raw == self.outputs


def account(rows: list[dict[str, str]], result: DbtResult, found: Landings) -> Accounting:
    """Distinct raw records (counted from the rows) against the three outputs, key by key."""
    expected = {key: len(contents) for key, contents in distinct_raw(rows).items()}
    counts = [
        result.scalar(f"select count(*) from main.{relation}")
        for relation in ("fct_events", "audit_log_excluded", "audit_log_rejects")
    ]
    return Accounting(
        raw_rows=len(rows),
        distinct_raw=sum(expected.values()),
        canonical=counts[0],
        excluded=counts[1],
        rejected=counts[2],
        lost=sum(max(0, n - len(found.get(key, []))) for key, n in expected.items()),
        doubled=sum(max(0, len(v) - expected.get(key, 0)) for key, v in found.items()),
    )
