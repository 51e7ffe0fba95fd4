#!/usr/bin/env python3
"""Generate a deterministic raw audit log of a Janrain / Akamai Identity Cloud tenant.

The output follows contract version 1 (`raw_audit_log.md`): one row per platform
record, 16 text columns, delivered at least once and in no particular order.
With --truth it also writes what the log must produce (canonical events,
exclusions, rejects, and their breakdowns). The truth comes from what the
generator intended for each record, not from parsing the file again.

The tenant
----------
* App `acmebrandapp0000000000000a`, clients:
  - site A and site B: web sites on the widget (`/widget/*`), one SSO federation;
    an interactive sign-in or registration there opens an SSO session, and the
    other site may follow with `sso_signin` (`/sso/check_session`) minutes later;
  - mobile app: OAuth API (`/oauth/*`), no SSO;
  - back end: `/entity.create`, `/entity.update`, `/entity.replace`, `/entity.delete`;
  - importer: `/entity.bulkCreate`, one `batch_id` per import;
  - console: agents, empty `client_id` and `endpoint`.
  Users already existing before the window sign in as well (they have no
  creation record in the log). Users live in time zones from UTC-05:00 to
  UTC+09:00 (London, Paris and New York with daylight saving) and are active by
  day in local time; a quarter of the records are written at the local offset.
* App `foundingexampleapp00000000`: the founding example and nothing else,
  25 widget traditional registrations and one bulk import of 20 profiles.

Every paired record (registration + entityCreated, sign-in + lastLogin write)
is good; bad records are extra, standalone rows: re-deliveries, one group per
reject reason of contract section 6, and a few that qualify for two reasons.
Same arguments give byte-identical output: everything comes from one
random.Random(seed), never from the clock.

Whether a log keeps the contract's invariants is checked by the project, not here:
`tests/integration/test_formats.py` builds a never-seen generated log in each file
format and requires exactly this truth and a clean build (every invariant test
passes), and that every kind of record of the demo seed is in it.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import sys
import tempfile
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from janrain_tenant import (  # the tenant's vocabulary, shared with the at-scale generator
    API_EDITS, BACKEND_UA, CLIENT, COLUMNS, CONSOLE_EDITS, DIURNAL, ENDPOINT, EP_BULK, EP_CREATE,
    EP_DELETE, EP_EDIT, EP_RECOVER, EP_REPLACE, EP_SSO, EP_UPDATE, EP_VERIFY, EVENT_TYPE, EXCLUSION,
    FOUNDING_APP, IMPORTER_UA, IP_NETWORKS, MAIN_APP, MOBILE_UA, MOBILE_UA_WEIGHTS,
    PROVIDER_WEIGHTS, PROVIDERS, WEB_UA, WEB_UA_WEIGHTS, WIDGET_EDITS,
)

SEC, MIN, HOUR, DAY = 1000, 60_000, 3_600_000, 86_400_000
W = 5 * MIN            # pairing window of the contract
GAP = 10 * MIN         # minimum quiet time between two episodes of one user
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

FEDERATED = {"siteA": "siteB", "siteB": "siteA"}  # the two web sites share SSO sessions
REGISTER_EPS = {v for k, v in ENDPOINT.items() if k[2] == "register"}
SIGNIN_EPS = {v for k, v in ENDPOINT.items() if k[2] == "signin"}


# --- time -------------------------------------------------------------------------------

def to_ms(dt: datetime) -> int:
    return int((dt - EPOCH) / timedelta(milliseconds=1))


def iso(t: int, off: int | None = None, frac: bool = True) -> str:
    """Render epoch-ms `t` as ISO-8601, in UTC with Z (off=None) or at offset `off` minutes."""
    s = (EPOCH + timedelta(milliseconds=t + (off or 0) * MIN)).strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        s += f".{t % 1000:03d}"
    if off is None:
        return s + "Z"
    return f"{s}{'+' if off >= 0 else '-'}{abs(off) // 60:02d}:{abs(off) % 60:02d}"


def _sunday(year: int, month: int, nth: int) -> date:
    """nth Sunday of a month (nth=-1: the last one)."""
    if nth > 0:
        d = date(year, month, 1)
        return d + timedelta(days=(6 - d.weekday()) % 7 + 7 * (nth - 1))
    d = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() + 1) % 7)


@dataclass(frozen=True)
class Zone:
    """A user's home time zone: standard offset, and summer offset under EU or US rules."""
    name: str
    std: int
    dst: int | None = None
    rule: str = ""

    def offset(self, t: int) -> int:
        if not self.rule:
            return self.std
        y = (EPOCH + timedelta(milliseconds=t)).year
        at = (lambda d, h: to_ms(datetime(d.year, d.month, d.day, tzinfo=timezone.utc)) + h)
        if self.rule == "eu":  # 01:00 UTC, last Sunday of March .. last Sunday of October
            on, off = at(_sunday(y, 3, -1), HOUR), at(_sunday(y, 10, -1), HOUR)
        else:  # us: 02:00 local, second Sunday of March .. first Sunday of November
            on = at(_sunday(y, 3, 2), 2 * HOUR - self.std * MIN)
            off = at(_sunday(y, 11, 1), 2 * HOUR - self.dst * MIN)
        return self.dst if on <= t < off else self.std


