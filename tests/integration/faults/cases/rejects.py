"""1. Reject reasons: one fault each, and every combination one record can carry."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import combinations

from harness import REJECT_REASONS

from ..records import SIGNIN_WIDGET, SITE_A, W, Case, profile_edit, record, user, utc, z

ADV_APP = "faultrejectapp000000000000"
REJECT_BASE = datetime(2026, 3, 10, 6, 0)

# Fault pairs no record can carry: a conflict needs a log_id; "logged after
# ingested" needs both timestamps readable.
IMPOSSIBLE = (
    {"missing_log_id", "log_id_conflict"},
    {"unparseable_logged_at", "logged_after_ingested"},
    {"logged_after_ingested", "unparseable_ingested_at"},
)


def reject_case(faults: tuple[str, ...], number: int) -> Case:
    """A profile edit carrying ``faults``; it must get the first of them in REJECT_REASONS order.

    A conflict is a later-ingested copy of a good record with other content; the
    copy comes first in the file, so the file order would pick the wrong winner.
    """
    tag = "case_" + "+".join(faults)
    at = REJECT_BASE + timedelta(minutes=number)
    row = profile_edit(f"rj-{number:03d}", at, ADV_APP, user("ad", number), tag)
    rows = [row]
    expected = []
    occurred_at = None
    if "log_id_conflict" in faults:
        first = dict(row, changed_attributes=f"givenName|{tag}|first",
                     ingested_at=z(at + timedelta(seconds=10)))
        rows.append(first)
        expected.append(("canonical", "entity_update"))
        occurred_at = at
        row["ingested_at"] = z(at + timedelta(seconds=60))
    if "logged_after_ingested" in faults:
        row["logged_at"] = z(utc(row["ingested_at"][:-1]) + W + timedelta(seconds=1))
    if "unparseable_logged_at" in faults:
        row["logged_at"] = z(at)[:-1]  # the same time without its offset
    if "unknown_event_name" in faults:
        row["event_name"] = "entityMerged"
    if "missing_user_uuid" in faults:
        row["user_uuid"] = ""
    if "unparseable_ingested_at" in faults:
        row["ingested_at"] = "when it arrived"
    if "missing_log_id" in faults:
        row["log_id"] = ""
    reason = next(reason for reason in REJECT_REASONS if reason in faults)
    expected.append(("rejected", reason))
    return Case(tag, rows, expected, occurred_at)


def combinable(faults: tuple[str, ...]) -> bool:
    return not any(pair <= set(faults) for pair in IMPOSSIBLE)


def faults_of(case: Case) -> list[str]:
    """The faults a combination case carries, in REJECT_REASONS order."""
    return case.name.removeprefix("case_").split("+")


REJECT_COMBINATIONS = [
    faults
    for size in range(1, len(REJECT_REASONS) + 1)
    for faults in combinations(REJECT_REASONS, size)
    if combinable(faults)
]


def reject_variants() -> list[Case]:
    """Other spellings of each fault, the edges of each rule, and what is not a fault."""
    cases = []
    at = REJECT_BASE + timedelta(hours=4)

    def nth(number: int) -> tuple[str, datetime, str]:
        return f"rv-{number:03d}", at + timedelta(minutes=number), user("av", number)

    def edit(number: int, tag: str, **fields: str) -> dict[str, str]:
        log_id, when, uuid = nth(number)
        row = profile_edit(log_id, when, ADV_APP, uuid, tag)
        row.update(fields)
        return row

    rejected = [
        ("log_id of spaces only", dict(log_id="   "), "missing_log_id"),
        ("logged_at free text", dict(logged_at="yesterday"), "unparseable_logged_at"),
        ("logged_at empty", dict(logged_at=""), "unparseable_logged_at"),
        ("logged_at a date only", dict(logged_at="2026-03-10"), "unparseable_logged_at"),
        ("logged_at impossible date", dict(logged_at="2026-02-30T10:00:00Z"),
         "unparseable_logged_at"),
        ("event_name empty", dict(event_name=""), "unknown_event_name"),
        ("event_name in other case", dict(event_name="EntityUpdated"), "unknown_event_name"),
        ("event_name misspelt", dict(event_name="entity_updated"), "unknown_event_name"),
        ("user_uuid of spaces only", dict(user_uuid="   "), "missing_user_uuid"),
        ("known-user failure without user", dict(
            event_name="authenticationFailedKnownUser", user_uuid="",
            failure_reason="invalidCredentials"), "missing_user_uuid"),
        ("ingested_at empty", dict(ingested_at=""), "unparseable_ingested_at"),
        ("ingested_at without offset", dict(ingested_at="2026-03-10T11:00:00"),
         "unparseable_ingested_at"),
    ]
    for number, (name, fields, reason) in enumerate(rejected):
        row = edit(number, f"variant_{number}", **fields)
        cases.append(Case(name, [row], [("rejected", reason)]))

    number = len(rejected)
    # Two identical rows without a log_id are one record (DECISIONS 2)...
    row = edit(number, "noid_twice", log_id="")
    cases.append(Case("no log_id, delivered twice", [row, dict(row)],
                      [("rejected", "missing_log_id")]))
    # ...and an unknown-user failure needs no user: excluded, not rejected.
    number += 1
    log_id, when, _ = nth(number)
    cases.append(Case("unknown-user failure without user", [record(
        log_id, z(when), "authenticationFailedUnknownUser", app_id=ADV_APP, user_uuid="",
        client_id=SITE_A, endpoint=SIGNIN_WIDGET, failure_reason="unknownUser",
        ingested_at=z(when + timedelta(seconds=5)),
    )], [("excluded", "failed_signin")]))
    # The event name is trimmed before it is checked: canonical.
    number += 1
    log_id, when, uuid = nth(number)
    cases.append(Case("event name padded with spaces", [record(
        log_id, z(when), "  entityCreated  ", app_id=ADV_APP, user_uuid=uuid,
        endpoint="/entity.create", ingested_at=z(when + timedelta(seconds=5)),
    )], [("canonical", "entity_create")], when))
    # logged_at later than ingested_at by exactly W is allowed; by more is not.
    for extra, outcome in (
        (timedelta(0), ("canonical", "entity_update")),
        (timedelta(milliseconds=1), ("rejected", "logged_after_ingested")),
        (timedelta(seconds=1), ("rejected", "logged_after_ingested")),
    ):
        number += 1
        log_id, when, uuid = nth(number)
        logged = when + W + extra
        cases.append(Case(f"logged after ingested by W + {extra}", [record(
            log_id, z(logged), ingested_at=z(when), app_id=ADV_APP, user_uuid=uuid,
            changed_attributes=f"givenName|edge_{number}",
        )], [outcome], logged if outcome[0] == "canonical" else None))
    # The earlier copy is itself rejected: the later one is still a conflict (DECISIONS 3).
    number += 1
    first = edit(number, "conflict_after_reject_first", event_name="entityMerged")
    second = dict(first, event_name="entityUpdated",
                  changed_attributes="givenName|conflict_after_reject_later",
                  ingested_at=z(utc(first["ingested_at"][:-1]) + timedelta(minutes=1)))
    cases.append(Case("conflict with a rejected earlier copy", [second, first], [
        ("rejected", "log_id_conflict"), ("rejected", "unknown_event_name")]))
    return cases


REJECT_CASES = [reject_case(faults, n) for n, faults in enumerate(REJECT_COMBINATIONS)]
VARIANT_CASES = reject_variants()
# "1 reject reasons, one fault each" and "1 reject reasons, faults combined".
SINGLE_FAULT_CASES = [case for case in REJECT_CASES if "+" not in case.name] + VARIANT_CASES
COMBINED_CASES = [case for case in REJECT_CASES if "+" in case.name]
