#!/usr/bin/env python3
"""Generate a deterministic Auth0 or Keycloak tenant log of the Janrain demo's tenant.

The behaviour is not simulated a second time: the Janrain demo generator
(`generate_audit_log.Generator`) simulates the tenant, and every one of its episodes
(a registration, a sign-in with its SSO hop, a creation, an edit, a deactivation, a
deletion, a failed sign-in, a password-reset mail ...) is written again as the records
the other platform logs for it, as `sources.md` (contract version 1 for Auth0 and
Keycloak) describes them. The platforms log some things Janrain does not (token
renewals, code exchanges, logouts, failed sign-ups, echoes of Management API calls) and
miss some that Janrain logs (Auth0: per-user records of a bulk import); those records
are added or left out here.

Each record is written together with the result the contract gives it (a primary
event with its attributes, an exclusion reason or a reject reason) and the contract
row that gives it; the truth (--truth) adds those up. Nothing reads the log back to
classify it.

    --source auth0     Auth0 tenant-log records, flat or in the log-stream wrapper
                       {"log_id": .., "data": {..}}; the founding example's tenant is
                       pulled from the Management API (flat, `_id`, no `tenant_name`,
                       so `auth0_tenant` names it)
    --source keycloak  Keycloak user events and admin events (realm `acme`, the founding
                       example in realm `founding-example`, whose older server writes no
                       event `id`)
    --migration        the Janrain tenant until --cutover, Auth0 after it: a Janrain CSV
                       and an Auth0 JSON-lines file, each with its truth

Output: a CSV seed `line_number,raw_record` (one line of the platform's JSON lines per
row, with the loader's `ingested_at`), or with --jsonl the JSON lines themselves.
Same arguments, byte-identical output.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import string
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_audit_log as janrain  # noqa: E402  (the simulation and the Janrain writer)
from generate_audit_log import (  # noqa: E402
    EPOCH, HOUR, MIN, SEC, W, Generator, Rec, User, iso, to_ms,
)
from janrain_tenant import (  # noqa: E402
    API_EDITS, CLIENT, CONSOLE_EDITS, EP_BULK, EP_DELETE, EP_EDIT, EP_REPLACE, FOUNDING_APP,
    MAIN_APP, WIDGET_EDITS,
)

DEFAULTS = {
    "auth0": ("seeds/raw_auth0_log.csv", "tests/integration/expected/auth0_demo_expected.json"),
    "keycloak": ("seeds/raw_keycloak_log.csv",
                 "tests/integration/expected/keycloak_demo_expected.json"),
}
SCALE = 0.28           # of the Janrain demo's population: 3,000-6,000 lines per seed
TAIL = 9 * MIN         # records a platform adds after an episode stay this close to it
ROLE = {v: k for k, v in CLIENT.items()}  # Janrain client id -> siteA, mobile, console ...
WEB = ("siteA", "siteB", "foundingsite")

# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """What the contract makes of one distinct record."""
    kind: str              # event | excluded | rejected
    name: str              # primary event_type, exclusion_reason or reject_reason
    channel: str = ""
    creation: str = ""     # entity_create only
    update: str = ""       # entity_update only
    provider: str = ""     # social sign-ins and registrations only

    @property
    def derived(self) -> tuple[str, str, str] | None:
        """(event_type, creation_path, update_reason) of the derived event (section 2.3)."""
        if self.kind != "event" or not self.name.startswith("signin."):
            return None
        if self.name.endswith("_register"):
            return "entity_create", "registration", ""
        return "entity_update", "", "login"


def event(name: str, channel: str, creation: str = "", update: str = "",
          provider: str = "") -> Result:
    return Result("event", name, channel, creation, update, provider)


def excluded(reason: str) -> Result:
    return Result("excluded", reason)


def rejected(reason: str) -> Result:
    return Result("rejected", reason)


@dataclass
class VRec:
    """One distinct platform record: its JSON (or raw text), its result and contract row."""
    t: int                          # occurred_at, epoch ms
    body: dict | None               # the record (Auth0: the flat record, never the wrapper)
    result: Result
    row: str                        # e.g. "3.3:9" (Auth0) or "4.3:12" (Keycloak), "2.6"
    ingested: int = 0
    wrap: bool = False              # Auth0: written in the log-stream wrapper
    text: str | None = None         # the line as written, when it is no JSON object
    user: str = ""                  # the Janrain user behind it ("" for none)
    pending: tuple | None = None    # Keycloak admin USER UPDATE: result set by its state


# --- names, ids and people, all derived from the Janrain uuids ---------------------------

B62 = string.digits + string.ascii_letters
GIVEN = ["anna", "ben", "chloe", "david", "emma", "felix", "grace", "hugo", "ines", "jonas",
         "kate", "liam", "mia", "noah", "olga", "paul", "rosa", "sam", "tara", "yuki", "zoe",
         "omar", "priya", "lucas", "sofia", "marek", "aiko", "leon"]
FAMILY = ["smith", "martin", "muller", "rossi", "garcia", "dubois", "tanaka", "kowalski",
          "nielsen", "silva", "okafor", "patel", "jensen", "moreau", "weber", "costa",
          "sato", "novak", "brown", "lambert"]
DOMAINS = ["example.com", "example.net", "example.org"]


def _h(*parts: str) -> str:
    return hashlib.md5("|".join(parts).encode()).hexdigest()


def _b62(hexdigits: str, n: int) -> str:
    v, out = int(hexdigits, 16), ""
    while len(out) < n:
        v, r = divmod(v, 62)
        out += B62[r]
    return out


def person(user_uuid: str) -> tuple[str, str, str]:
    """(given name, family name, e-mail) of a user."""
    x = _h("person", user_uuid)
    given, family = GIVEN[int(x[:4], 16) % len(GIVEN)], FAMILY[int(x[4:8], 16) % len(FAMILY)]
    email = f"{given}.{family}{int(x[8:10], 16) % 100}@{DOMAINS[int(x[10], 16) % 3]}"
    return given.title(), family.title(), email


def new_email(email: str) -> str:
    return email.split("@")[0] + "@mail.example"


A0_STRATEGY = {"google": "google-oauth2", "microsoft": "windowslive"}  # others: same name
KC_IDP = {"linkedin": "linkedin-openid-connect"}                       # others: same name


def auth0_user_id(u: User) -> str:
    """The Auth0 user_id of a Janrain user: `auth0|<hex>` or `<social strategy>|<id>`."""
    x = _h("auth0", u.uuid)
    if u.cred != "social":
        return "auth0|" + x[:24]
    strategy, d = A0_STRATEGY.get(u.provider, u.provider), str(int(x, 16))
    ident = {"google-oauth2": d[:21], "facebook": d[:17], "twitter": d[:19],
             "apple": f"{d[:6]}.{x[:32]}.{d[6:10]}", "windowslive": x[:16],
             "amazon": "amzn1.account." + x[:28].upper(), "linkedin": _b62(x, 10)}[strategy]
    return f"{strategy}|{ident}"


def auth0_session(key: str) -> str:
    return _b62(_h("session", key) + _h("session2", key), 32)


def auth0_client_id(name: str) -> str:
    return _b62(_h("client", name) + _h("client2", name), 32)


def connection_id(name: str) -> str:
    return "con_" + _b62(_h("con", name), 16)


def jcs(obj) -> str:
    """Canonical JSON (RFC 8785) of what these generators write: no floats, BMP keys."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compact(obj) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def record_identity(source: str, text: str) -> tuple[str, str]:
    """(record id, content) of a line as section 2.1 and 2.5 define them."""
    try:
        obj = json.loads(text)
    except ValueError:
        return "", text
    if not isinstance(obj, dict):
        return "", text
    if source == "auth0":
        wrapped = isinstance(obj.get("data"), dict) and "type" not in obj
        rec = obj["data"] if wrapped else obj
        ids = [obj.get("log_id"), rec.get("log_id")] if wrapped else [obj.get("log_id"),
                                                                       obj.get("_id")]
        content = jcs({k: v for k, v in rec.items() if k not in ("ingested_at", "_id")})
        rid = next((i for i in ids if isinstance(i, str) and i.strip(" \t\r\n")), "")
        return rid, content
    content = jcs({k: v for k, v in obj.items() if k not in ("ingested_at", "_id")})
    rid = obj.get("id")
    if not (isinstance(rid, str) and rid.strip(" \t\r\n")):
        rid = hashlib.md5(content.encode()).hexdigest()
    return rid, content


# --- the Janrain simulation, as episodes ----------------------------------------------------


@dataclass
class Episode:
    """The records of one placed episode of one user (a `User.busy` span)."""
    user: User | None
    recs: list[Rec]

    @property
    def start(self) -> int:
        return self.recs[0].t

    @property
    def end(self) -> int:
        return self.recs[-1].t

    def find(self, *events: str) -> Rec | None:
        return next((r for r in self.recs if r.event in events), None)

    @property
    def kind(self) -> str:
        names = {r.event for r in self.recs}
        if self.user is None:
            return "unknown_failure"
        if names & {"legacy_traditional_registration", "legacy_social_registration"}:
            return "register"
        if names & {"legacy_traditional_signin", "legacy_social_signin"}:
            return "signin"
        first = self.recs[0]
        if "entityCreated" in names:
            return "bulk" if first.endpoint == EP_BULK else "create"
        if "entityDeleted" in names:
            return "delete"
        if "password_recover" in names:
            return "recover"
        if names == {"authenticationFailedKnownUser"}:
            return "failed"
        upd = self.find("entityUpdated")
        if upd.intended in ("deactivation", "reactivation"):
            return upd.intended
        if upd.endpoint == EP_DELETE:
            return "unlink"
        if upd.endpoint == EP_REPLACE:
            return "replace"
        return "edit"