LONDON, PARIS = Zone("Europe/London", 0, 60, "eu"), Zone("Europe/Paris", 60, 120, "eu")
NEW_YORK = Zone("America/New_York", -300, -240, "us")
PLUS2, MINUS5 = Zone("UTC+02:00", 120), Zone("UTC-05:00", -300)
INDIA, MINUS330, TOKYO = Zone("UTC+05:30", 330), Zone("UTC-03:30", -210), Zone("UTC+09:00", 540)
ZONES = [(LONDON, 20), (PARIS, 28), (NEW_YORK, 12), (PLUS2, 6), (MINUS5, 7), (INDIA, 11),
         (MINUS330, 4), (TOKYO, 12)]
LOCAL_SHARE = 0.25  # share of records the platform writes at the user's local offset


# --- records, users, plans --------------------------------------------------------------

@dataclass
class Rec:
    """One platform record. `t` and `ingested` are epoch ms (UTC)."""
    t: int
    event: str
    app: str
    client_id: str
    endpoint: str
    user: str
    provider: str = ""
    changed: str = ""
    deact: str = ""
    batch: str = ""
    sso: str = ""
    ip: str = ""
    ua: str = ""
    failure: str = ""
    off: int | None = None
    frac: bool = True
    log_id: str = ""
    ingested: int = 0
    logged_text: str | None = None  # overrides the rendered logged_at (bad records)
    intended: str = ""              # update reason the generator meant (cross-checked)
    reject: str = ""                # intended reject reason ("" = good record)

    def row(self) -> list[str]:
        logged = iso(self.t, self.off, self.frac) if self.logged_text is None else self.logged_text
        return [self.log_id, logged, self.event, self.app, self.client_id, self.endpoint,
                self.user, self.provider, self.changed, self.deact, self.batch, self.sso,
                self.ip, self.ua, self.failure, iso(self.ingested)]

    def content(self) -> tuple:
        return tuple(self.row()[:-1])


@dataclass
class User:
    uuid: str
    app: str
    zone: Zone
    home: str              # siteA | siteB | mobile | foundingsite
    cred: str              # traditional | social
    provider: str
    ip: str
    web_ua: str
    mobile_ua: str
    local_always: bool = False
    created: int = 0
    busy: list = field(default_factory=list)


@dataclass
class Plan:
    """What happens to one user inside the window (counts are attempts)."""
    origin: str            # widget | oauth | bulk | api | console | pre
    signins: int = 0
    sso_rate: float = 0.3
    fail_rate: float = 0.06
    edits: list = field(default_factory=list)   # widget | api | console
    fails: int = 0
    recovers: int = 0
    delete: str = ""       # "" | backend | console
    deactivate: bool = False
    reactivate: bool = False
    pre_deactivated: bool = False
    remove_social: bool = False
    replace: bool = False
    reg_sso: bool | None = None
    must: list = field(default_factory=list)    # forced sign-ins: (lo, hi, client, sso, fail)


def classify(r: Rec) -> tuple[str | None, str | None]:
    """(canonical event_type, None) or (None, exclusion_reason), contract section 4."""
    if r.event == "entityUpdated" and r.endpoint == EP_REPLACE:
        return None, "entity_replace"
    if r.event in EVENT_TYPE:
        return EVENT_TYPE[r.event], None
    return None, EXCLUSION[r.event]


def channel(endpoint: str) -> str:
    for prefix, name in (("/widget/", "registration_ui"), ("/oauth/", "oauth_api"),
                         ("/sso/", "sso_server"), ("/entity.", "entity_api")):
        if endpoint.startswith(prefix):
            return name
    assert endpoint == "", endpoint
    return "console"


def creation_path(r: Rec) -> str:
    if r.endpoint in REGISTER_EPS:
        return "registration"
    return {EP_BULK: "bulk_import", EP_CREATE: "api_only", "": "console"}[r.endpoint]


def update_reason(r: Rec) -> str:
    attrs = set(r.changed.split("|")) - {""}
    if "deactivateAccount" in attrs:
        return "deactivation" if r.deact else "reactivation"
    from_signin = r.endpoint in SIGNIN_EPS or r.endpoint == EP_SSO
    if from_signin and attrs and attrs <= {"lastLogin", "clients"}:
        return "login"
    return "profile_edit"


# --- the generator ------------------------------------------------------------------------

