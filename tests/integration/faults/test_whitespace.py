"""1. Blank = tabs and line breaks: a log_id, user_uuid or event_name of tabs and line
breaks is missing, and a copy padded with them is an exact re-delivery (surrounding
whitespace is not significant, DECISIONS.md 1)."""

from __future__ import annotations

import pytest

from .accounting import lost
from .cases import ADVERSARIAL_GROUP
from .cases.whitespace import WHITESPACE_CASES
from .records import case_ids

pytestmark = pytest.mark.xdist_group(ADVERSARIAL_GROUP)

BLANK = "1 blank = tabs/line breaks"


@pytest.mark.parametrize("case", WHITESPACE_CASES, ids=case_ids(WHITESPACE_CASES))
def test_tabs_and_line_breaks_are_whitespace(case, adversarial, fault_report):
    got = adversarial.landings.get(case.key, [])
    fault_report(BLANK, len(case.rows), lost(case, adversarial.landings))
    assert got == sorted(case.expected), case.key
