"""1. Reject reasons: a record with one fault gets that fault's reason (every reason,
several spellings of each, the edges: exactly W late is fine, W + 1 ms is not); a
record with several faults gets the first in the contract's order (every combination
one record can carry, so every ordering of two reasons)."""

from __future__ import annotations

from itertools import combinations

import pytest

from harness import REJECT_REASONS

from .accounting import lost
from .cases import ADVERSARIAL_GROUP
from .cases.rejects import COMBINED_CASES, REJECT_CASES, SINGLE_FAULT_CASES, combinable, faults_of
from .records import case_ids

pytestmark = pytest.mark.xdist_group(ADVERSARIAL_GROUP)

ONE_FAULT = "1 reject reasons, one fault each"
COMBINED = "1 reject reasons, faults combined"


@pytest.mark.parametrize("case", SINGLE_FAULT_CASES, ids=case_ids(SINGLE_FAULT_CASES))
def test_one_fault_gets_its_reason(case, adversarial, fault_report):
    got = adversarial.landings.get(case.key, [])
    fault_report(ONE_FAULT, len(case.rows), lost(case, adversarial.landings))
    assert got == sorted(case.expected), case.key


def test_every_reason_is_tried(fault_report):
    fault_report(ONE_FAULT)
    assert {case.expected[-1][1] for case in REJECT_CASES} == set(REJECT_REASONS)


@pytest.mark.parametrize("case", COMBINED_CASES, ids=case_ids(COMBINED_CASES))
def test_several_faults_get_the_first_reason(case, adversarial, fault_report):
    got = adversarial.landings.get(case.key, [])
    fault_report(COMBINED, len(case.rows), lost(case, adversarial.landings))
    assert got == sorted(case.expected), case.key


def test_every_ordering_of_two_reasons_is_tried(fault_report):
    fault_report(COMBINED)
    tried = {pair for case in COMBINED_CASES for pair in combinations(faults_of(case), 2)}
    assert tried == {pair for pair in combinations(REJECT_REASONS, 2) if combinable(pair)}