def episodes(g: Generator) -> list[Episode]:
    """The generator's good records grouped by the episode (busy span) they belong to."""
    users = {u.uuid: u for u in g.users}
    spans = {u.uuid: sorted(u.busy) for u in g.users}
    groups: dict[tuple[str, int], list[Rec]] = defaultdict(list)
    out = []
    for r in g.good:
        if not r.user:  # failed sign-ins of unknown users
            out.append(Episode(None, [r]))
            continue
        i = next(i for i, (a, b) in enumerate(spans[r.user]) if a <= r.t <= b)
        groups[(r.user, i)].append(r)
    out += [Episode(users[k[0]], sorted(v, key=lambda r: r.t)) for k, v in groups.items()]
    out.sort(key=lambda e: (e.start, e.recs[0].user, e.recs[0].event))
    return out


# --- common machinery ---------------------------------------------------------------------


class VendorLog:
    """Records of one platform for a list of episodes; subclasses say how it logs each."""
    SOURCE = ""

    def __init__(self, g: Generator, seed: int, migrated: bool = False):
        self.g = g
        self.rng = random.Random(f"{seed}:{self.SOURCE}")
        self.migrated = migrated  # users already on the platform were imported, no history
        self.recs: list[VRec] = []
        self.copies: list[tuple[VRec, int, bool]] = []  # re-deliveries: record, ingested, wrap
        self.seen: set[str] = set()
        self.nth: Counter = Counter()

    def chance(self, key: str, p: float) -> bool:
        """True the first time (every scenario appears at any scale), then with p."""
        if key not in self.seen:
            self.seen.add(key)
            return True
        return self.rng.random() < p

    def rnd(self, a: int, b: int) -> int:
        return self.rng.randint(a, b)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def delay(self) -> int:
        """A loader's delay: seconds, sometimes minutes."""
        if self.rng.random() < 0.85:
            return self.rnd(2 * SEC, 90 * SEC)
        return self.rnd(90 * SEC, 20 * MIN)

    def build(self, eps: list[Episode]) -> None:
        bulk: dict[tuple[str, str], list[Rec]] = defaultdict(list)
        for ep in eps:
            if ep.kind == "bulk":
                bulk[(ep.recs[0].app, ep.recs[0].batch)].append(ep.recs[0])
            else:
                getattr(self, "ep_" + ep.kind)(ep)
        for (app, batch), recs in bulk.items():
            self.ep_bulk(app, batch, recs)
        self.settle()

    def settle(self) -> None:
        """Results that depend on the order of a user's records (Keycloak)."""

    # output
    def render(self, v: VRec, ingested: int, wrap: bool) -> str:
        if v.text is not None:
            return v.text
        obj = dict(v.body)
        if wrap:
            obj = {"log_id": v.body["log_id"], "data": v.body}
        obj["ingested_at"] = iso(ingested, 0)
        return compact(obj)

    def lines(self) -> list[str]:
        """The lines in the order a loader appends them: by ingested_at."""
        items = [(v.ingested, i, self.render(v, v.ingested, v.wrap))
                 for i, v in enumerate(self.recs)]
        items += [(ing, len(self.recs) + j, self.render(v, ing, wrap))
                  for j, (v, ing, wrap) in enumerate(self.copies)]
        items.sort(key=lambda x: (x[0], x[1]))
        return [x[2] for x in items]

    def redeliver(self, n: int) -> None:
        """Exact re-deliveries: the same line twice."""
        good = [v for v in self.recs if v.result.kind != "rejected"]
        for v in self.rng.sample(good, n):
            self.copies.append((v, v.ingested, v.wrap))

    def bad(self, base: VRec, reason: str, row: str = "2.6", **changes) -> VRec:
        body = json.loads(json.dumps(base.body))
        for k, val in changes.items():
            if val is None:
                body.pop(k, None)
            else:
                body[k] = val
        v = VRec(base.t, body, rejected(reason), row, user=base.user)
        v.ingested = base.t + self.delay()
        self.recs.append(v)
        return v


# --- Auth0 ----------------------------------------------------------------------------------

A0_TENANT = {MAIN_APP: ("acme-prod", "login.acme.example"),
             FOUNDING_APP: (None, "founding-example.eu.auth0.com")}
A0_CLIENT_NAME = {"siteA": "Acme Site A", "siteB": "Acme Site B", "mobile": "Acme Mobile App",
                  "backend": "Acme Backend (M2M)", "importer": "Acme User Importer",
                  "foundingsite": "Founding Site", "foundingimporter": "Founding Importer"}
DB_CONN = "Username-Password-Authentication"
DASHBOARD = auth0_client_id("dashboard")
ADMIN = ("google-oauth2|104839272015987261834", "Dana Admin", "dana.admin@acme.example")
ADMIN_UA = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/17.3 Safari/605.1.15")
ADMIN_IP, BACKEND_IP = "203.0.113.251", "203.0.113.250"
M2M_UA = "node-auth0/4.4.0"
RETURN_TO = {"siteA": "https://www.acme-a.example/", "siteB": "https://shop.acme-b.example/",
             "mobile": "com.acme.app://logout", "foundingsite": "https://founding.example/"}

PATCH_BODY = {  # Janrain changed_attributes -> Management API PATCH body
    "givenName|familyName": lambda p: {"given_name": p[0], "family_name": p[1]},
    "birthday": lambda p: {"user_metadata": {"birthday": "1990-04-12"}},
    "gender": lambda p: {"user_metadata": {"gender": "female"}},
    "primaryAddress.city|primaryAddress.zip": lambda p: {
        "user_metadata": {"address": {"city": "Lyon", "zip": "69002"}}},
    "optIn.status": lambda p: {"user_metadata": {"opt_in": {"status": "granted"}}},
    "emailVerified": lambda p: {"email_verified": True},
    "optIn.status|optIn.date": lambda p: {
        "user_metadata": {"opt_in": {"status": "granted", "date": "2026-03-01"}}},
    "primaryAddress.country": lambda p: {"user_metadata": {"address": {"country": "FR"}}},
    "consents.marketing.granted|consents.marketing.updated": lambda p: {
        "app_metadata": {"consents": {"marketing": {"granted": True}}}},
    "externalId": lambda p: {"app_metadata": {"external_id": "CRM-" + _h(p[2])[:8]}},
    "loyaltyTier": lambda p: {"app_metadata": {"loyalty_tier": "gold"}},
    "email": lambda p: {"email": new_email(p[2])},
    "givenName": lambda p: {"given_name": p[0]},
    "familyName|displayName": lambda p: {"family_name": p[1], "nickname": p[0].lower()},
    "mobileNumber": lambda p: {"phone_number": "+33612345678"},
    "displayName": lambda p: {"nickname": p[0].lower()},
}
assert set(PATCH_BODY) >= set(WIDGET_EDITS) | set(API_EDITS) | set(CONSOLE_EDITS)
SELF_SERVICE = {"email": "sce", "displayName": "scu", "mobileNumber": "scpn"}