class Generator:
    def __init__(self, seed: int, start: date, days: int, scale: float):
        self.rng = random.Random(seed)
        self.t0 = to_ms(datetime(start.year, start.month, start.day, tzinfo=timezone.utc))
        self.t1 = self.t0 + days * DAY
        self.scale = scale
        self.good: list[Rec] = []
        self.bad: list[Rec] = []
        self.extra_rows: list[Rec] = []  # further copies (re-deliveries)
        self.users: list[User] = []
        self.batch_no = 40

    # small helpers
    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def ip(self) -> str:
        net = self.rng.choice(IP_NETWORKS)
        return f"{net}.{self.rng.randint(1, 254)}"

    def count(self, mean: float) -> int:
        """Poisson count around a per-user mean that itself varies (heavy-ish tail)."""
        m, k, p = math.exp(-mean * self.rng.expovariate(1.0)), 0, self.rng.random()
        while p > m:
            k, p = k + 1, p * self.rng.random()
        return k

    def frac_t(self, a: float, b: float) -> tuple[int, int]:
        return self.t0 + int((self.t1 - self.t0) * a), self.t0 + int((self.t1 - self.t0) * b)

    def when(self, u: User, lo: int, hi: int) -> int | None:
        """A time in [lo, hi), more likely by day in the user's local time."""
        if hi - lo < MIN:
            return None
        for _ in range(40):
            t = lo + int(self.rng.random() * (hi - lo))
            hour = ((t + u.zone.offset(t) * MIN) // HOUR) % 24
            if self.rng.random() * 13 < DIURNAL[hour]:
                return t
        return t

    def new_user(self, app=MAIN_APP, home=None, cred=None, provider=None, zone=None,
                 local_always=False) -> User:
        rng = self.rng
        home = home or rng.choices(["siteA", "siteB", "mobile"], [45, 30, 25])[0]
        cred = cred or ("social" if rng.random() < 0.35 else "traditional")
        if cred == "social" and not provider:
            provider = rng.choices(PROVIDERS, PROVIDER_WEIGHTS)[0]
        zone = zone or rng.choices([z for z, _ in ZONES], [w for _, w in ZONES])[0]
        u = User(self.uuid(), app, zone, home, cred, provider or "", self.ip(),
                 rng.choices(WEB_UA, WEB_UA_WEIGHTS)[0],
                 rng.choices(MOBILE_UA, MOBILE_UA_WEIGHTS)[0], local_always)
        self.users.append(u)
        return u

    def rec(self, u: User, t: int, event: str, client: str, endpoint: str, **kw) -> Rec:
        """A record of user u through client `client`, with client-appropriate ip / agent."""
        local = u.local_always or self.rng.random() < LOCAL_SHARE
        ip, ua = "", ""
        if client in ("siteA", "siteB", "foundingsite"):
            ip, ua = (u.ip if self.rng.random() < 0.85 else self.ip()), u.web_ua
        elif client == "mobile":
            ip, ua = (u.ip if self.rng.random() < 0.6 else self.ip()), u.mobile_ua
        elif client in ("backend",):
            ua = BACKEND_UA
        elif client in ("importer", "foundingimporter"):
            ua = IMPORTER_UA
        frac = True
        if client == "console":  # console writes whole seconds
            t, frac = t - t % SEC, self.rng.random() < 0.5
        return Rec(t, event, u.app, CLIENT[client], endpoint, u.uuid, ip=ip, ua=ua,
                   off=u.zone.offset(t) if local else None, frac=frac, **kw)

    def place(self, u: User, build, lo: int, hi: int, tries: int = 40) -> int | None:
        """Put the episode build(t) somewhere in [lo, hi), clear of the user's other episodes.

        Returns the time of its first record, or None when there is no room."""
        for _ in range(tries):
            t = self.when(u, lo, hi)
            if t is None:
                return None
            recs = build(t)
            a, b = min(r.t for r in recs), max(r.t for r in recs)
            if a < lo or b >= hi or any(a - GAP < y and x < b + GAP for x, y in u.busy):
                continue
            u.busy.append((a, b))
            self.good.extend(recs)
            return a
        return None

    def place_in(self, u: User, build, intervals: list) -> int | None:
        intervals = [(a, b) for a, b in intervals if b - a > GAP]
        if not intervals:
            return None
        a, b = self.rng.choices(intervals, [b - a for a, b in intervals])[0]
        return self.place(u, build, a, b)

    # episodes
    def kind(self, client: str) -> str:
        return "mobile" if client == "mobile" else "web"

    def sso_follow(self, u: User, t: int, client: str, sso: str) -> list[Rec]:
        ts = t + self.rng.randint(2 * MIN, 55 * MIN)
        other = FEDERATED[client]
        return [self.rec(u, ts, "sso_signin", other, EP_SSO, sso=sso),
                self.rec(u, ts + self.rng.randint(100, 2000), "entityUpdated", other, EP_SSO,
                         changed="lastLogin", intended="login")]

    def interactive(self, u: User, t: int, client: str, action: str, sso_rate: float,
                    fail: bool = False, verify: bool = False) -> list[Rec]:
        """A registration or sign-in, its profile write 0.1-2 s later, and what goes with it."""
        method, rnd = u.cred, self.rng.randint
        ep = ENDPOINT[(self.kind(client), method, action)]
        sso = self.uuid() if client in FEDERATED else ""
        name = f"legacy_{method}_{'registration' if action == 'register' else 'signin'}"
        recs = [self.rec(u, t, name, client, ep, sso=sso, provider=u.provider)]
        if action == "register":
            recs.append(self.rec(u, t + rnd(100, 2000), "entityCreated", client, ep))
        else:
            recs.append(self.rec(u, t + rnd(100, 2000), "entityUpdated", client, ep,
                                 changed="lastLogin", intended="login"))
        if method == "traditional" and fail:  # a mistyped password first
            recs.append(self.rec(u, t - rnd(8 * SEC, 90 * SEC), "authenticationFailedKnownUser",
                                 client, ep, failure="invalidCredentials"))
        if method == "traditional" and verify:
            recs.append(self.rec(u, t + rnd(5 * SEC, 4 * MIN), "new_email_verification", client,
                                 EP_VERIFY[self.kind(client)]))
        if sso and self.rng.random() < sso_rate:
            recs += self.sso_follow(u, t, client, sso)
        return recs

    def pick_client(self, u: User) -> str:
        r = self.rng.random()
        if u.home == "mobile":
            return "mobile" if r < 0.85 else self.rng.choice(["siteA", "siteB"])
        return u.home if r < 0.8 else ("mobile" if r < 0.9 else FEDERATED[u.home])

    def edit(self, u: User, t: int, how: str) -> list[Rec]:
        if how == "widget":
            client = u.home if u.home in FEDERATED else "siteA"
            changed = self.rng.choice(WIDGET_EDITS)
            recs = [self.rec(u, t, "entityUpdated", client, EP_EDIT, changed=changed,
                             intended="profile_edit")]
            if changed == "email":
                recs.append(self.rec(u, t + self.rng.randint(2 * SEC, 60 * SEC),
                                     "new_email_verification", client, EP_VERIFY["web"]))
            return recs
        client, ep, pool = (("backend", EP_UPDATE, API_EDITS) if how == "api"
                            else ("console", "", CONSOLE_EDITS))
        return [self.rec(u, t, "entityUpdated", client, ep, changed=self.rng.choice(pool),
                         intended="profile_edit")]

    def failed(self, u: User, t: int, reason: str) -> list[Rec]:
        client = self.pick_client(u)
        return [self.rec(u, t, "authenticationFailedKnownUser", client,
                         ENDPOINT[(self.kind(client), "traditional", "signin")], failure=reason)]

    def lifecycle(self, u: User, t: int, what: str, how: str = "backend") -> list[Rec]:
        ep = {"backend": EP_UPDATE, "console": ""}[how]
        if what == "deactivate":
            return [self.rec(u, t, "entityUpdated", how, ep, changed="deactivateAccount",
                             deact=iso(t - t % SEC), intended="deactivation")]
        if what == "reactivate":
            return [self.rec(u, t, "entityUpdated", how, ep, changed="deactivateAccount",
                             intended="reactivation")]
        if what == "remove_social":
            return [self.rec(u, t, "entityUpdated", "backend", EP_DELETE, changed="profiles",
                             intended="profile_edit")]
        if what == "replace":
            return [self.rec(u, t, "entityUpdated", "backend", EP_REPLACE,
                             changed="givenName|familyName|email|primaryAddress")]
        return [self.rec(u, t, "entityDeleted", how, EP_DELETE if how == "backend" else "")]

    # one user's life inside the window
    def simulate(self, u: User, plan: Plan) -> None:
        rng = self.rng
        lo = self.t0 if plan.origin == "pre" else u.created + 30 * MIN
        end = self.t1 - HOUR  # episode tails (SSO) stay inside the window
        if lo >= end - 2 * HOUR:
            return
        span = end - lo
        at = (lambda a, b: (lo + int(span * a), lo + int(span * b)))
        if plan.delete:
            d = self.place(u, lambda t: self.lifecycle(u, t, "delete", plan.delete), *at(0.9, 1.0))
            end = d - GAP if d else end
        span = end - lo
        active = [(lo, end)]
        if plan.deactivate or plan.pre_deactivated:
            a: int | None = lo
            if plan.deactivate:
                how = "console" if rng.random() < 0.25 else "backend"
                a = self.place(u, lambda t: self.lifecycle(u, t, "deactivate", how), *at(0.1, 0.3))
            r = end
            if a is not None and (plan.reactivate or plan.pre_deactivated):
                react = self.place(u, lambda t: self.lifecycle(u, t, "reactivate"), *at(0.45, 0.6))
                r = react or end
            if a is not None:
                active = [(lo, a), (r, end)]
                for _ in range(1 + self.count(0.6)):
                    self.place(u, lambda t: self.failed(u, t, "accountDeactivated"), a, r)
        social_end = end
        if plan.remove_social and u.cred == "social":
            p = self.place(u, lambda t: self.lifecycle(u, t, "remove_social"), *at(0.7, 0.85))
            social_end = p or end
        if plan.replace:
            self.place_in(u, lambda t: self.lifecycle(u, t, "replace"), active)
        signin_iv = [(a, min(b, social_end)) for a, b in active]
        for a, b, client, sso, fail in plan.must:
            ok = self.place_in(u, lambda t: self.interactive(u, t, client, "signin", sso, fail),
                               [(max(a, x), min(b, y)) for x, y in signin_iv])
            assert ok, f"forced sign-in could not be placed for {u.uuid}"
        for _ in range(plan.signins):
            fail = rng.random() < plan.fail_rate
            self.place_in(u, lambda t: self.interactive(u, t, self.pick_client(u), "signin",
                                                        plan.sso_rate, fail), signin_iv)
        for how in plan.edits:
            self.place_in(u, lambda t: self.edit(u, t, how), active)
        for _ in range(plan.fails):
            self.place_in(u, lambda t: self.failed(u, t, "invalidCredentials"), active)
        for _ in range(plan.recovers):
            def recover(t):
                c = self.pick_client(u)
                return [self.rec(u, t, "password_recover", c, EP_RECOVER[self.kind(c)])]
            self.place_in(u, recover, active)

    def create(self, u: User, plan: Plan, lo: int, hi: int) -> None:
        """Creation record(s) of a user made by the widget, OAuth, the Entity API or the console."""
        if plan.origin in ("widget", "oauth"):
            sso = plan.reg_sso if plan.reg_sso is not None else self.rng.random() < 0.35
            verify = plan.reg_sso or self.rng.random() < 0.8
            self.place(u, lambda t: self.interactive(u, t, u.home, "register", sso, verify=verify),
                       lo, hi)
        else:
            client, ep = ("backend", EP_CREATE) if plan.origin == "api" else ("console", "")
            self.place(u, lambda t: [self.rec(u, t, "entityCreated", client, ep)], lo, hi)
        assert u.busy, "no room for a creation"
        u.created = u.busy[0][0]

    def bulk_import(self, app: str, importer: str, n: int, t: int) -> list[User]:
        self.batch_no += self.rng.randint(1, 3)
        batch = f"import-{self.batch_no:04d}" if app == MAIN_APP else "founding-import-0001"
        users = []
        for _ in range(n):
            u = self.new_user(app=app, cred="traditional")
            t += self.rng.randint(20, 400)
            u.created, u.busy = t, [(t, t)]
            self.good.append(self.rec(u, t, "entityCreated", importer, EP_BULK, batch=batch))
            users.append(u)
        return users

    def random_plan(self, origin: str) -> Plan:
        rng = self.rng
        mean = {"pre": 4.0, "widget": 2.5, "oauth": 3.0, "bulk": 0.8, "api": 1.2, "console": 0.5}
        p = Plan(origin, signins=self.count(mean[origin]), fails=self.count(0.1),
                 recovers=int(rng.random() < 0.05),
                 edits=[rng.choices(["widget", "api", "console"], [55, 35, 10])[0]
                        for _ in range(self.count(0.45))])
        p.delete = rng.choice(["backend", "console"]) if rng.random() < 0.025 else ""
        p.deactivate = rng.random() < 0.02
        p.reactivate = p.deactivate and rng.random() < 0.6
        p.remove_social = rng.random() < 0.05
        p.replace = rng.random() < (0.12 if origin in ("bulk", "api") else 0.01)
        return p

    # the whole tenant
    def generate(self) -> None:
        rng, s = self.rng, self.scale
        lo, hi = self.t0, self.t1 - 2 * HOUR
        # founding example: 25 widget traditional registrations and a bulk import of 20
        for _ in range(25):
            u = self.new_user(app=FOUNDING_APP, home="foundingsite", cred="traditional")
            self.place(u, lambda t: self.interactive(u, t, u.home, "register", 0), lo, hi)
        self.bulk_import(FOUNDING_APP, "foundingimporter", 20, self.frac_t(0.3, 0.3)[0] + 2 * HOUR)
        jobs: list[tuple[User, Plan]] = []
        # forced scenarios: every path of the contract appears at any scale
        dst = [t for z in (PARIS, NEW_YORK) for t in self.transitions(z)]
        for zone, home, cred, prov, origin, extra in [
            (PARIS, "siteA", "traditional", "", "widget", dict(edits=["widget"], recovers=1)),
            (INDIA, "siteB", "social", "facebook", "widget", dict(remove_social=True)),
            (MINUS330, "mobile", "traditional", "", "oauth", dict(edits=["widget", "api"])),
            (TOKYO, "mobile", "social", "google", "oauth", dict(delete="backend")),
            (MINUS5, "siteA", "traditional", "", "api", dict(edits=["api"], replace=True)),
            (LONDON, "siteB", "traditional", "", "console",
             dict(edits=["console"], delete="console")),
            (PLUS2, "siteA", "traditional", "", "pre", dict(deactivate=True, reactivate=True)),
            (NEW_YORK, "siteB", "traditional", "", "pre", dict(fails=1, edits=["console"])),
            (PARIS, "mobile", "traditional", "", "pre", dict(pre_deactivated=True)),
        ]:
            u = self.new_user(home=home, cred=cred, provider=prov, zone=zone, local_always=True)
            plan = Plan(origin, reg_sso=True, **extra)
            a, b = self.frac_t(0.55, 0.97)
            plan.must = [(a, b, u.home, 1.0, True)]
            if zone.rule and not (plan.delete or plan.deactivate or plan.pre_deactivated):
                # sign-ins on both sides of a daylight-saving change, at the local offset
                for x in (t for t in dst if zone.offset(t - 1) != zone.offset(t)):
                    plan.must += [(self.t0, x, u.home, 0, False), (x, self.t1, u.home, 0, False)]
            if origin != "pre":
                self.create(u, plan, *self.frac_t(0.02, 0.15))
            jobs.append((u, plan))
        for i, prov in enumerate(PROVIDERS):
            u = self.new_user(home=["siteA", "siteB", "mobile"][i % 3], cred="social",
                              provider=prov)
            jobs.append((u, Plan("pre", must=[(self.t0, self.t1, u.home, 1.0, False)])))
        forced_bulk = self.bulk_import(MAIN_APP, "importer", max(3, round(40 * s)),
                                       self.frac_t(0.05, 0.05)[0] + 3 * HOUR)
        jobs.append((forced_bulk[0], Plan("bulk", must=[(self.t0, self.t1, "siteA", 1.0, False)])))
        jobs += [(u, self.random_plan("bulk")) for u in forced_bulk[1:]]
        # the random population
        for _ in range(round(780 * s)):
            jobs.append((self.new_user(), self.random_plan("pre")))
        for origin, n in (("widget", 420), ("oauth", 170), ("api", 40), ("console", 10)):
            for _ in range(round(n * s)):
                home = "mobile" if origin == "oauth" else rng.choice(["siteA", "siteA", "siteB"])
                cred = "traditional" if origin in ("api", "console") else None
                u, plan = self.new_user(home=home, cred=cred), self.random_plan(origin)
                self.create(u, plan, lo, hi)
                jobs.append((u, plan))
        for _ in range(max(0, round(4 * s) - 1)):
            t = lo + int(rng.random() * (hi - lo))
            batch = self.bulk_import(MAIN_APP, "importer", rng.randint(15, 80), t)
            jobs += [(u, self.random_plan("bulk")) for u in batch]
        for u, plan in jobs:
            self.simulate(u, plan)
        for _ in range(max(1, round(60 * s))):  # failed sign-ins of unknown users
            u = User("", MAIN_APP, rng.choice([z for z, _ in ZONES]), "", "", "", self.ip(),
                     rng.choice(WEB_UA), rng.choice(MOBILE_UA))
            c = rng.choice(["siteA", "siteB", "mobile"])
            self.good.append(self.rec(u, self.when(u, lo, hi), "authenticationFailedUnknownUser",
                                      c, ENDPOINT[(self.kind(c), "traditional", "signin")],
                                      failure="invalidCredentials"))
        self.finish_logins()
        for r in self.good:
            r.log_id, r.ingested = self.uuid(), r.t + self.delay()
        for r, late in zip(rng.sample(self.good, 2), (5 * HOUR, 2 * DAY + 7 * HOUR)):
            r.ingested = r.t + late  # at least one record hours and one days late

    def transitions(self, zone: Zone) -> list[int]:
        """Whole hours of the window at which the zone's offset has just changed."""
        return [t for t in range(self.t0 + HOUR, self.t1, HOUR)
                if zone.offset(t - HOUR) != zone.offset(t)]

    def finish_logins(self) -> None:
        """`lastLogin|clients` on a user's first sign-in through a client, `lastLogin` after."""
        seen = defaultdict(set)
        for u in self.users:
            if not u.created:
                seen[u.uuid].add(CLIENT[u.home])
        for r in sorted((r for r in self.good if r.intended == "login"), key=lambda r: r.t):
            if r.client_id not in seen[r.user]:
                seen[r.user].add(r.client_id)
                r.changed = "lastLogin|clients"

    def delay(self) -> int:
        x = self.rng.random()
        if x < 0.86:
            return self.rng.randint(1500, 60 * SEC)
        if x < 0.95:
            return self.rng.randint(MIN, 15 * MIN)
        if x < 0.99:
            return self.rng.randint(HOUR, 14 * HOUR)
        return self.rng.randint(DAY, 3 * DAY + 12 * HOUR)

    # bad and awkward input
    def add_bad_input(self) -> None:
        rng = self.rng
        main = [r for r in self.good if r.app == MAIN_APP and r.user]
        picked = rng.sample(main, max(3, round(0.02 * len(main))) + 9)
        dups, conflicts = picked[:-9], picked[-9:]
        for i, r in enumerate(dups):  # exact re-deliveries
            mode = ["same", "later", "triple"][i] if i < 3 else rng.choice(["same", "later"] * 2)
            for k in range(2 if mode == "triple" or rng.random() < 0.1 else 1):
                later = self.delay() + MIN if mode != "same" or k > 0 else 0
                self.extra_rows.append(replace(r, ingested=r.ingested + later))
        signins = [r for r in main if r.event == "legacy_traditional_signin"]

        def bad(reason: str, base: Rec | None = None, **kw) -> Rec:
            base = base or rng.choice(signins)
            r = replace(base, log_id=self.uuid(), reject=reason, intended="",
                        t=base.t + rng.randint(-20, 20) * MIN)
            r.ingested = r.t + self.delay()
            r = replace(r, **kw)
            self.bad.append(r)
            return r

        y = (EPOCH + timedelta(milliseconds=self.t0)).year
        day2 = iso(self.t0 + DAY + 10 * HOUR, frac=False)[:-1]  # e.g. 2026-03-10T10:00:00
        for kw in [{}, dict(event="entityUpdated", changed="givenName", endpoint=EP_EDIT, sso=""),
                   dict(event="authenticationFailedUnknownUser", user="", sso="",
                        failure="invalidCredentials"),
                   dict(logged_text="yesterday"), dict(event="legacy_foo")]:
            bad("missing_log_id", log_id="", **kw)
        for text in ["", "yesterday", day2, f"{y}-02-30T10:00:00Z", "not a timestamp",
                     day2.replace("T", " ").replace("-", "/") + " +0100", day2 + ":00Z"]:
            bad("unparseable_logged_at", logged_text=text)
        bad("unparseable_logged_at", logged_text="last tuesday", event="entityMerged")
        bad("unparseable_logged_at", logged_text=f"{y}-13-01T00:00:00Z", user="")
        for name in ["entityMerged", "legacy_foo", "sso_signout", "EntityUpdated", ""]:
            bad("unknown_event_name", event=name)
        bad("unknown_event_name", event="legacy_traditional_signout", user="")
        r = bad("unknown_event_name", event="entityMerged")
        r.ingested = r.t - 2 * HOUR
        for late in [HOUR, 6 * MIN, 2 * DAY, W + SEC]:
            r = bad("logged_after_ingested")
            r.ingested = r.t - late
        r = bad("logged_after_ingested", user="")
        r.ingested = r.t - 3 * HOUR
        for kw in [{}, dict(event="entityUpdated", changed="givenName", endpoint=EP_EDIT, sso=""),
                   dict(event="authenticationFailedKnownUser", failure="accountDeactivated",
                        sso=""),
                   dict(event="entityCreated", endpoint=EP_CREATE, client_id=CLIENT["backend"],
                        ip="", ua=BACKEND_UA, sso="")]:
            bad("missing_user_uuid", user="", **kw)
        # log_id conflicts: same log_id as a good record, other content, ingested later
        def conflict(orig: Rec, reason: str = "log_id_conflict", **kw) -> Rec:
            r = replace(orig, reject=reason, intended="", **kw)
            r.ingested = orig.ingested + rng.randint(MIN, DAY)
            assert r.content() != orig.content()
            self.bad.append(r)
            return r
        c = conflicts
        conflict(c[0], ua="capture-replay/0.9")
        conflict(c[1], t=c[1].t - 3 * SEC)                      # logged earlier, ingested later
        conflict(c[2], ip="192.0.2.254" if c[2].ip != "192.0.2.254" else "192.0.2.253")
        r = conflict(c[3], failure="replayed" if c[3].failure != "replayed" else "x")
        self.extra_rows.append(replace(r, ingested=r.ingested + HOUR))  # the conflict, twice
        conflict(c[4], user=self.uuid())
        conflict(c[4], user=self.uuid())                        # two conflicts with one record
        conflict(c[5], ua=c[5].ua + " (retry)")
        conflict(c[6], "missing_user_uuid", user="")            # earlier reason wins
        conflict(c[7], "unknown_event_name", event="entityMerged")
        conflict(c[8], "logged_after_ingested", t=c[8].ingested + 2 * DAY)

    def rows(self) -> list[Rec]:
        out = self.good + self.bad + self.extra_rows
        self.rng.shuffle(out)
        return out


# --- truth ----------------------------------------------------------------------------------

def truth(g: Generator, rows: list[Rec]) -> dict:
    ev, hour, hod, cre, upd, meth, chan, exc = (Counter() for _ in range(8))
    for r in g.good:
        etype, reason = classify(r)
        if reason:
            exc[reason] += 1
            continue
        ev[etype] += 1
        stamp = (EPOCH + timedelta(milliseconds=r.t - r.t % HOUR)).strftime("%Y-%m-%dT%H:00:00")
        hour[f"{stamp}|{etype}"] += 1
        hod[f"{int(stamp[11:13])}|{etype}"] += 1
        chan[channel(r.endpoint)] += 1
        if etype == "entity_create":
            cre[creation_path(r)] += 1
        if etype == "entity_update":
            upd[update_reason(r)] += 1
            assert update_reason(r) == r.intended, (r, update_reason(r))
        if etype.startswith("signin."):  # signin.traditional_register -> traditional
            meth[etype[7:].split("_")[0]] += 1
    rej = Counter(r.reject for r in g.bad)
    distinct = {(r.log_id, r.content()) for r in rows}
    t = {"raw_rows": len(rows), "distinct_records": len(distinct),
         "canonical_events": sum(ev.values()), "excluded": sum(exc.values()),
         "rejected": sum(rej.values())}
    assert t["canonical_events"] + t["excluded"] + t["rejected"] == t["distinct_records"], t
    assert len(distinct) == len(g.good) + len(g.bad)
    fe = [r for r in g.good if r.app == FOUNDING_APP]
    t.update({k: dict(sorted(v.items())) for k, v in [
        ("event_type", ev), ("hour_and_type", hour), ("hour_of_day_and_type", hod),
        ("creation_path", cre), ("update_reason", upd), ("sign_in_method", meth),
        ("channel", chan), ("exclusion_reason", exc), ("reject_reason", rej)]})
    t["founding_example"] = {
        "app_id": FOUNDING_APP,
        "signin.traditional_register": sum(
            r.event == "legacy_traditional_registration" for r in fe),
        "entity_create": sum(r.event == "entityCreated" for r in fe)}
    return t


# --- output ---------------------------------------------------------------------------------

def write(rows: list[Rec], out: str, fmt: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            w.writerows(r.row() for r in rows)
        return
    import duckdb
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "log.csv")
        write(rows, src, "csv")
        con = duckdb.connect()
        con.execute("set threads = 1")
        opts = "format parquet" if fmt == "parquet" else "format json"
        cols = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS)
        con.execute(f"copy (select * from read_csv('{src}', header=true, columns={{{cols}}}, "
                    f"quote='\"', escape='\"', delim=',')) to '{out}' ({opts})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Generate a deterministic, contract-conforming raw Janrain audit log "
                    "(and optionally its ground-truth JSON).")
    ap.add_argument("--seed", type=int, default=20260309, help="random seed (default 20260309)")
    ap.add_argument("--start", type=date.fromisoformat, default=date(2026, 3, 9),
                    help="first UTC day of the window (default 2026-03-09)")
    ap.add_argument("--days", type=int, default=21, help="window length in days (default 21)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiplies users and activity; every scenario appears at any scale")
    ap.add_argument("--out", default="seeds/raw_audit_log.csv", help="output file")
    ap.add_argument("--format", choices=["csv", "parquet", "jsonl"],
                    help="output format (default: from the --out extension)")
    ap.add_argument("--truth", help="also write the expected results as JSON to this path")
    a = ap.parse_args(argv)
    fmt = a.format or {".parquet": "parquet", ".jsonl": "jsonl", ".json": "jsonl",
                       ".ndjson": "jsonl"}.get(Path(a.out).suffix, "csv")
    if a.days < 3 or a.scale <= 0:
        ap.error("--days must be at least 3 and --scale positive")
    g = Generator(a.seed, a.start, a.days, a.scale)
    g.generate()
    g.add_bad_input()
    rows = g.rows()
    t = truth(g, rows)
    write(rows, a.out, fmt)
    if a.truth:
        Path(a.truth).parent.mkdir(parents=True, exist_ok=True)
        Path(a.truth).write_text(json.dumps(t, indent=2) + "\n", encoding="utf-8")
    print(f"{a.out}: {t['raw_rows']} rows, {t['distinct_records']} distinct, "
          f"{t['canonical_events']} events, {t['excluded']} excluded, {t['rejected']} rejected",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
