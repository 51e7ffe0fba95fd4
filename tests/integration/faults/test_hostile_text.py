"""6. Hostile text: quotes, commas, line breaks (CR, LF, CR LF inside a value), unicode
(accents, CJK, RTL, combining marks, ZWJ, emoji), spreadsheet formulas, tabs and other
control characters, and a 100 000-character value arrive unchanged in every output column
that carries them (only surrounding spaces are trimmed), in CSV, Parquet and JSON lines.
Each format is read twice in one run, the second file written another legal way: the
second encoding reads as the very same records (no conflict, no double).

Each test runs once per format (``text_build`` is parametrised, each format its own
pytest-xdist group).
"""

from __future__ import annotations

import pytest

from .accounting import account
from .cases.hostile_text import (
    HOSTILE,
    REJECT_TEXT_COLUMNS,
    TEXT_APP,
    TEXT_CARRIERS,
    TEXT_REDELIVERED,
    TEXT_ROWS,
    expected_text,
)

NAMES = list(HOSTILE)


def fault_class(fmt: str) -> str:
    return f"6 hostile text ({fmt}, two encodings)"


def carriers(name: str) -> dict[str, str]:
    """Carrier (edit, signin, bulk, failed, reject...) -> its log_id as it must arrive."""
    return {key: expected_text(log_id) for key, log_id in TEXT_CARRIERS[name].items()}


def short(values: dict[str, object]) -> dict[str, object]:
    """Values cut short for an assertion message (one is 100 000 characters long)."""
    def cut(value: object) -> object:
        text = repr(value)
        return value if len(text) < 120 else f"{text[:80]}...({len(text)} chars)"
    return {key: cut(value) for key, value in values.items()}


@pytest.fixture(scope="module")
def outputs(text_build) -> dict[str, dict]:
    """What the build holds of the text app's records, per output."""
    _, build = text_build
    query = build.result.query
    return {
        "fct_events": {
            row[0]: row[1:] for row in query(
                "select source_log_id, client_id, changed_attributes, identity_provider, "
                "sso_session_id, batch_id from main.fct_events where app_id = ?", [TEXT_APP]
            )
        },
        "audit_log_excluded": dict(query(
            "select log_id, failure_reason from main.audit_log_excluded where app_id = ?",
            [TEXT_APP],
        )),
        "audit_log_rejects": {
            row[0]: row[1:] for row in query(
                f"select log_id, reject_reason, {', '.join(REJECT_TEXT_COLUMNS)} "
                "from main.audit_log_rejects"
            )
        },
        "events_hourly": {
            client for (client,) in query(
                "select client_id from main.events_hourly where app_id = ?", [TEXT_APP]
            )
        },
    }


def test_the_build_is_green(text_build, fault_report):
    fmt, build = text_build
    fault_report(fault_class(fmt))
    result = build.result
    assert result.returncode == 0 and not result.failed_invariants and not result.failed_tests, (
        result.describe()
    )


def test_every_record_is_accounted_for(text_build, fault_report):
    fmt, build = text_build
    accounting = account(TEXT_ROWS + TEXT_REDELIVERED, build.result, build.landings)
    fault_report(fault_class(fmt), accounting.raw_rows, accounting.lost)
    assert accounting.balanced, f"raw != canonical + excluded + rejected: {accounting}"


@pytest.mark.parametrize("name", NAMES)
def test_fct_events_keeps_the_text(name, text_build, outputs, fault_report):
    fault_report(fault_class(text_build[0]))
    ids, facts = carriers(name), outputs["fct_events"]
    edit, signin = facts.get(ids["edit"], (None,) * 5), facts.get(ids["signin"], (None,) * 5)
    got = {
        "client_id": edit[0],
        "changed_attributes": edit[1],
        "identity_provider": signin[2],
        "sso_session_id": signin[3],
        "batch_id": facts.get(ids["bulk"], (None,) * 5)[4],
    }
    expected = dict.fromkeys(got, expected_text(HOSTILE[name]))
    assert got == expected, short(got)


@pytest.mark.parametrize("name", NAMES)
def test_events_hourly_keeps_the_text(name, text_build, outputs, fault_report):
    fault_report(fault_class(text_build[0]))
    assert expected_text(HOSTILE[name]) in outputs["events_hourly"], "no such client_id"


@pytest.mark.parametrize("name", NAMES)
def test_audit_log_excluded_keeps_the_text(name, text_build, outputs, fault_report):
    fault_report(fault_class(text_build[0]))
    got = outputs["audit_log_excluded"].get(carriers(name)["failed"])
    assert got == expected_text(HOSTILE[name]), short({"failure_reason": got})


@pytest.mark.parametrize("name", NAMES)
def test_audit_log_rejects_keeps_the_text(name, text_build, outputs, fault_report):
    """The reject carrier has the value in every text column, its log_id included."""
    fault_report(fault_class(text_build[0]))
    reject = outputs["audit_log_rejects"].get(carriers(name)["reject"])
    assert reject is not None, "no reject with this log_id"
    got = dict(zip(("reject_reason",) + REJECT_TEXT_COLUMNS, reject))
    expected = dict.fromkeys(got, expected_text(HOSTILE[name]))
    expected["reject_reason"] = "unknown_event_name"
    assert got == expected, short(got)
