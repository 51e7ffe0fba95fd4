"""2. Exact re-deliveries and 3. log_id conflicts, within a file, across files of one run
and across runs.

Each case's rows carry the file they are in (``Case.files``): files 0 and 1
are read by the first run (one glob), file 2 by the second (see
``cases.INCREMENTAL_FILES``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ..records import (
    SIGNIN_WIDGET,
    SITE_A,
    Case,
    later,
    profile_edit,
    record,
    sign_in_pair,
    user,
    z,
)

DUP_APP = "faultredeliveryapp00000000"
DUP_BASE = datetime(2026, 3, 12, 9, 0)
DUP_FILES = ("dup_a.csv", "dup_b.csv", "dup_c.csv")


def redelivery_cases() -> tuple[list[Case], list[Case]]:
    """(exact re-deliveries, conflicts)."""
    redeliveries: list[Case] = []
    conflicts: list[Case] = []
    counter = iter(range(1000))

    def slot() -> tuple[int, datetime, str]:
        number = next(counter)
        return number, DUP_BASE + timedelta(minutes=number), user("dd", number)

    def edit(prefix: str) -> tuple[dict[str, str], datetime]:
        number, at, uuid = slot()
        return profile_edit(f"{prefix}-{number:03d}", at, DUP_APP, uuid, f"{prefix}_{number}"), at

    def add(target: list[Case], name: str, deliveries: list[tuple[int, dict]],
            expected: list[tuple[str, str]], occurred_at: datetime | None = None,
            first_run: list[tuple[str, str]] | None = None) -> None:
        target.append(Case(name, [row for _, row in deliveries], expected, occurred_at,
                           first_run, [file for file, _ in deliveries]))

    canonical = [("canonical", "entity_update")]
    # -- exact re-deliveries ------------------------------------------------
    row, at = edit("d")
    padded = dict(row, changed_attributes=f"  {row['changed_attributes']}  ",
                  app_id=f" {DUP_APP} ")
    add(redeliveries, "3x in one file (later ingestion, padded with spaces)",
        [(0, row), (0, later(row, 3600)), (0, padded)], canonical, at)

    number, at, uuid = slot()
    failed = record(f"d-{number:03d}", z(at), "authenticationFailedKnownUser", app_id=DUP_APP,
                    user_uuid=uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                    failure_reason="invalidCredentials", ingested_at=z(at + timedelta(seconds=9)))
    add(redeliveries, "excluded record 2x in one file", [(0, failed), (0, later(failed, 60))],
        [("excluded", "failed_signin")])

    row, _ = edit("d")
    row["event_name"] = "entityMerged"
    add(redeliveries, "rejected record 2x in one file", [(0, row), (0, dict(row))],
        [("rejected", "unknown_event_name")])

    row, _ = edit("d")
    row["log_id"] = ""
    add(redeliveries, "record without log_id 2x in one file", [(0, row), (0, later(row, 5))],
        [("rejected", "missing_log_id")])

    number, at, uuid = slot()
    signin, login = sign_in_pair((f"d-{number:03d}-s", f"d-{number:03d}-u"), at, DUP_APP, uuid)
    add(redeliveries, "sign-in 2x in one file", [(0, signin), (0, later(signin, 30))],
        [("canonical", "signin.traditional")], at)
    add(redeliveries, "its login write 2x in one file", [(0, login), (0, dict(login))],
        canonical, at + timedelta(seconds=1))

    row, at = edit("d")
    add(redeliveries, "across the two files of one run", [(0, row), (1, later(row, 60))],
        canonical, at)
    row, at = edit("d")
    add(redeliveries, "across files, the second file's copy ingested first",
        [(0, later(row, 600)), (1, row)], canonical, at)

    row, at = edit("d")
    add(redeliveries, "across runs", [(0, row), (2, later(row, 86400))], canonical, at)
    number, at, uuid = slot()
    failed = dict(failed, log_id=f"d-{number:03d}", logged_at=z(at), user_uuid=uuid,
                  ingested_at=z(at + timedelta(seconds=9)))
    add(redeliveries, "excluded record across runs", [(1, failed), (2, later(failed, 86400))],
        [("excluded", "failed_signin")])
    row, _ = edit("d")
    row["event_name"] = "entityMerged"
    add(redeliveries, "rejected record across runs", [(0, row), (2, later(row, 86400))],
        [("rejected", "unknown_event_name")])
    row, _ = edit("d")
    row["log_id"] = ""
    add(redeliveries, "record without log_id across runs", [(1, row), (2, later(row, 86400))],
        [("rejected", "missing_log_id")])
    number, at, uuid = slot()
    signin, login = sign_in_pair((f"d-{number:03d}-s", f"d-{number:03d}-u"), at, DUP_APP, uuid)
    add(redeliveries, "sign-in across runs", [(1, signin), (2, later(signin, 86400))],
        [("canonical", "signin.traditional")], at)
    add(redeliveries, "its login write across runs", [(1, login), (2, later(login, 86400))],
        canonical, at + timedelta(seconds=1))
    row, _ = edit("d")
    row["logged_at"] = "last Tuesday"
    add(redeliveries, "unparseable logged_at across runs", [(0, row), (2, later(row, 86400))],
        [("rejected", "unparseable_logged_at")])
    row, _ = edit("d")
    row.update(log_id="", logged_at="")
    add(redeliveries, "no log_id, no logged_at, across runs", [(1, row), (2, later(row, 86400))],
        [("rejected", "missing_log_id")])
    row, at = edit("d")
    add(redeliveries, "2x within the second run's file", [(2, row), (2, later(row, 1))],
        canonical, at, first_run=[])
    row, at = edit("d")
    add(redeliveries, "in every file, twice in the last",
        [(0, row), (1, later(row, 10)), (2, later(row, 20)), (2, later(row, 30))], canonical, at)

    # -- conflicts: the first ingested copy wins -----------------------------
    conflict = [("canonical", "entity_update"), ("rejected", "log_id_conflict")]

    def pair(prefix: str) -> tuple[dict, dict, datetime]:
        row, at = edit(prefix)
        winner = dict(row, changed_attributes=f"{row['changed_attributes']}|A")
        loser = later(row, 120, changed_attributes=f"{row['changed_attributes']}|B")
        return winner, loser, at

    winner, loser, at = pair("c")
    add(conflicts, "in one file, the later-ingested copy first in the file",
        [(0, loser), (0, winner)], conflict, at)
    winner, loser, at = pair("c")
    add(conflicts, "across files, the first file's copy ingested later",
        [(0, loser), (1, winner)], conflict, at)
    winner, loser, at = pair("c")
    add(conflicts, "across files, the first file's copy ingested first",
        [(0, winner), (1, loser)], conflict, at)
    winner, loser, at = pair("c")
    third = later(loser, 120, changed_attributes=winner["changed_attributes"][:-1] + "C")
    add(conflicts, "three copies across files", [(0, third), (1, winner), (0, loser)],
        conflict + [("rejected", "log_id_conflict")], at)
    winner, loser, at = pair("c")
    add(conflicts, "winner and loser each re-delivered, across files and runs",
        [(0, winner), (0, later(winner, 5)), (0, loser), (1, later(loser, 5)),
         (2, later(loser, 86400))], conflict, at)
    winner, loser, at = pair("c")
    loser["changed_attributes"] = winner["changed_attributes"].replace("givenName", "GivenName")
    add(conflicts, "copies differing only in letter case", [(0, loser), (0, winner)],
        conflict, at)
    winner, loser, at = pair("c")
    winner["event_name"] = "entityMerged"
    add(conflicts, "the earlier copy is rejected for another reason", [(0, loser), (0, winner)],
        [("rejected", "log_id_conflict"), ("rejected", "unknown_event_name")])
    winner, loser, at = pair("c")
    add(conflicts, "across runs", [(0, winner), (2, later(loser, 86400))], conflict, at,
        first_run=canonical)
    number, at, uuid = slot()
    failed = dict(failed, log_id=f"c-{number:03d}", logged_at=z(at), user_uuid=uuid,
                  ingested_at=z(at + timedelta(seconds=9)))
    add(conflicts, "excluded record, conflicting copy in the next run",
        [(1, failed), (2, later(failed, 86400, failure_reason="accountDeactivated"))],
        [("excluded", "failed_signin"), ("rejected", "log_id_conflict")],
        first_run=[("excluded", "failed_signin")])
    winner, loser, at = pair("c")
    third = later(loser, 86400, changed_attributes=winner["changed_attributes"][:-1] + "C")
    add(conflicts, "conflict in the first run, a third copy in the second",
        [(0, winner), (1, loser), (2, third)], conflict + [("rejected", "log_id_conflict")], at,
        first_run=conflict)
    winner, loser, at = pair("c")
    winner["logged_at"] = "not a time"
    add(conflicts, "across runs, the stored copy has no readable logged_at",
        [(0, winner), (2, later(loser, 86400))],
        [("rejected", "log_id_conflict"), ("rejected", "unparseable_logged_at")],
        first_run=[("rejected", "unparseable_logged_at")])
    winner, loser, at = pair("c")
    loser["ingested_at"] = winner["ingested_at"]
    add(conflicts, "two copies ingested at the same instant (either may win)",
        [(0, loser), (0, winner)], conflict, at)
    return redeliveries, conflicts


REDELIVERY_CASES, CONFLICT_CASES = redelivery_cases()
DUP_CASES = REDELIVERY_CASES + CONFLICT_CASES


def dup_rows(files: Iterable[int]) -> list[dict[str, str]]:
    """The rows of the given files (indexes into DUP_FILES), in case order."""
    wanted = set(files)
    return [
        row
        for case in DUP_CASES
        for file, row in zip(case.files, case.rows)
        if file in wanted
    ]


def in_first_run(case: Case) -> bool:
    """Whether some copy of the case is read by the first run (files 0 and 1)."""
    return any(file < 2 for file in case.files)
