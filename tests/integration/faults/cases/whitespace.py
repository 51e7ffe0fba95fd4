"""1. Blank = tabs and line breaks: values blank, or padded, with other whitespace than spaces.

DECISIONS.md 1 and the staging docs say surrounding whitespace is not
significant and blank is null: tabs and line breaks count as whitespace.
"""

from __future__ import annotations

from datetime import timedelta

from ..records import Case, profile_edit, user, z
from .rejects import ADV_APP, REJECT_BASE


def whitespace_cases() -> list[Case]:
    cases = []
    at = REJECT_BASE + timedelta(hours=8)
    blanks = [
        ("log_id of a tab and a line break", "log_id", "\t\r\n", "missing_log_id"),
        ("user_uuid of a tab", "user_uuid", "\t", "missing_user_uuid"),
        ("event_name of a CR LF", "event_name", "\r\n", "unknown_event_name"),
    ]
    for number, (name, column, value, reason) in enumerate(blanks):
        row = profile_edit(f"ws-{number}", at + timedelta(minutes=number), ADV_APP,
                           user("ws", number), f"ws_{number}")
        row[column] = value
        cases.append(Case(name, [row], [("rejected", reason)]))
    number = len(blanks)
    when = at + timedelta(minutes=number)
    row = profile_edit(f"ws-{number}", when, ADV_APP, user("ws", number), f"ws_{number}")
    tabbed = dict(row, changed_attributes=f"\t{row['changed_attributes']}\r\n",
                  ingested_at=z(when + timedelta(minutes=5)))
    cases.append(Case("re-delivery padded with a tab and CR LF", [row, tabbed],
                      [("canonical", "entity_update")], when))
    return cases


WHITESPACE_CASES = whitespace_cases()
