"""4. Timestamps with unusual, extreme, DST-crossing and malformed offsets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..records import SIGNIN_WIDGET, SITE_A, Case, record, user, utc, z

TZ_APP = "faulttimezoneapp0000000000"


@dataclass(frozen=True)
class Stamp:
    """A logged_at as written, and the UTC instant it means (worked out by hand)."""

    name: str
    written: str
    means: str | None  # None: rejected as unparseable_logged_at


STAMPS = [
    Stamp("Z", "2026-03-10T10:15:00Z", "2026-03-10T10:15:00"),
    Stamp("Z with milliseconds", "2026-03-10T10:15:00.250Z", "2026-03-10T10:15:00.250"),
    Stamp("+00:00", "2026-03-10T10:15:00+00:00", "2026-03-10T10:15:00"),
    Stamp("-00:00", "2026-03-10T10:15:00-00:00", "2026-03-10T10:15:00"),
    Stamp("+05:30 India", "2026-03-10T15:45:00+05:30", "2026-03-10T10:15:00"),
    Stamp("+05:30 last second of the UTC hour", "2026-03-10T16:29:59.999+05:30",
          "2026-03-10T10:59:59.999"),
    Stamp("+05:30 first instant of the next UTC hour", "2026-03-10T16:30:00+05:30",
          "2026-03-10T11:00:00"),
    Stamp("-03:30 Newfoundland", "2026-03-10T06:45:00-03:30", "2026-03-10T10:15:00"),
    Stamp("-03:30 onto the next UTC hour", "2026-03-10T07:30:00-03:30", "2026-03-10T11:00:00"),
    Stamp("+09:30 Darwin", "2026-03-10T19:45:00+09:30", "2026-03-10T10:15:00"),
    Stamp("+05:45 Nepal", "2026-03-10T16:00:00+05:45", "2026-03-10T10:15:00"),
    Stamp("+05:45 onto the next UTC hour", "2026-03-10T16:45:00+05:45", "2026-03-10T11:00:00"),
    Stamp("+14:00 Kiribati, next local day", "2026-03-11T00:15:00+14:00", "2026-03-10T10:15:00"),
    Stamp("-12:00, previous local day", "2026-03-09T22:15:00-12:00", "2026-03-10T10:15:00"),
    Stamp("+hhmm", "2026-03-10T15:45:00+0530", "2026-03-10T10:15:00"),
    Stamp("-hhmm", "2026-03-10T06:45:00-0330", "2026-03-10T10:15:00"),
    Stamp("+hh", "2026-03-10T15:15:00+05", "2026-03-10T10:15:00"),
    Stamp("-hh", "2026-03-10T07:15:00-03", "2026-03-10T10:15:00"),
    Stamp("space for T", "2026-03-10 15:45:00+05:30", "2026-03-10T10:15:00"),
    Stamp("no seconds", "2026-03-10T15:45+05:30", "2026-03-10T10:15:00"),
    Stamp("microseconds", "2026-03-10T15:45:00.123456+05:30", "2026-03-10T10:15:00.123456"),
    # America/New_York, fall back on 2026-11-01: 01:00-02:00 local happens twice.
    Stamp("New York EDT before fall-back", "2026-11-01T00:30:00-04:00", "2026-11-01T04:30:00"),
    Stamp("New York 01:30 first time (EDT)", "2026-11-01T01:30:00-04:00", "2026-11-01T05:30:00"),
    Stamp("New York 01:30 second time (EST)", "2026-11-01T01:30:00-05:00", "2026-11-01T06:30:00"),
    Stamp("New York EST after fall-back", "2026-11-01T02:30:00-05:00", "2026-11-01T07:30:00"),
    # Spring forward on 2026-03-08: 02:00-03:00 local never happens.
    Stamp("New York before spring-forward", "2026-03-08T01:59:00-05:00", "2026-03-08T06:59:00"),
    Stamp("New York after spring-forward", "2026-03-08T03:01:00-04:00", "2026-03-08T07:01:00"),
    # No offset, or not an offset: rejected, never guessed as UTC.
    Stamp("no offset", "2026-03-10T10:15:00", None),
    Stamp("no offset, space for T", "2026-03-10 10:15:00", None),
    Stamp("no offset, fractions", "2026-03-10T10:15:00.000", None),
    Stamp("zone name instead of offset", "2026-03-10T10:15:00UTC", None),
    Stamp("space before the offset", "2026-03-10T10:15:00 +05:30", None),
    Stamp("one-digit offset hour", "2026-03-10T15:45:00+5:30", None),
    Stamp("offset hour 25", "2026-03-10T10:15:00+25:00", None),
    Stamp("offset minute 99", "2026-03-10T10:15:00+05:99", None),
    Stamp("offset of 99 hours", "2026-03-10T10:15:00+99", None),
    Stamp("offset -24:00", "2026-03-10T10:15:00-24:00", None),
]


def timestamp_cases() -> list[Case]:
    """One profile edit per stamp, plus sign-in pairs whose halves disagree on the offset."""
    cases = []
    for number, stamp in enumerate(STAMPS):
        means = utc(stamp.means) if stamp.means else None
        ingested = z((means or datetime(2026, 11, 2)) + timedelta(minutes=1))
        row = record(f"tz-{number:03d}", stamp.written, ingested_at=ingested, app_id=TZ_APP,
                     user_uuid=user("tz", number), changed_attributes=f"givenName|tz_{number}")
        outcome = ("canonical", "entity_update") if means else ("rejected", "unparseable_logged_at")
        cases.append(Case(f"logged_at {stamp.name}: {stamp.written}", [row], [outcome], means))

    # Pairs: invariant 5 pairs them within W only if both halves are read as UTC.
    pairs = [
        # sign-in at 12:05:00Z written in Nepal time, its write 1 s later in UTC
        ("nepal/utc", "2026-03-10T17:50:00+05:45", "2026-03-10T12:05:01Z",
         "2026-03-10T12:05:00", "2026-03-10T12:05:01"),
        # across the fall-back: the write's local clock reads an hour *earlier*
        ("EDT/EST", "2026-11-01T01:59:30-04:00", "2026-11-01T01:00:10-05:00",
         "2026-11-01T05:59:30", "2026-11-01T06:00:10"),
        # the two halves written with the two extreme offsets
        ("+14/-12", "2026-03-11T02:00:00+14:00", "2026-03-10T00:00:30-12:00",
         "2026-03-10T12:00:00", "2026-03-10T12:00:30"),
    ]
    for number, (name, signin_at, write_at, signin_utc, write_utc) in enumerate(pairs):
        uuid = user("tp", number)
        common = dict(app_id=TZ_APP, user_uuid=uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                      ingested_at=z(utc(write_utc) + timedelta(minutes=1)))
        cases.append(Case(f"sign-in {name}", [record(
            f"tp-{number}-signin", signin_at, "legacy_traditional_signin", **common,
        )], [("canonical", "signin.traditional")], utc(signin_utc)))
        cases.append(Case(f"login write {name}", [record(
            f"tp-{number}-login", write_at, changed_attributes="lastLogin", **common,
        )], [("canonical", "entity_update")], utc(write_utc)))

    # logged_after_ingested compares instants, not text.
    offsets = [
        # local text 23:00 reads later than 09:01Z, but is 09:00Z: fine
        ("+14:00 before a UTC ingestion", "2026-03-10T23:00:00+14:00", "2026-03-10T09:01:00Z",
         "2026-03-10T09:00:00"),
        # local text 00:30 reads earlier than 12:00Z, but is 12:30Z: 30 min after ingestion
        ("-12:00 after a UTC ingestion", "2026-03-10T00:30:00-12:00", "2026-03-10T12:00:00Z",
         None),
        # ingested_at with an offset: 15:31+05:30 is 10:01Z, 9 min before 10:10Z
        ("UTC after an offset ingestion", "2026-03-10T10:10:00Z", "2026-03-10T15:31:00+05:30",
         None),
        ("UTC before an offset ingestion", "2026-03-10T10:00:00Z", "2026-03-10T15:31:00+05:30",
         "2026-03-10T10:00:00"),
    ]
    for number, (name, logged_at, ingested_at, means) in enumerate(offsets):
        row = record(f"ti-{number}", logged_at, ingested_at=ingested_at, app_id=TZ_APP,
                     user_uuid=user("ti", number), changed_attributes=f"givenName|ti_{number}")
        outcome = ("canonical", "entity_update") if means else ("rejected", "logged_after_ingested")
        cases.append(Case(name, [row], [outcome], utc(means) if means else None))
    return cases


TIMESTAMP_CASES = timestamp_cases()
