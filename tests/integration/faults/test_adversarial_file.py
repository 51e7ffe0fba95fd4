"""1+4. The whole adversarial file (every reject, timestamp and whitespace case in one
CSV): the build is green, and the file's distinct records are all in the outputs, counted
independently of the project's reader (see accounting.py)."""

from __future__ import annotations

import pytest

from .accounting import account
from .cases import ADVERSARIAL_FILE_CASES, ADVERSARIAL_GROUP
from .records import rows_of

pytestmark = pytest.mark.xdist_group(ADVERSARIAL_GROUP)

WHOLE_FILE = "1+4 whole adversarial file"


def test_the_build_is_green(adversarial, fault_report):
    fault_report(WHOLE_FILE)
    result = adversarial.result
    assert result.returncode == 0 and not result.failed_invariants and not result.failed_tests, (
        result.describe()
    )


def test_every_record_is_accounted_for(adversarial, fault_report):
    accounting = account(rows_of(ADVERSARIAL_FILE_CASES), adversarial.result, adversarial.landings)
    fault_report(WHOLE_FILE, accounting.raw_rows, accounting.lost)
    assert accounting.balanced, f"raw != canonical + excluded + rejected: {accounting}"
