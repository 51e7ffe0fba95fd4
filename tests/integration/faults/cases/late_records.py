"""5. Late records: a later run brings records logged hours and days before."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..records import SIGNIN_WIDGET, SITE_A, Case, profile_edit, record, sign_in_pair, user, z

LATE_APP = "faultlatearrivalapp0000000"
FIRST_DAY = datetime(2026, 3, 20)
SECOND_RUN_INGESTS = datetime(2026, 3, 20, 13, 0)


def late_cases() -> tuple[list[Case], list[Case]]:
    """(first run's records: 2026-03-20 08:00-12:59 UTC, second run's late records)."""
    on_time: list[Case] = []
    late: list[Case] = []
    for hour in range(8, 13):
        at = FIRST_DAY + timedelta(hours=hour, minutes=10)
        uuid = user("lt", hour)
        on_time.append(Case(f"edit {hour}h", [profile_edit(
            f"lt-{hour}-edit", at, LATE_APP, uuid, f"late_{hour}")],
            [("canonical", "entity_update")], at))
        signin, login = sign_in_pair((f"lt-{hour}-s", f"lt-{hour}-u"),
                                     at + timedelta(minutes=20), LATE_APP, uuid)
        on_time.append(Case(f"sign-in {hour}h", [signin], [("canonical", "signin.traditional")],
                            at + timedelta(minutes=20)))
        on_time.append(Case(f"login {hour}h", [login], [("canonical", "entity_update")],
                            at + timedelta(minutes=20, seconds=1)))

    arriving = SECOND_RUN_INGESTS

    def late_edit(name: str, at: datetime, number: int) -> None:
        row = profile_edit(f"ll-{number}", at, LATE_APP, user("ll", number), f"late_{number}")
        row["ingested_at"] = z(arriving)
        late.append(Case(name, [row], [("canonical", "entity_update")], at))

    def late_pair(name: str, at: datetime, number: int) -> None:
        signin, login = sign_in_pair((f"ll-{number}-s", f"ll-{number}-u"), at, LATE_APP,
                                     user("ll", number), ingested=arriving)
        late.append(Case(f"sign-in {name}", [signin], [("canonical", "signin.traditional")], at))
        late.append(Case(f"login {name}", [login], [("canonical", "entity_update")],
                         at + timedelta(seconds=1)))

    late_pair("5 h late, into an hour the first run built", FIRST_DAY.replace(hour=8, minute=2), 1)
    late_edit("3 h late, into an hour the first run built", FIRST_DAY.replace(hour=10, minute=40),
              2)
    late_edit("on time, last hour", FIRST_DAY.replace(hour=12, minute=55), 3)
    # Two days late: a whole registration, then a sign-in 15 min after it.
    registered = datetime(2026, 3, 18, 11, 30)
    uuid = user("ll", 4)
    common = dict(app_id=LATE_APP, user_uuid=uuid, client_id=SITE_A,
                  endpoint="/widget/traditional_register.jsonp", ingested_at=z(arriving))
    late.append(Case("registration 2 days late", [record(
        "ll-4-reg", z(registered), "legacy_traditional_registration", **common,
    )], [("canonical", "signin.traditional_register")], registered))
    late.append(Case("its profile creation 2 days late", [record(
        "ll-4-create", z(registered + timedelta(seconds=1)), "entityCreated", **common,
    )], [("canonical", "entity_create")], registered + timedelta(seconds=1)))
    signin, login = sign_in_pair(("ll-4-s", "ll-4-u"), registered + timedelta(minutes=15),
                                 LATE_APP, uuid, ingested=arriving)
    late.append(Case("sign-in 2 days late", [signin], [("canonical", "signin.traditional")],
                     registered + timedelta(minutes=15)))
    late.append(Case("login 2 days late", [login], [("canonical", "entity_update")],
                     registered + timedelta(minutes=15, seconds=1)))
    late_edit("4 days late, beyond the 72 h window", datetime(2026, 3, 16, 9, 10), 5)
    at = datetime(2026, 3, 19, 7, 0)
    late.append(Case("failed sign-in a day late", [record(
        "ll-6", z(at), "authenticationFailedKnownUser", app_id=LATE_APP, user_uuid=user("ll", 6),
        client_id=SITE_A, endpoint=SIGNIN_WIDGET, failure_reason="invalidCredentials",
        ingested_at=z(arriving),
    )], [("excluded", "failed_signin")]))
    late.append(Case("unknown event a day late", [record(
        "ll-7", z(at), "entityMerged", app_id=LATE_APP, user_uuid=user("ll", 7),
        ingested_at=z(arriving),
    )], [("rejected", "unknown_event_name")]))
    return on_time, late


ON_TIME_CASES, LATE_CASES = late_cases()