class Auth0Log(VendorLog):
    SOURCE = "auth0"

    def __init__(self, g: Generator, seed: int, migrated: bool = False):
        super().__init__(g, seed, migrated)
        self.logins: dict[str, int] = {}
        self.seq = 0
        self.self_service = ["sce", "scu", "scpn"]  # the first widget edits use each once

    # ids and common fields
    def client(self, role: str) -> tuple[str, str]:
        if role == "console":
            return DASHBOARD, "All Applications"
        return auth0_client_id(role), A0_CLIENT_NAME[role]

    def uid(self, u: User) -> str:
        return auth0_user_id(u)

    def conn(self, u: User) -> tuple[str, str, str]:
        if u.cred == "social":
            s = A0_STRATEGY.get(u.provider, u.provider)
            return s, s, "social"
        return DB_CONN, "auth0", "database"

    def count_login(self, u: User) -> int:
        if u.uuid not in self.logins:  # users the log did not see registering
            self.logins[u.uuid] = 0 if (self.migrated or u.created) else self.rnd(3, 60)
        self.logins[u.uuid] += 1
        return self.logins[u.uuid]

    def emit(self, t: int, app: str, body: dict, result: Result, row: str,
             user: str = "", wrap: bool | None = None) -> VRec:
        tenant, host = A0_TENANT[app]
        self.seq += 1
        stamp = (EPOCH + timedelta(milliseconds=t)).strftime("%Y%m%d%H%M%S") + f"{t % 1000:03d}"
        log_id = f"900{stamp}{self.rng.randrange(10 ** 12):012d}{self.seq:06d}"
        body.setdefault("hostname", host)
        body["log_id"] = log_id
        if tenant:
            body["tenant_name"] = tenant
            if wrap is None:
                wrap = self.rng.random() < 0.2
        else:  # pulled from the Management API: `_id` beside `log_id`, no tenant_name
            body = {"_id": log_id, **body}
            wrap = False
        v = VRec(t, body, result, row, wrap=wrap, user=user)
        v.ingested = t + self.delay()
        self.recs.append(v)
        return v

    def head(self, t: int, typ: str, desc: str, role: str, u: User | None = None,
             ip: str = "", ua: str = "", conn: bool = True) -> dict:
        cid, cname = self.client(role)
        b = {"date": iso(t), "type": typ, "description": desc}
        if u is not None and conn:
            c = self.conn(u)[0]
            b.update(connection=c, connection_id=connection_id(c))
        b.update(client_id=cid, client_name=cname, ip=ip, user_agent=ua)
        return b

    def who(self, b: dict, u: User, strategy: bool = True) -> dict:
        b["user_id"], b["user_name"] = self.uid(u), person(u.uuid)[2]
        if strategy:
            _, s, st = self.conn(u)
            b.update(strategy=s, strategy_type=st)
        return b

    @staticmethod
    def ua(r: Rec) -> str:
        return (r.ua.replace("janrain-ios-sdk/5.2", "Auth0.swift/2.7.2")
                .replace("janrain-android-sdk/5.1", "Auth0.Android/2.11.0"))

    # sign-ins
    def s(self, t: int, r: Rec, u: User, role: str, sid: str, prompt: str | None,
          logins: int, result: Result, row: str) -> VRec:
        b = self.head(t, "s", "Successful login", role, u if prompt else None, r.ip, self.ua(r))
        uid, email = self.uid(u), person(u.uuid)[2]
        if prompt:
            a, c = self.rnd(4 * SEC, 40 * SEC), self.rnd(300, 1500)
            conn, strat, _ = self.conn(u)
            det = {"prompts": [
                {"name": prompt, "initiatedAt": t - a, "completedAt": t - c, "connection": conn,
                 "connection_id": connection_id(conn), "strategy": strat,
                 "identity": uid.split("|", 1)[1], "stats": {"loginsCount": logins},
                 "elapsedTime": a - c},
                {"name": "login", "flow": "universal-login", "initiatedAt": t - a - 900,
                 "completedAt": t - 40, "user_id": uid, "user_name": email,
                 "timers": {"rules": self.rnd(3, 60)}, "elapsedTime": a + 860}],
                "initiatedAt": t - a - 900, "completedAt": t - 40, "elapsedTime": a + 860}
        else:  # a session reused: Auth0 writes no prompt (an empty list or none)
            a = self.rnd(150, 900)
            det = {"prompts": []} if self.rng.random() < 0.8 else {}
            det.update(initiatedAt=t - a, completedAt=t - 20, elapsedTime=a - 20)
        det.update(session_id=sid, stats={"loginsCount": logins})
        b["details"] = det
        self.who(b, u, strategy=bool(prompt))
        return self.emit(t, r.app, b, result, row, u.uuid)

    def after_login(self, u: User, r: Rec, role: str, t: int, sid: str) -> None:
        """What a client does right after a sign-in: the mobile app exchanges its code."""
        if role != "mobile":
            return
        t += self.rnd(200, 1500)
        b = self.head(t, "seacft", "Authorization Code for Access Token", role, None, r.ip,
                      self.ua(r))
        b["details"] = {"code": "*" * 39 + _h(sid)[:4]}
        b.update(audience="https://api.acme.example/", scope="openid profile email offline_access")
        self.who(b, u, strategy=False)
        self.emit(t, r.app, b, excluded("not_an_insights_event"), "3.3:21", u.uuid)

    def sso_hop(self, ep: Episode, u: User, sid: str) -> str | None:
        hop = ep.find("sso_signin")
        if hop is None:
            return None
        role = ROLE[hop.client_id]
        self.s(hop.t, hop, u, role, sid, None, self.logins[u.uuid],
               event("signin.sso", "sso_server"), "3.3:6")
        return role

    def tail(self, ep: Episode, u: User, r: Rec, role: str, sid: str, last_role: str,
             not_before: int) -> None:
        """Records after a web sign-in: a reload (session reuse), silent auth, a logout."""
        if role not in WEB:
            return
        end = ep.end
        if self.chance("a0_session_reuse", 0.1):
            t = max(end, not_before) + self.rnd(30 * SEC, 3 * MIN)
            self.s(t, r, u, last_role, sid, None, self.logins[u.uuid],
                   excluded("session_reuse"), "3.3:5")
        if self.chance("a0_ssa", 0.25):
            for _ in range(self.rnd(1, 2)):
                t = end + self.rnd(1 * MIN, 7 * MIN)
                b = self.head(t, "ssa", "Successful silent authentication", role, None, r.ip,
                              self.ua(r))
                b["details"] = {"prompts": [], "initiatedAt": t - 310, "completedAt": t - 15,
                                "elapsedTime": 295, "session_id": sid}
                self.who(b, u, strategy=False)
                self.emit(t, r.app, b, excluded("token_renewal"), "3.3:11", u.uuid)
        if self.chance("a0_slo", 0.1):
            t = end + self.rnd(8 * MIN, TAIL)
            b = self.head(t, "slo", "User successfully logged out.", role, None, r.ip,
                          self.ua(r))
            b["details"] = {"return_to": RETURN_TO[role], "allowed_logout_url": [RETURN_TO[role]],
                            "session_id": sid}
            self.who(b, u, strategy=False)
            self.emit(t, r.app, b, excluded("not_an_insights_event"), "3.3:21", u.uuid)

    def failure(self, r: Rec, u: User | None, typ: str, desc: str, role: str) -> None:
        b = self.head(r.t, typ, desc, role, u, r.ip, self.ua(r))
        b["details"] = {"error": {"message": desc}}
        if u is None:
            b.update(user_id="", user_name=person(_h("unknown", str(r.t)))[2],
                     strategy="auth0", strategy_type="database")
        else:
            self.who(b, u)
        self.emit(r.t, r.app, b, excluded("failed_signin"), "3.3:17", u.uuid if u else "")

    def verification(self, v: Rec, u: User, role: str) -> None:
        if self.chance("a0_fv", 0.1):
            b = self.head(v.t, "fv", "Verification link has expired", role, u, v.ip,
                          self.ua(v))
        else:
            b = self.head(v.t, "sv", "Email verified", role, u, v.ip, self.ua(v))
        b["details"] = {"email": person(u.uuid)[2]}
        self.who(b, u)
        self.emit(v.t, v.app, b, excluded("email_verification"), "3.3:19", u.uuid)

    # episodes
    def ep_register(self, ep: Episode) -> None:
        u = ep.user
        reg = ep.find("legacy_traditional_registration", "legacy_social_registration")
        made = ep.find("entityCreated")
        role = ROLE[reg.client_id]
        sid = auth0_session(reg.sso or reg.user + str(reg.t))
        email = person(u.uuid)[2]
        if u.cred == "social":  # no `ss`: the first social `s` is the registration (row 7)
            self.logins[u.uuid] = 1
            self.s(reg.t, reg, u, role, sid, "federated-authenticate", 1,
                   event("signin.social_register", "registration_ui", "registration",
                         provider=u.provider), "3.3:7")
            self.after_login(u, reg, role, made.t, sid)
        else:
            if self.chance("a0_fs", 0.03):  # a password refused first
                t = reg.t - self.rnd(15 * SEC, 90 * SEC)
                b = self.head(t, "fs", "Password is too weak", role, u, reg.ip, self.ua(reg))
                b["details"] = {"body": {"email": email, "connection": DB_CONN}}
                b.update(user_id="", user_name=email, strategy="auth0", strategy_type="database")
                self.emit(t, reg.app, b, excluded("failed_operation"), "3.3:18", u.uuid)
            native = role == "mobile" and self.chance("a0_native_signup", 0.25)
            b = self.head(reg.t, "ss", "Successful signup", role, u, reg.ip, self.ua(reg))
            b["details"] = {"body": {"tenant": A0_TENANT[reg.app][0] or "founding-example",
                                     "client_id": self.client(role)[0], "connection": DB_CONN,
                                     "email": email, "password": "*****"}}
            self.who(b, u)
            # with an own sign-in the sign-up was Universal Login's, else the Authentication API's
            self.emit(reg.t, reg.app, b,
                      event("signin.traditional_register",
                            "oauth_api" if native else "registration_ui", "registration"),
                      "3.3:3", u.uuid)
            self.logins[u.uuid] = 1
            if native:  # the app then signs in with the password grant: no `s`
                b = self.head(made.t, "sepft", "Password for Access Token", role, u, reg.ip,
                              self.ua(reg))
                b["details"] = {"actions": {"executions": []}}
                b.update(audience="https://api.acme.example/",
                         scope="openid profile offline_access")
                self.who(b, u)
                self.emit(made.t, reg.app, b, excluded("not_an_insights_event"), "3.3:21",
                          u.uuid)
            else:
                self.s(made.t, reg, u, role, sid, "prompt-signup-password", 1,
                       excluded("registration_sign_in"), "3.3:4")
                self.after_login(u, reg, role, made.t, sid)
        v = ep.find("new_email_verification")
        if v:
            self.verification(v, u, role)
        last = self.sso_hop(ep, u, sid) or role
        self.tail(ep, u, reg, role, sid, last, reg.t + W)

    def ep_signin(self, ep: Episode) -> None:
        u = ep.user
        r = ep.find("legacy_traditional_signin", "legacy_social_signin")
        role = ROLE[r.client_id]
        sid = auth0_session(r.sso or r.user + str(r.t))
        f = ep.find("authenticationFailedKnownUser")
        if f:
            self.failure(f, u, "fp", "Wrong email or password.", ROLE[f.client_id])
        n = self.count_login(u)
        if u.cred == "social":
            if n == 1:  # a migrated social user's first Auth0 sign-in: Auth0 creates them
                res, row = event("signin.social_register", "registration_ui", "registration",
                                 provider=u.provider), "3.3:7"
            else:
                res, row = event("signin.social", "registration_ui",
                                 provider=u.provider), "3.3:8"
            self.s(r.t, r, u, role, sid, "federated-authenticate", n, res, row)
        else:
            self.s(r.t, r, u, role, sid, "prompt-authenticate", n,
                   event("signin.traditional", "registration_ui"), "3.3:9")
        self.after_login(u, r, role, r.t + 1, sid)
        last = self.sso_hop(ep, u, sid) or role
        self.tail(ep, u, r, role, sid, last, r.t)

    def sapi(self, t: int, app: str, caller: str, method: str, path: str, desc: str,
             status: int, body: dict | None = None, response: dict | None = None,
             typ: str = "sapi") -> dict:
        """A Management API call by the back end (M2M), the Dashboard or a user's own token."""
        dash = caller == "console"
        role = "console" if dash else caller
        cid, cname = self.client(role)
        b = {"date": iso(t), "type": typ, "description": desc, "client_id": cid,
             "client_name": "" if dash else cname,
             "ip": ADMIN_IP if dash else BACKEND_IP, "user_agent": ADMIN_UA if dash else M2M_UA}
        auth = ({"user": {"user_id": ADMIN[0], "name": ADMIN[1], "email": ADMIN[2]},
                 "strategy": "jwt", "credentials": {"jti": _h(str(t), path)[:32]}} if dash else
                {"user": {}, "strategy": "jwt",
                 "credentials": {"jti": _h(str(t), path)[:32], "scopes": ["update:users"]}})
        req = {"method": method.lower() if dash else method.upper(), "path": path, "query": {},
               "userAgent": b["user_agent"]}
        if body is not None:
            req["body"] = body
        req.update(channel="https://manage.auth0.com/" if dash else "api", ip=b["ip"],
                   auth=auth)
        resp = {"statusCode": status}
        if response is not None:
            resp["body"] = response
        b["details"] = {"request": req, "response": resp}
        if dash:
            b["user_id"] = ADMIN[0]
        return b

    @staticmethod
    def path(u: User) -> str:
        return "/api/v2/users/" + quote(auth0_user_id(u), safe="")

    def ep_create(self, ep: Episode) -> None:
        u, r = ep.user, ep.recs[0]
        via = "console" if r.endpoint == "" else "backend"
        given, family, email = person(u.uuid)
        uid = self.uid(u)
        if via == "console":
            self.nth["console_create"] += 1
            if self.nth["console_create"] % 4 == 2:  # the Dashboard's `ss` without its `sapi`
                b = self.head(r.t, "ss", "Successful signup", "console", u, ADMIN_IP, "unknown")
                b["details"] = {"body": {"email": email, "connection": DB_CONN}}
                self.who(b, u)
                self.emit(r.t, r.app, b, event("entity_create", "console", "console"), "3.3:1a",
                          u.uuid)
                return
        elif self.chance("a0_fapi", 0.1):  # rate-limited first, retried
            t = r.t - self.rnd(5 * SEC, 40 * SEC)
            b = self.sapi(t, r.app, via, "POST", "/api/v2/users", "Too Many Requests", 429,
                          {"email": email, "connection": DB_CONN, "password": "*****"},
                          {"statusCode": 429, "error": "Too Many Requests"}, typ="fapi")
            self.emit(t, r.app, b, excluded("failed_operation"), "3.3:18", u.uuid)
        b = self.sapi(r.t, r.app, via, "POST", "/api/v2/users", "Create a User", 201,
                      {"email": email, "connection": DB_CONN, "password": "*****",
                       "given_name": given, "family_name": family},
                      {"user_id": uid, "email": email, "created_at": iso(r.t)})
        dash = via == "console"
        self.emit(r.t, r.app, b, event("entity_create", "console" if dash else "entity_api",
                                       "console" if dash else "api_only"), "3.2:2", u.uuid)
        t = r.t + self.rnd(150, 1500)  # Auth0 also writes an `ss` for it
        b = self.head(t, "ss", "Successful signup", via, u, ADMIN_IP if dash else BACKEND_IP,
                      "unknown" if dash else M2M_UA)
        b["details"] = {"body": {"email": email, "connection": DB_CONN, "password": "*****"}}
        self.who(b, u)
        self.emit(t, r.app, b, excluded("api_create_echo"), "3.3:1", u.uuid)

    def ep_bulk(self, app: str, batch: str, recs: list[Rec]) -> None:
        importer = ROLE[recs[0].client_id]
        job = "job_" + _b62(_h(batch, app), 16)
        t = recs[0].t - self.rnd(20 * SEC, 60 * SEC)
        b = self.sapi(t, app, importer, "POST", "/api/v2/jobs/users-imports",
                      "Create import users job", 201,
                      {"connection_id": connection_id(DB_CONN), "upsert": False,
                       "external_id": batch, "send_completion_email": False},
                      {"status": "pending", "type": "users_import", "created_at": iso(t),
                       "id": job, "connection_id": connection_id(DB_CONN), "external_id": batch})
        self.emit(t, app, b, excluded("bulk_job"), "3.2:3")
        t = recs[-1].t + self.rnd(2 * SEC, 20 * SEC)
        cid, cname = self.client(importer)
        b = {"date": iso(t), "type": "sui", "description": "Successfully imported users",
             "connection": DB_CONN, "connection_id": connection_id(DB_CONN), "client_id": cid,
             "client_name": cname, "ip": "", "user_agent": "",
             "details": {"jobId": job, "summary": {"failed": 0, "updated": 0,
                                                   "inserted": len(recs), "total": len(recs)}}}
        self.emit(t, app, b, excluded("bulk_job"), "3.3:16")

    def patch(self, r: Rec, u: User, caller: str, body: dict, result: Result) -> None:
        resp = {"user_id": self.uid(u), **body, "updated_at": iso(r.t)}
        b = self.sapi(r.t, r.app, caller, "PATCH", self.path(u), "Update a user", 200, body, resp)
        self.emit(r.t, r.app, b, result, "3.2:4", u.uuid)

    def ep_edit(self, ep: Episode) -> None:
        u, r = ep.user, ep.find("entityUpdated")
        p = person(u.uuid)
        dash = r.endpoint == ""
        changed = r.changed
        if dash and u.cred != "social" and self.chance("a0_console_email", 0):  # an e-mail
            changed = "email"
        body = PATCH_BODY[changed](p)
        if r.endpoint == EP_EDIT:  # the user, on a site
            role = ROLE[r.client_id]
            typ = SELF_SERVICE.get(r.changed)
            if self.self_service and u.cred != "social":  # each of them at least once
                typ = self.self_service.pop(0)
            if typ:
                desc = {"sce": "Change email", "scu": "Change username",
                        "scpn": "Change phone number"}[typ]
                b = self.head(r.t, typ, desc, role, u, r.ip, self.ua(r))
                b["details"] = {"sce": {"email": new_email(p[2])},
                                "scu": {"username": p[0].lower()},
                                "scpn": {"phone_number": "+33612345678"}}[typ]
                self.who(b, u)
                self.emit(r.t, r.app, b, event("entity_update", "entity_api",
                                               update="profile_edit"), "3.3:15", u.uuid)
            else:  # the site's back end writes user_metadata through the Management API
                self.patch(r, u, "backend", body,
                           event("entity_update", "entity_api", update="profile_edit"))
            v = ep.find("new_email_verification")
            if v:
                self.verification(v, u, role)
            return
        self.patch(r, u, "console" if dash else "backend", body,
                   event("entity_update", "console" if dash else "entity_api",
                         update="profile_edit"))
        if "email" in body:  # Auth0 also logs the change as `sce`
            t = r.t + self.rnd(200, 1500)
            role = "console" if dash else "backend"
            b = self.head(t, "sce", "Change email", role, u, ADMIN_IP if dash else BACKEND_IP,
                          "unknown" if dash else M2M_UA)
            b["details"] = {"email": body["email"]}
            self.who(b, u)
            self.emit(t, r.app, b, excluded("duplicate_update"), "3.3:14", u.uuid)

    def ep_deactivation(self, ep: Episode) -> None:
        r = ep.recs[0]
        dash = r.endpoint == ""
        self.patch(r, ep.user, "console" if dash else "backend", {"blocked": True},
                   event("entity_update", "console" if dash else "entity_api",
                         update="deactivation"))

    def ep_reactivation(self, ep: Episode) -> None:
        r = ep.recs[0]
        dash = r.endpoint == ""
        self.patch(r, ep.user, "console" if dash else "backend", {"blocked": False},
                   event("entity_update", "console" if dash else "entity_api",
                         update="reactivation"))

    def ep_replace(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        g, f, e = person(u.uuid)
        self.patch(r, u, "backend", {"given_name": g, "family_name": f,
                                     "user_metadata": {"address": {"city": "Porto",
                                                                   "country": "PT"}}},
                   event("entity_update", "entity_api", update="profile_edit"))

    def ep_unlink(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        strategy = A0_STRATEGY.get(u.provider, u.provider)
        other = str(int(_h("linked", u.uuid), 16))[:17]
        path = f"{self.path(u)}/identities/{strategy}/{other}"
        b = self.sapi(r.t, r.app, "backend", "DELETE", path, "Unlink a User Account", 200, None,
                      [{"provider": strategy, "user_id": auth0_user_id(u).split("|", 1)[1]}])
        self.emit(r.t, r.app, b, excluded("not_an_insights_event"), "3.2:6", u.uuid)

    def ep_delete(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        dash = r.endpoint == ""
        b = self.sapi(r.t, r.app, "console" if dash else "backend", "DELETE", self.path(u),
                      "Delete a user", 204)
        self.emit(r.t, r.app, b, excluded("duplicate_delete"), "3.2:5", u.uuid)
        t = r.t + self.rnd(100, 1500)
        role = "console" if dash else "backend"
        b = self.head(t, "sdu", "User was deleted", role, u, ADMIN_IP if dash else BACKEND_IP,
                      "unknown" if dash else M2M_UA)
        b["details"] = {}
        self.who(b, u)
        self.emit(t, r.app, b, event("entity_delete", "console" if dash else "entity_api"),
                  "3.3:13", u.uuid)

    def ep_recover(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        role = ROLE[r.client_id]
        b = self.head(r.t, "scpr", "Change password request", role, u, r.ip, self.ua(r))
        b["details"] = {"email": person(u.uuid)[2]}
        self.who(b, u)
        self.emit(r.t, r.app, b, excluded("password_recover"), "3.3:20", u.uuid)
        if self.chance("a0_scp", 0.5):  # the user sets the new password (< W + the next gap)
            t = r.t + self.rnd(1 * MIN, 4 * MIN)
            b = self.head(t, "scp", "Change password", role, u, r.ip, self.ua(r))
            b["details"] = {"description": "Password changed through the reset link"}
            self.who(b, u)
            self.emit(t, r.app, b, event("entity_update", "entity_api", update="profile_edit"),
                      "3.3:15", u.uuid)

    def ep_failed(self, ep: Episode) -> None:
        r = ep.recs[0]
        if r.failure == "accountDeactivated":
            self.failure(r, ep.user, "f", "user is blocked", ROLE[r.client_id])
        else:
            self.failure(r, ep.user, "fp", "Wrong email or password.", ROLE[r.client_id])

    def ep_unknown_failure(self, ep: Episode) -> None:
        r = ep.recs[0]
        self.failure(r, None, "fu", "Wrong email or password.", ROLE[r.client_id])

    # bad and awkward input
    def add_bad_input(self) -> None:
        rng = self.rng
        main = [v for v in self.recs if v.body.get("tenant_name")]
        logins = [v for v in main if v.row == "3.3:9"]
        base = rng.sample(logins, 7)
        later = lambda: self.rnd(2 * SEC, 5 * MIN)  # noqa: E731
        v = self.bad(base[0], "missing_log_id", log_id=None)
        self.text_line(v.ingested + later(), "[]", "missing_log_id")  # an empty JSON array
        self.relabel(self.bad(base[1], "unparseable_logged_at",
                              date=iso(base[1].t)[:19].replace("T", " ")))
        self.relabel(self.bad(base[2], "unknown_event_name", type=""))
        v = self.relabel(self.bad(base[3], "logged_after_ingested"))
        v.ingested = v.t - 2 * HOUR
        self.relabel(self.bad(base[4], "missing_user_uuid", user_id=""))
        # a conflict: the record's id again, another user agent, ingested later
        orig = base[5]
        body = json.loads(json.dumps(orig.body))
        body["user_agent"] += " (replayed)"
        v = VRec(orig.t, body, rejected("log_id_conflict"), "2.6", user=orig.user)
        v.ingested = orig.ingested + self.rnd(HOUR, 6 * HOUR)
        self.recs.append(v)
        self.redeliver(4)
        twin = next(v for v in base[6:] + logins if not v.wrap)  # flat, then wrapped, later
        self.copies.append((twin, twin.ingested + self.rnd(MIN, HOUR), True))

    def relabel(self, v: VRec) -> VRec:
        """A rejected copy is another record: a log_id of its own."""
        self.seq += 1
        v.body["log_id"] = f"9009{v.body['log_id'][4:32]}{self.seq:06d}"
        return v

    def text_line(self, ingested: int, text: str, reason: str) -> None:
        v = VRec(ingested, None, rejected(reason), "2.6", ingested=ingested, text=text)
        self.recs.append(v)


# --- Keycloak -------------------------------------------------------------------------------

KC_REALM = {MAIN_APP: "acme", FOUNDING_APP: "founding-example"}
KC_CLIENT = {"siteA": "acme-site-a", "siteB": "acme-site-b", "mobile": "acme-mobile-app",
             "backend": "acme-provisioner", "importer": "acme-importer",
             "console": "security-admin-console", "foundingsite": "founding-site",
             "foundingimporter": "founding-importer"}
KC_REDIRECT = {"siteA": "https://www.acme-a.example/oidc/callback",
               "siteB": "https://shop.acme-b.example/oidc/callback",
               "mobile": "com.acme.app:/oauth2redirect",
               "foundingsite": "https://founding.example/oidc/callback"}
ACCOUNT = "account-console"


class KeycloakLog(VendorLog):
    SOURCE = "keycloak"

    def __init__(self, g: Generator, seed: int, migrated: bool = False):
        super().__init__(g, seed, migrated)
        self.admins = [self.uuid() for _ in range(2)]
        self.service = {role: self.uuid() for role in ("backend", "importer", "foundingimporter")}
        self.deletes = 0

    def emit(self, body: dict, result: Result, row: str, user: str = "", app: str = MAIN_APP,
             pending: tuple | None = None) -> VRec:
        # the founding example's realm runs an older server that writes no event id; a few
        # records of the main realm lost theirs on the way (the project hashes the content)
        if app == FOUNDING_APP or self.chance("kc_no_id", 0.03):
            body.pop("id")
        v = VRec(body["time"], body, result, row, user=user, pending=pending)
        v.ingested = v.t + self.delay()
        self.recs.append(v)
        return v

    def user_event(self, t: int, typ: str, app: str, role: str, user: str | None = None,
                   session: str | None = None, ip: str = "", details: dict | None = None,
                   error: str | None = None) -> dict:
        b = {"id": self.uuid(), "time": t, "type": typ, "realmId": KC_REALM[app],
             "clientId": KC_CLIENT.get(role, role)}
        if user:
            b["userId"] = user
        if session:
            b["sessionId"] = session
        if ip:
            b["ipAddress"] = ip
        if error:
            b["error"] = error
        if details:
            b["details"] = details
        return b

    def admin_event(self, t: int, app: str, role: str, op: str, rtype: str, path: str,
                    rep: dict | None = None, error: str | None = None) -> dict:
        realm = KC_REALM[app]
        if role == "console":
            auth = {"realmId": "master", "clientId": "security-admin-console",
                    "userId": self.admins[t % 2], "ipAddress": ADMIN_IP}
        else:
            auth = {"realmId": realm, "clientId": KC_CLIENT[role],
                    "userId": self.service[role if role in self.service else "backend"],
                    "ipAddress": BACKEND_IP}
        b = {"id": self.uuid(), "time": t, "realmId": realm, "authDetails": auth,
             "operationType": op, "resourceType": rtype, "resourcePath": path}
        if rep is not None:
            b["representation"] = compact(rep)
        if error:
            b["error"] = error
        return b

    @staticmethod
    def rep(u: User, t: int, enabled: bool = True, **extra) -> dict:
        given, family, email = person(u.uuid)
        return {"id": u.uuid, "createdTimestamp": u.created or t - 400 * 86_400_000,
                "username": email, "enabled": enabled, "emailVerified": True,
                "firstName": given, "lastName": family, "email": email, **extra}

    def code_details(self, u: User, role: str, sid: str, **extra) -> dict:
        d = {"auth_method": "openid-connect", "auth_type": "code",
             "redirect_uri": KC_REDIRECT[role], "consent": "no_consent_required",
             "code_id": sid, "username": person(u.uuid)[2]}
        d.update(extra)
        return d

    def idp(self, u: User) -> dict:
        return {"identity_provider": KC_IDP.get(u.provider, u.provider),
                "identity_provider_identity": person(u.uuid)[2]}

    def code_to_token(self, t: int, app: str, u: User, role: str, sid: str, ip: str) -> None:
        d = {"token_id": self.uuid(), "grant_type": "authorization_code",
             "refresh_token_type": "Refresh", "scope": "openid profile email",
             "refresh_token_id": self.uuid(), "code_id": sid, "client_auth_method": "client-secret"}
        self.emit(self.user_event(t + self.rnd(50, 900), "CODE_TO_TOKEN", app, role, u.uuid,
                                  sid, ip, d),
                  excluded("not_an_insights_event"), "4.3:15", u.uuid, app)

    def login(self, t: int, r: Rec, u: User, role: str, sid: str, result: Result, row: str,
              social: bool, direct: bool = False) -> None:
        if direct:  # the mobile app's direct grant (resource owner password)
            d = {"auth_method": "openid-connect", "grant_type": "password",
                 "client_auth_method": "client-secret", "username": person(u.uuid)[2]}
        else:
            d = self.code_details(u, role, sid, **(self.idp(u) if social else {}))
        self.emit(self.user_event(t, "LOGIN", r.app, role, u.uuid, sid, r.ip, d), result, row,
                  u.uuid, r.app)
        if not direct:
            self.code_to_token(t, r.app, u, role, sid, r.ip)

    def sso_hop(self, ep: Episode, u: User, sid: str) -> str | None:
        hop = ep.find("sso_signin")
        if hop is None:
            return None
        role = ROLE[hop.client_id]
        self.login(hop.t, hop, u, role, sid, event("signin.sso", "sso_server"), "4.3:10",
                   social=False)
        return role

    def tail(self, ep: Episode, u: User, r: Rec, role: str, sid: str, last: str,
             not_before: int) -> None:
        end = ep.end
        if role in WEB and self.chance("kc_session_reuse", 0.1):  # a page reload
            t = max(end, not_before) + self.rnd(30 * SEC, 3 * MIN)
            self.login(t, r, u, last, sid, excluded("session_reuse"), "4.3:9", social=False)
        if self.chance("kc_refresh", 0.3):
            t = end + self.rnd(1 * MIN, 7 * MIN)
            d = {"token_id": self.uuid(), "grant_type": "refresh_token",
                 "refresh_token_type": "Refresh", "scope": "openid profile email",
                 "updated_refresh_token_id": self.uuid(), "client_auth_method": "client-secret"}
            self.emit(self.user_event(t, "REFRESH_TOKEN", r.app, role, u.uuid, sid, r.ip, d),
                      excluded("not_an_insights_event"), "4.3:15", u.uuid, r.app)
        if self.chance("kc_otp", 0.02):  # a second factor set up: not a password
            t = end + self.rnd(1 * MIN, 7 * MIN)
            d = {"custom_required_action": "CONFIGURE_TOTP", "credential_type": "otp"}
            self.emit(self.user_event(t, "UPDATE_CREDENTIAL", r.app, ACCOUNT, u.uuid, sid,
                                      r.ip, d),
                      excluded("not_an_insights_event"), "4.3:15", u.uuid, r.app)
        if self.chance("kc_logout", 0.1):
            t = end + self.rnd(8 * MIN, TAIL)
            d = {"redirect_uri": KC_REDIRECT[role]}
            self.emit(self.user_event(t, "LOGOUT", r.app, role, u.uuid, sid, r.ip, d),
                      excluded("not_an_insights_event"), "4.3:15", u.uuid, r.app)

    def verification(self, v: Rec, u: User, role: str, sid: str | None) -> None:
        email = person(u.uuid)[2]
        d = {"auth_method": "openid-connect", "email": email}
        if role in KC_REDIRECT:
            d["redirect_uri"] = KC_REDIRECT[role]
        self.emit(self.user_event(v.t, "SEND_VERIFY_EMAIL", v.app, role, u.uuid, sid, v.ip, d),
                  excluded("email_verification"), "4.3:2", u.uuid, v.app)
        if self.chance("kc_verify", 0.7):
            t = v.t + self.rnd(30 * SEC, 4 * MIN)
            self.emit(self.user_event(t, "VERIFY_EMAIL", v.app, ACCOUNT, u.uuid, None, v.ip,
                                      {"email": email, "action": "verify-email"}),
                      excluded("email_verification"), "4.3:2", u.uuid, v.app)

    # episodes
    def ep_register(self, ep: Episode) -> None:
        u = ep.user
        reg = ep.find("legacy_traditional_registration", "legacy_social_registration")
        made = ep.find("entityCreated")
        role = ROLE[reg.client_id]
        sid = reg.sso or self.uuid()
        given, family, email = person(u.uuid)
        social = u.cred == "social"
        if social:
            # a broker registration happens before the session exists, often without one
            reg_sid = None if self.chance("kc_broker_no_session", 0.5) else sid
            d = self.code_details(u, role, sid, register_method="broker", **self.idp(u))
            res = event("signin.social_register", "registration_ui", "registration",
                        provider=u.provider)
            row = "4.3:6"
        else:
            if self.chance("kc_register_error", 0.03):  # the address is taken: tried again
                t = reg.t - self.rnd(20 * SEC, 2 * MIN)
                d = self.code_details(u, role, sid, register_method="form",
                                      email=person(_h("taken", u.uuid))[2])
                self.emit(self.user_event(t, "REGISTER_ERROR", reg.app, role, None, None, reg.ip,
                                          d, "email_in_use"),
                          excluded("failed_operation"), "4.3:5", u.uuid, reg.app)
            reg_sid = sid
            d = self.code_details(u, role, sid, register_method="form", first_name=given,
                                  last_name=family, email=email)
            res, row = event("signin.traditional_register", "registration_ui",
                             "registration"), "4.3:7"
        self.emit(self.user_event(reg.t, "REGISTER", reg.app, role, u.uuid, reg_sid, reg.ip, d),
                  res, row, u.uuid, reg.app)
        self.login(made.t, reg, u, role, sid, excluded("registration_sign_in"), "4.3:8", social)
        v = ep.find("new_email_verification")
        if v:
            self.verification(v, u, role, sid)
        last = self.sso_hop(ep, u, sid) or role
        self.tail(ep, u, reg, role, sid, last, reg.t + W)

    def ep_signin(self, ep: Episode) -> None:
        u = ep.user
        r = ep.find("legacy_traditional_signin", "legacy_social_signin")
        role = ROLE[r.client_id]
        sid = r.sso or self.uuid()
        social = u.cred == "social"
        f = ep.find("authenticationFailedKnownUser")
        if f:
            self.failed_login(f, u, "invalid_user_credentials", sid)
        if social and self.chance("kc_idp_error", 0.02):  # the provider sign-in cancelled
            t = r.t - self.rnd(10 * SEC, 60 * SEC)
            self.emit(self.user_event(t, "IDENTITY_PROVIDER_LOGIN_ERROR", r.app, role, None,
                                      None, r.ip,
                                      {"identity_provider": KC_IDP.get(u.provider, u.provider),
                                       "redirect_uri": KC_REDIRECT[role]}, "rejected_by_user"),
                      excluded("failed_signin"), "4.3:4", u.uuid, r.app)
        direct = role == "mobile" and not social and self.chance("kc_direct_grant", 0.5)
        if social:
            res, row = event("signin.social", "registration_ui", provider=u.provider), "4.3:11"
        else:
            res, row = event("signin.traditional",
                             "oauth_api" if direct else "registration_ui"), "4.3:12"
        self.login(r.t, r, u, role, sid, res, row, social, direct)
        last = self.sso_hop(ep, u, sid) or role
        self.tail(ep, u, r, role, sid, last, r.t)

    def failed_login(self, r: Rec, u: User | None, error: str, sid: str | None = None) -> None:
        role = ROLE[r.client_id]
        d = {"auth_method": "openid-connect", "auth_type": "code",
             "redirect_uri": KC_REDIRECT[role], "code_id": sid or self.uuid(),
             "username": person(u.uuid if u else _h("unknown", str(r.t)))[2]}
        self.emit(self.user_event(r.t, "LOGIN_ERROR", r.app, role, u.uuid if u else None, None,
                                  r.ip, d, error),
                  excluded("failed_signin"), "4.3:4", u.uuid if u else "", r.app)

    def ep_failed(self, ep: Episode) -> None:
        r = ep.recs[0]
        self.failed_login(r, ep.user, "user_disabled" if r.failure == "accountDeactivated"
                          else "invalid_user_credentials")

    def ep_unknown_failure(self, ep: Episode) -> None:
        self.failed_login(ep.recs[0], None, "user_not_found")

    def console_login(self, t: int, app: str) -> None:
        """An administrator signs in to the admin console (row 1: not the realm's users)."""
        if self.chance("kc_admin_login", 0.3):
            admin = self.admins[t % 2]
            b = {"id": self.uuid(), "time": t - self.rnd(1 * MIN, 4 * MIN), "type": "LOGIN",
                 "realmId": "master", "clientId": "security-admin-console", "userId": admin,
                 "sessionId": self.uuid(), "ipAddress": ADMIN_IP,
                 "details": {"auth_method": "openid-connect", "auth_type": "code",
                             "redirect_uri": "https://sso.acme.example/admin/master/console/",
                             "consent": "no_consent_required", "username": "dana.admin"}}
            self.emit(b, excluded("not_an_insights_event"), "4.3:1", "", app)

    def ep_create(self, ep: Episode) -> None:
        u, r = ep.user, ep.recs[0]
        dash = r.endpoint == ""
        if dash:
            self.console_login(r.t, r.app)
        b = self.admin_event(r.t, r.app, "console" if dash else "backend", "CREATE", "USER",
                             f"users/{u.uuid}", self.rep(u, r.t))
        self.emit(b, event("entity_create", "console" if dash else "entity_api",
                           "console" if dash else "api_only"), "4.2:3", u.uuid, r.app)

    def ep_bulk(self, app: str, batch: str, recs: list[Rec]) -> None:
        """A partial import: one REALM CREATE per user, and the batch's group."""
        role = ROLE[recs[0].client_id]
        users = {u.uuid: u for u in self.g.users}
        if self.chance("kc_import_group", 0.5):
            t = recs[0].t - self.rnd(1 * SEC, 5 * SEC)
            b = self.admin_event(t, app, role, "CREATE", "REALM", f"groups/{self.uuid()}",
                                 {"name": batch, "path": f"/{batch}"})
            self.emit(b, excluded("not_an_insights_event"), "4.2:8", "", app)
        for r in recs:
            u = users[r.user]
            b = self.admin_event(r.t, app, role, "CREATE", "REALM", f"users/{u.uuid}",
                                 self.rep(u, r.t, groups=[f"/{batch}"]))
            self.emit(b, event("entity_create", "entity_api", "bulk_import"), "4.2:2", u.uuid,
                      app)

    def admin_update(self, r: Rec, u: User, rep: dict, intended: str) -> None:
        dash = r.endpoint == ""
        b = self.admin_event(r.t, r.app, "console" if dash else "backend", "UPDATE", "USER",
                             f"users/{u.uuid}", rep)
        self.emit(b, excluded("pending"), "4.2:?", u.uuid, r.app,
                  pending=(u.uuid, rep.get("enabled"), "console" if dash else "entity_api",
                           intended))

    def ep_edit(self, ep: Episode) -> None:
        u, r = ep.user, ep.find("entityUpdated")
        given, family, email = person(u.uuid)
        if r.endpoint == EP_EDIT:  # the user, in the account console or the site
            role = ROLE[r.client_id]
            client = ACCOUNT if self.rng.random() < 0.7 else role
            if r.changed == "email" or self.chance("kc_update_email", 0):
                typ, d = "UPDATE_EMAIL", {"context": "ACCOUNT", "previous_email": email,
                                          "updated_email": new_email(email)}
            else:
                typ, d = "UPDATE_PROFILE", {"context": "ACCOUNT",
                                            "updated_first_name": given,
                                            "previous_first_name": given[0]}
            self.emit(self.user_event(r.t, typ, r.app, client, u.uuid, self.uuid(), r.ip, d),
                      event("entity_update", "registration_ui", update="profile_edit"),
                      "4.3:13", u.uuid, r.app)
            v = ep.find("new_email_verification")
            if v:
                self.verification(v, u, role, None)
            return
        dash = r.endpoint == ""
        if dash:
            self.console_login(r.t, r.app)
        elif self.chance("kc_admin_error", 0.05):  # refused first, then corrected
            t = r.t - self.rnd(5 * SEC, 60 * SEC)
            b = self.admin_event(t, r.app, "backend", "UPDATE", "USER", f"users/{u.uuid}",
                                 self.rep(u, t, email="not-an-email"), error="invalid_email")
            self.emit(b, excluded("failed_operation"), "4.2:1", u.uuid, r.app)
        self.admin_update(r, u, self.rep(u, r.t, attributes={"edited": [r.changed]}),
                          "profile_edit")
        if dash and self.chance("kc_role_mapping", 0.3):
            t = r.t + self.rnd(2 * SEC, 40 * SEC)
            b = self.admin_event(t, r.app, "console", "CREATE", "REALM_ROLE_MAPPING",
                                 f"users/{u.uuid}/role-mappings/realm",
                                 [{"id": _h("role")[:8], "name": "loyalty-member"}])
            self.emit(b, excluded("not_an_insights_event"), "4.2:8", u.uuid, r.app)

    def ep_deactivation(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        self.admin_update(r, u, self.rep(u, r.t, enabled=False), "deactivation")

    def ep_reactivation(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        self.admin_update(r, u, self.rep(u, r.t, enabled=True), "reactivation")

    def ep_replace(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        self.admin_update(r, u, self.rep(u, r.t, attributes={"city": ["Porto"]}),
                          "profile_edit")

    def ep_unlink(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        d = {"identity_provider": KC_IDP.get(u.provider, u.provider),
             "identity_provider_identity": person(u.uuid)[2]}
        self.emit(self.user_event(r.t, "REMOVE_FEDERATED_IDENTITY", r.app, ACCOUNT, u.uuid,
                                  self.uuid(), r.ip, d),
                  event("entity_update", "registration_ui", update="profile_edit"), "4.3:13",
                  u.uuid, r.app)

    def ep_delete(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        if r.endpoint == "":
            self.console_login(r.t, r.app)
            b = self.admin_event(r.t, r.app, "console", "DELETE", "USER", f"users/{u.uuid}")
            self.emit(b, event("entity_delete", "console"), "4.2:7", u.uuid, r.app)
            return
        self.deletes += 1
        if self.deletes % 2:  # the user closes the account in the account console
            self.emit(self.user_event(r.t, "DELETE_ACCOUNT", r.app, ACCOUNT, u.uuid, self.uuid(),
                                      u.ip, {"context": "ACCOUNT"}),
                      event("entity_delete", "registration_ui"), "4.3:14", u.uuid, r.app)
        else:
            b = self.admin_event(r.t, r.app, "backend", "DELETE", "USER", f"users/{u.uuid}")
            self.emit(b, event("entity_delete", "entity_api"), "4.2:7", u.uuid, r.app)

    def ep_recover(self, ep: Episode) -> None:
        r, u = ep.recs[0], ep.user
        role = ROLE[r.client_id]
        email = person(u.uuid)[2]
        d = {"auth_method": "openid-connect", "redirect_uri": KC_REDIRECT[role],
             "username": email, "email": email}
        self.emit(self.user_event(r.t, "SEND_RESET_PASSWORD", r.app, role, u.uuid, None, r.ip,
                                  d),
                  excluded("password_recover"), "4.3:3", u.uuid, r.app)
        if self.chance("kc_reset_done", 0.5):  # the link used, a new password set
            t = r.t + self.rnd(1 * MIN, 3 * MIN)
            sid = self.uuid()
            self.emit(self.user_event(t, "RESET_PASSWORD", r.app, role, u.uuid, sid, r.ip,
                                      {"auth_method": "openid-connect", "username": email}),
                      excluded("password_recover"), "4.3:3", u.uuid, r.app)
            self.nth["password_set"] += 1
            t += self.rnd(2 * SEC, 30 * SEC)
            if self.nth["password_set"] % 2:  # older releases
                typ, d = "UPDATE_PASSWORD", {"auth_method": "openid-connect"}
            else:  # recent releases
                typ, d = "UPDATE_CREDENTIAL", {"auth_method": "openid-connect",
                                               "credential_type": "password"}
            self.emit(self.user_event(t, typ, r.app, role, u.uuid, sid, r.ip, d),
                      event("entity_update", "registration_ui", update="profile_edit"),
                      "4.3:13", u.uuid, r.app)

    def settle(self) -> None:
        """Admin UPDATEs: deactivation, reactivation or profile edit, by the user's state."""
        state: dict[str, str] = {}
        admin = [v for v in self.recs if v.body and "operationType" in v.body]
        for v in sorted(admin, key=lambda v: (v.t, v.body.get("id", ""))):
            path = v.body["resourcePath"]
            if v.body.get("error") or path.count("/") != 1 or not path.startswith("users/"):
                continue
            user = path[6:]
            if v.body["operationType"] == "CREATE":
                enabled = json.loads(v.body["representation"]).get("enabled")
                state[user] = "created_disabled" if enabled is False else "enabled"
            if v.pending is None:
                continue
            _, enabled, channel, intended = v.pending
            now = state.get(user, "enabled")
            if enabled is False and now == "enabled":
                reason, row, state[user] = "deactivation", "4.2:4", "deactivated"
            elif enabled is True and now == "deactivated":
                reason, row, state[user] = "reactivation", "4.2:5", "enabled"
            else:
                reason, row = "profile_edit", "4.2:6"
                if enabled is True:
                    state[user] = "enabled"
            # the one place Keycloak differs from Janrain: a user deactivated before the log
            # is *enabled* to it, so their reactivation is a profile edit
            assert reason == intended or (intended, reason) == ("reactivation", "profile_edit")
            v.result, v.row, v.pending = event("entity_update", channel, update=reason), row, None

    # bad and awkward input
    def add_bad_input(self) -> None:
        rng = self.rng
        logins = [v for v in self.recs if v.row == "4.3:12" and "id" in v.body]
        base = rng.sample(logins, 10)
        later = lambda: self.rnd(2 * SEC, 5 * MIN)  # noqa: E731
        self.text_line(base[0].ingested + later(), '["LOGIN"]')
        cut = compact(base[1].body)
        self.text_line(base[1].ingested + later(), cut[:len(cut) // 2])  # a truncated line
        self.bad(base[2], "unparseable_logged_at", time="yesterday", id=self.uuid())
        self.bad(base[3], "unparseable_logged_at", time=-base[3].t, id=self.uuid())
        self.bad(base[4], "unknown_event_name", type="", id=self.uuid())
        admin = next(v for v in self.recs if v.row == "4.2:6" and "id" in v.body)
        self.bad(admin, "unknown_event_name", operationType="PATCH", id=self.uuid())
        v = self.bad(base[5], "logged_after_ingested", id=self.uuid())
        v.ingested = v.t - 3 * HOUR
        self.bad(base[6], "missing_user_uuid", userId=None, id=self.uuid())
        self.bad(base[7], "missing_user_uuid", userId="", id=self.uuid())
        orig = base[8]  # a conflict: the same id, another address, ingested later
        body = dict(orig.body, ipAddress="192.0.2.254" if orig.body.get("ipAddress")
                    != "192.0.2.254" else "192.0.2.253")
        v = VRec(orig.t, body, rejected("log_id_conflict"), "2.6", user=orig.user)
        v.ingested = orig.ingested + self.rnd(HOUR, 6 * HOUR)
        self.recs.append(v)
        self.redeliver(4)
        idless = next(v for v in self.recs if v.body and "id" not in v.body
                      and v.result.kind != "rejected")
        self.copies.append((idless, idless.ingested + self.rnd(MIN, HOUR), False))

    def text_line(self, ingested: int, text: str) -> None:
        self.recs.append(VRec(ingested, None, rejected("missing_log_id"), "2.6",
                              ingested=ingested, text=text))


# --- truth ------------------------------------------------------------------------------------


def truth(log: VendorLog, lines: list[str]) -> dict:
    ev, hour, hod, cre, upd, meth, chan, prov, exc, rej = (Counter() for _ in range(10))
    primary = derived = 0
    for v in log.recs:
        r = v.result
        if r.kind == "excluded":
            exc[r.name] += 1
            continue
        if r.kind == "rejected":
            rej[r.name] += 1
            continue
        primary += 1
        events = [(r.name, r.creation, r.update)]
        if r.derived:
            derived += 1
            events.append(r.derived)
        if r.name.startswith("signin."):  # signin.traditional_register -> traditional
            meth[r.name[7:].split("_")[0]] += 1
        if r.provider:
            prov[r.provider] += 1
        stamp = (EPOCH + timedelta(milliseconds=v.t - v.t % HOUR)).strftime("%Y-%m-%dT%H:00:00")
        for etype, creation, update in events:
            ev[etype] += 1
            chan[r.channel] += 1
            hour[f"{stamp}|{etype}"] += 1
            hod[f"{int(stamp[11:13])}|{etype}"] += 1
            if etype == "entity_create":  # a registration's path is its derived event's
                cre[creation] += 1
            if etype == "entity_update":
                upd[update] += 1
    t = {"source_system": log.SOURCE, "raw_rows": len(lines), "distinct_records": len(log.recs),
         "canonical_events": primary + derived, "primary_events": primary,
         "derived_events": derived, "excluded": sum(exc.values()), "rejected": sum(rej.values())}
    assert t["primary_events"] + t["excluded"] + t["rejected"] == t["distinct_records"], t
    # the lines hold exactly the intended distinct records (ids and contents of section 2.1)
    assert len({record_identity(log.SOURCE, line) for line in lines}) == len(log.recs)
    t.update({k: dict(sorted(v.items())) for k, v in [
        ("event_type", ev), ("creation_path", cre), ("update_reason", upd),
        ("sign_in_method", meth), ("identity_provider", prov), ("channel", chan),
        ("exclusion_reason", exc), ("reject_reason", rej), ("hour_and_type", hour),
        ("hour_of_day_and_type", hod)]})
    return t


# --- building and writing -------------------------------------------------------------------

LOGS = {"auth0": Auth0Log, "keycloak": KeycloakLog}


def simulate(seed: int, start: date, days: int, scale: float) -> Generator:
    g = Generator(seed, start, days, scale)
    g.generate()
    return g


def build(source: str, seed: int = 20260309, start: date = date(2026, 3, 9), days: int = 21,
          scale: float = SCALE) -> tuple[VendorLog, list[str], dict]:
    """The demo log of one platform: (log, lines, truth)."""
    g = simulate(seed, start, days, scale)
    log = LOGS[source](g, seed)
    log.build(episodes(g))
    log.add_bad_input()
    lines = log.lines()
    return log, lines, truth(log, lines)


@dataclass
class Migration:
    cutover: int
    janrain_rows: list[Rec]
    janrain_truth: dict
    auth0: Auth0Log
    auth0_lines: list[str]
    auth0_truth: dict
    janrain_users: dict[str, list[int]] = field(default_factory=dict)


def build_migration(seed: int = 20260309, start: date = date(2026, 3, 9), days: int = 21,
                    scale: float = SCALE, cutover: date | None = None) -> Migration:
    """The tenant on Janrain until the cut-over and on Auth0 from it.

    An episode belongs to the platform it starts on, all its records with it. Users who
    exist at the cut-over were imported into Auth0 then (an import job); they sign in
    there with no registration, their login count starting again at one."""
    g = simulate(seed, start, days, scale)
    cut = to_ms(datetime.combine(cutover or start + timedelta(days=14), datetime.min.time(),
                                 timezone.utc))
    eps = episodes(g)
    before = [e for e in eps if e.start < cut]
    after = [e for e in eps if e.start >= cut]
    # Janrain: its bad input too, on the side of the record it copies or by its time
    g.add_bad_input()
    rows = g.rows()
    side = {id(r): True for e in before for r in e.recs}
    good_ids = {r.log_id: id(r) in side for e in eps for r in e.recs}
    keep = lambda r: good_ids.get(r.log_id, r.t < cut) if r.log_id else r.t < cut  # noqa: E731
    jrows = [r for r in rows if keep(r)]
    part = Generator.__new__(Generator)
    part.good = [r for r in g.good if id(r) in side]
    part.bad = [r for r in g.bad if keep(r)]
    jtruth = janrain.truth(part, jrows)
    # Auth0: the import of everyone who exists at the cut-over, then the episodes after it
    log = Auth0Log(g, seed, migrated=True)
    existing = [u for u in g.users if u.app == MAIN_APP and any(e.user is u for e in after)
                and not (u.created and u.created >= cut)]
    t = cut + log.rnd(1 * MIN, 5 * MIN)
    proxy = [Rec(t + i, "entityCreated", MAIN_APP, CLIENT["importer"], EP_BULK, u.uuid)
             for i, u in enumerate(existing)]
    log.ep_bulk(MAIN_APP, "janrain-migration", proxy)
    log.build(after)
    log.add_bad_input()
    lines = log.lines()
    m = Migration(cut, jrows, jtruth, log, lines, truth(log, lines))
    for e in before:
        for r in e.recs:
            if r.user:
                m.janrain_users.setdefault(r.user, []).append(r.t)
    return m


def write_seed(lines: list[str], out: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["line_number", "raw_record"])
        w.writerows((i, line) for i, line in enumerate(lines, 1))


def write_jsonl(lines: list[str], out: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)


def write_truth(t: dict, out: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(t, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def summary(path: str, t: dict) -> str:
    return (f"{path}: {t['raw_rows']} lines, {t['distinct_records']} distinct, "
            f"{t['canonical_events']} events ({t['primary_events']} primary, "
            f"{t['derived_events']} derived), {t['excluded']} excluded, {t['rejected']} rejected")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Write the Janrain demo tenant's behaviour as an Auth0 or Keycloak log "
                    "(contract sources.md), with its expected results.")
    ap.add_argument("--source", choices=sorted(LOGS), default="auth0")
    ap.add_argument("--out", help="CSV seed line_number,raw_record (default: "
                    "seeds/raw_<source>_log.csv)")
    ap.add_argument("--jsonl", help="write the lines as JSON lines to this path instead")
    ap.add_argument("--truth", help="expected results as JSON (default, when neither --out nor "
                    "--jsonl is given: tests/integration/expected/<source>_demo_expected.json)")
    ap.add_argument("--seed", type=int, default=20260309)
    ap.add_argument("--start", type=date.fromisoformat, default=date(2026, 3, 9))
    ap.add_argument("--days", type=int, default=21)
    ap.add_argument("--scale", type=float, default=SCALE,
                    help=f"of the Janrain demo's population (default {SCALE})")
    ap.add_argument("--migration", action="store_true",
                    help="Janrain until --cutover, Auth0 after it")
    ap.add_argument("--cutover", type=date.fromisoformat,
                    help="first UTC day on Auth0 (default: the start of the third week)")
    ap.add_argument("--janrain-out", default="data/migration/janrain.csv")
    ap.add_argument("--auth0-out", default="data/migration/auth0.jsonl")
    ap.add_argument("--janrain-truth", default="data/migration/janrain_expected.json")
    ap.add_argument("--auth0-truth", default="data/migration/auth0_expected.json")
    a = ap.parse_args(argv)
    if a.days < 3 or a.scale <= 0:
        ap.error("--days must be at least 3 and --scale positive")
    if a.migration:
        if a.source != "auth0":
            ap.error("--migration writes Janrain then Auth0 (--source auth0)")
        m = build_migration(a.seed, a.start, a.days, a.scale, a.cutover)
        janrain.write(m.janrain_rows, a.janrain_out, "csv")
        write_jsonl(m.auth0_lines, a.auth0_out)
        write_truth(m.janrain_truth, a.janrain_truth)
        write_truth(m.auth0_truth, a.auth0_truth)
        jt = m.janrain_truth
        print(f"{a.janrain_out}: {jt['raw_rows']} rows, {jt['distinct_records']} distinct, "
              f"{jt['canonical_events']} events, {jt['excluded']} excluded, "
              f"{jt['rejected']} rejected", file=sys.stderr)
        print(summary(a.auth0_out, m.auth0_truth), file=sys.stderr)
        return 0
    out, truth_path = DEFAULTS[a.source]
    if a.out or a.jsonl:
        out, truth_path = a.out, None
    truth_path = a.truth or truth_path
    _, lines, t = build(a.source, a.seed, a.start, a.days, a.scale)
    if a.jsonl:
        write_jsonl(lines, a.jsonl)
    else:
        write_seed(lines, out)
    if truth_path:
        write_truth(t, truth_path)
    print(summary(a.jsonl or out, t), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
