"""The records of each fault class, and the files of the builds they share."""

from __future__ import annotations

from ..records import rows_of
from .late_records import LATE_CASES, ON_TIME_CASES
from .redeliveries import DUP_CASES, DUP_FILES, dup_rows
from .rejects import REJECT_CASES, VARIANT_CASES
from .timestamps import TIMESTAMP_CASES
from .whitespace import WHITESPACE_CASES

# The pytest-xdist group of each shared build (see ../conftest.py): every test
# of a build carries its group, so that one worker runs them all and builds once.
ADVERSARIAL_GROUP = "faults_adversarial"
INCREMENTAL_GROUP = "faults_incremental"


def text_group(fmt: str) -> str:
    return f"faults_text_{fmt}"


# One CSV file, one build: every reject and timestamp case, and the whitespace ones.
ADVERSARIAL_FILE_CASES = REJECT_CASES + VARIANT_CASES + TIMESTAMP_CASES + WHITESPACE_CASES

# Two incremental runs: the first reads three files through one glob; the
# second finds two more.
INCREMENTAL_FILES = {
    "dup_a.csv": 1, "dup_b.csv": 1, "late_1.csv": 1,
    "dup_c.csv": 2, "late_2.csv": 2,
}
INCREMENTAL_CASES = DUP_CASES + ON_TIME_CASES + LATE_CASES


def incremental_file_rows(name: str) -> list[dict[str, str]]:
    """The rows of one file of the incremental runs."""
    if name.startswith("dup_"):
        return dup_rows([DUP_FILES.index(name)])
    return rows_of(ON_TIME_CASES if name == "late_1.csv" else LATE_CASES)

