#!/usr/bin/env python3
"""Generate a contract-conforming raw audit log of any size, fast, as hourly Parquet files.

`generate_audit_log.py` simulates a tenant record by record in Python: right for the
15k-row demo seed, far too slow for benchmarks. This script builds the same kind of
log (contract version 1, `raw_audit_log.md`) inside DuckDB SQL, a few hundred thousand
records per second on 2 cores, in bounded memory, so that 100M records take minutes.

The tenant model
----------------
One app (`MAIN_APP`) and the clients, endpoints, user agents and attribute names of
`janrain_tenant.py`. Users are numbered: 0..P-1 existed before the log starts
(they never have a creation record); the others are numbered in order of creation.
Time is cut into hours 0, 1, 2, ... from --start; each hour has a number of *actions*
(a diurnal curve times a little jitter, scaled so that hours 0..H-1 hold ~N records).
An action is one small story, and all of its records come out of the one action row:

* creations (the user is the next new number): registration on the user's home site
  or app (legacy_*_registration + entityCreated, same client and endpoint, 0.1-2 s
  apart; a quarter of web ones followed by SSO on the other site), API-only
  (`/entity.create`), console, and bulk imports (one `batch_id` per import hour);
* activity (the user is a hash-chosen user created at least two hours earlier, so
  never before nor within W of their registration): interactive sign-in pairs
  (legacy_*_signin + entityUpdated lastLogin), SSO stories (sign-in pair on site A,
  then sso_signin + entityUpdated on site B in the same sso_session_id 2-55 min
  later), profile edits (widget, Entity API, console), failed sign-ins, e-mail
  verification and password-reset mails, deactivation (+ failed sign-in while
  deactivated, + reactivation hours later), entity.replace, removal of `profiles`;
* every 50th created user is in the deleted cohort: random activity never picks it,
  and its creation action ends with an entityDeleted 1-19 h later, its last record;
* about 0.01 % of records per reject reason of contract section 6, as standalone
  records (a log_id conflict is a password-reset mail plus a later, altered copy).

Each action gets an ingestion delay (mostly seconds, 5.5 % minutes, 0.5 % 1-72 h late);
a pair shares one `ingested_at` (the loader receives both in one batch), and a later
step of a story is never ingested before an earlier one, so no pair is split across
files and the pairing invariants hold in every prefix of the hours written. 0.5 % of
records are delivered a second time, identical but up to a day later.

The SQL approach
----------------
A small `hours` table holds, per hour, the number of actions of each type and the
running count of created users. Files are written a chunk of hours at a time (about
--chunk-records records). For a chunk, one query unnests its hours into action rows
(`range(n)`), derives every random choice from `hash(seed, hour, row, ...)`, joins each
action with its record slots (both halves of a pair come from the one action row), adds
the re-delivered copies and stores the records as numbers in table `recs` (ingestion
hour, times, role, user, hashes). A second statement renders the 16 text columns and
writes them with one `COPY ... PARTITION_BY (ingestion hour)`; each partition's file is
renamed to `DIR/audit_log_YYYYMMDDTHH.parquet` (UTC hour of `ingested_at`). Records
ingested after the chunk (late, re-delivered, end of a long story) wait in table
`pending` for their chunk; the first chunk also generates the LOOKBACK_HOURS before it.
So the file of hour h is the same (as a set of rows) whether written alone or with all
the others, for the same --seed, --records, --hours and --start (and DuckDB version,
whose hash() this relies on): `--first-hour H --last-hour H` adds "the next hour of
records" to a history written with hours 0..H-1.

Costs per record (2 cores): ~0.8 us to generate, ~0.9 us to render the text, ~3.5 us in
DuckDB's partitioned Parquet writer (about twice its unpartitioned cost; per-hour COPY
statements cost the same, as DuckDB re-plans every statement). Constant lists indexed
per row are avoided on purpose: DuckDB copies the whole list for every row.

The project checks the contract's invariants on the files when it builds them (every
invariant test of `dbt build`); this script does not check them again.

Usage:
  python scripts/generate_audit_log_at_scale.py --records 10000000 --out-dir /tmp/scale10m
  dbt build --vars '{raw_audit_log_path: "/tmp/scale10m/*.parquet"}'
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from janrain_tenant import (  # noqa: E402  the tenant's vocabulary, shared with the demo's
    API_EDITS, BACKEND_UA, CLIENT, CONSOLE_EDITS, DIURNAL, ENDPOINT, EP_BULK, EP_CREATE,
    EP_DELETE, EP_EDIT, EP_RECOVER, EP_REPLACE, EP_SSO, EP_UPDATE, EP_VERIFY, IMPORTER_UA,
    IP_NETWORKS, MAIN_APP, MOBILE_UA, MOBILE_UA_WEIGHTS, PROVIDER_WEIGHTS, PROVIDERS, WEB_UA,
    WEB_UA_WEIGHTS, WIDGET_EDITS,
)

HOUR_MS = 3_600_000
MAX_SPAN_H, MAX_LATE_H, MAX_REDELIVERY_H = 20, 72, 24   # action span, late arrival, 2nd copy
LOOKBACK_HOURS = 1 + MAX_SPAN_H + MAX_LATE_H + MAX_REDELIVERY_H
REDELIVERED = 0.005
DELETED_EVERY = 50          # every 50th created user is deleted
OFFSETS = [(120, "+02:00"), (-300, "-05:00"), (330, "+05:30")]  # users' local offsets
CLIENTS = [CLIENT["siteA"], CLIENT["siteB"], CLIENT["mobile"], CLIENT["backend"],
           CLIENT["importer"], None]   # client codes 0..5; 5 = console (no client, no endpoint)
SITE, BACKEND, IMPORTER, CONSOLE = "c", "3", "4", "5"   # client of a role (c: the action's)


def lit(v) -> str:
    """SQL literal of a Python str / None / number."""
    if v is None:
        return "NULL"
    return "'" + v.replace("'", "''") + "'" if isinstance(v, str) else str(v)


def pick(bits: str, values: list, weights: list | None = None) -> str:
    """One of `values` chosen by `bits` (a non-negative BIGINT expression), with `weights`."""
    weights = weights or [1] * len(values)
    whens, upto = [], 0
    for v, w in zip(values[:-1], weights):
        upto += w
        whens.append(f"WHEN ({bits}) % {sum(weights)} < {upto} THEN {lit(v)}")
    return f"CASE {' '.join(whens)} ELSE {lit(values[-1])} END"


def by_kind(action: str, trad_only: bool = False) -> str:
    """Endpoint of an interactive action for the record's client `cl` and the user's method."""
    def ep(kind):
        t, s = ENDPOINT[(kind, "traditional", action)], ENDPOINT[(kind, "social", action)]
        return lit(t) if trad_only else f"CASE WHEN social THEN {lit(s)} ELSE {lit(t)} END"
    return f"CASE WHEN cl < 2 THEN {ep('web')} ELSE {ep('mobile')} END"


# A role is record slot k (0..4) of action type j, numbered 5j + k. Its dict holds SQL over
# the action's columns: c (the action's client: 0 site A, 1 site B, 2 mobile), home, social,
# m ('social' or 'traditional'), d1, d2 (0.1-2 s pair gaps), s (SSO delay), lng (1-19 h),
# r1, r2, r3 (dice 0..99), y (random bits). Keys: event, client (code), endpoint, dt (ms
# after the action's time), gdt (ms of the last record of its delivery group: a pair shares
# ingested_at), changed, failure, user, logged / shift (bad logged_at), kkey (slot whose
# log_id it reuses), extra (added ingestion delay), ua_suffix; flags provider, sso, deact,
# batch, log_id.
def R(event, client=SITE, endpoint=None, dt="0", **kw) -> dict:
    """A record role: SQL expressions for its columns (defaults: none of the options)."""
    return dict(event=event, client=client, endpoint=endpoint, dt=dt, **kw)


SIGN_EV, REG_EV = "'legacy_' || m || '_signin'", "'legacy_' || m || '_registration'"
KIND_EP = lambda eps: f"CASE WHEN cl < 2 THEN {lit(eps['web'])} ELSE {lit(eps['mobile'])} END"
SIGNIN = R(SIGN_EV, endpoint=by_kind("signin"), provider=1, sso=1, gdt="d1")
LOGIN_UPD = R("'entityUpdated'", endpoint=by_kind("signin"), dt="d1",
              changed="CASE WHEN r3 < 20 THEN 'lastLogin|clients' ELSE 'lastLogin' END")
SSO_SIGNIN = R("'sso_signin'", "1 - c", lit(EP_SSO), "s", sso=1, gdt="s + d2")
SSO_UPD = R("'entityUpdated'", "1 - c", lit(EP_SSO), "s + d2", changed="'lastLogin|clients'")
DELETE = R("'entityDeleted'", "CASE WHEN r3 < 70 THEN 3 ELSE 5 END", lit(EP_DELETE), "lng")
WIDGET_EDIT = dict(client="CASE WHEN home < 2 THEN home ELSE 0 END", endpoint=lit(EP_EDIT),
                   changed=pick("y >> 40", WIDGET_EDITS))
API_EDIT = dict(client=BACKEND, endpoint=lit(EP_UPDATE), changed=pick("y >> 40", API_EDITS))
FAILED = R("'authenticationFailedKnownUser'", endpoint=by_kind("signin", True),
           failure="'invalidCredentials'")
RECOVER = R("'password_recover'", endpoint=KIND_EP(EP_RECOVER))
SSO_FOLLOWS = ("c < 2 AND r1 < 25", 0.75 * 0.25)     # (SQL condition, its probability)
DELETED = ("del", 1 / DELETED_EVERY)

# Action types: (name, share of records, {slot k: (role, condition or None)}).
# Creation types come first: their rows are numbered users. Shares are normalised.
TYPES = [
    ("registration", 0.040, {0: (R(REG_EV, endpoint=by_kind("register"), provider=1, sso=1,
                                   gdt="d1"), None),
                             1: (R("'entityCreated'", endpoint=by_kind("register"), dt="d1"),
                                 None),
                             2: (SSO_SIGNIN, SSO_FOLLOWS), 3: (SSO_UPD, SSO_FOLLOWS),
                             4: (DELETE, DELETED)}),
    ("api_creation", 0.010, {0: (R("'entityCreated'", BACKEND, lit(EP_CREATE)), None),
                             4: (DELETE, DELETED)}),
    ("console_creation", 0.002, {0: (R("'entityCreated'", CONSOLE), None), 4: (DELETE, DELETED)}),
    ("bulk_creation", 0.050, {0: (R("'entityCreated'", IMPORTER, lit(EP_BULK), batch=1), None),
                              4: (DELETE, DELETED)}),
    ("signin", 0.430, {0: (SIGNIN, None), 1: (LOGIN_UPD, None)}),
    ("sso", 0.240, {0: (SIGNIN, None), 1: (LOGIN_UPD, None), 2: (SSO_SIGNIN, None),
                    3: (SSO_UPD, None)}),
    ("widget_edit", 0.055, {0: (R("'entityUpdated'", **WIDGET_EDIT), None)}),
    ("api_edit", 0.035, {0: (R("'entityUpdated'", **API_EDIT), None)}),
    ("console_edit", 0.010, {0: (R("'entityUpdated'", CONSOLE,
                                   changed=pick("y >> 40", CONSOLE_EDITS)), None)}),
    ("failed_known", 0.040, {0: (FAILED, None)}),
    ("failed_unknown", 0.010, {0: (dict(FAILED, event="'authenticationFailedUnknownUser'",
                                        user="NULL"), None)}),
    ("email_verification", 0.018, {0: (R("'new_email_verification'",
                                         endpoint=KIND_EP(EP_VERIFY)), None)}),
    ("password_recover", 0.012, {0: (RECOVER, None)}),
    ("deactivation", 0.006, {
        0: (R("'entityUpdated'", "CASE WHEN r3 < 75 THEN 3 ELSE 5 END", lit(EP_UPDATE),
              changed="'deactivateAccount'", deact=1), None),
        1: (dict(FAILED, dt="600000 + lng % 6600000", failure="'accountDeactivated'"),
            ("r1 < 50", 0.5)),
        2: (R("'entityUpdated'", BACKEND, lit(EP_UPDATE), "3600000 + lng",
              changed="'deactivateAccount'"), ("r2 < 70", 0.7))}),
    ("entity_replace", 0.004, {0: (R("'entityUpdated'", BACKEND, lit(EP_REPLACE),
                                     changed="'givenName|familyName|email|primaryAddress'"),
                                   None)}),
    ("plural_removal", 0.004, {0: (R("'entityUpdated'", BACKEND, lit(EP_DELETE),
                                     changed="'profiles'"), None)}),
    # bad records, one type per reject reason (never re-delivered, never late)
    ("reject_missing_log_id", 1e-4, {0: (R("'entityUpdated'", **API_EDIT, log_id="FALSE"),
                                          None)}),
    ("reject_unparseable_logged_at", 1e-4, {0: (dict(SIGNIN, sso=0, logged=(
        "CASE r2 % 4 WHEN 0 THEN 'yesterday' WHEN 1 THEN strftime(epoch_ms(tl), "
        "'%Y-%m-%dT%H:%M:%S') WHEN 2 THEN NULL "
        "ELSE strftime(epoch_ms(tl), '%d/%m/%Y %H:%M:%S') || ' +0100' END")), None)}),
    ("reject_unknown_event_name", 1e-4, {0: (R(
        "CASE WHEN r2 < 50 THEN 'entityMerged' ELSE 'sso_signout' END",
        "CASE WHEN r2 < 50 THEN 3 ELSE c END",
        "CASE WHEN r2 < 50 THEN '/entity.merge' ELSE '/sso/logout' END"), None)}),
    ("reject_logged_after_ingested", 1e-4, {0: (dict(SIGNIN, sso=0,
                                                     shift="600000 + lng % 10200000"), None)}),
    ("reject_missing_user_uuid", 1e-4, {0: (R("'entityUpdated'", **WIDGET_EDIT, user="NULL"),
                                            None)}),
    ("reject_log_id_conflict", 1e-4, {0: (RECOVER, None),
                                      1: (dict(RECOVER, kkey="0", extra="60000 + lng",
                                               ua_suffix="' (retry)'"), None)}),
]
NAMES = [t[0] for t in TYPES]
N_CREATION = 4                                   # the first four types create users
J = {name: j for j, name in enumerate(NAMES)}
FIRST_REJECT = J["reject_missing_log_id"]
BULK_BURST = 0.25                                # share of hours with a bulk import
ROLES = {j * 5 + k: dict(role, cond=cond)
         for j, (_, _, slots) in enumerate(TYPES) for k, (role, cond) in slots.items()}


def records_per_action(slots: dict) -> float:
    return sum(1 if cond is None else cond[1] for _, cond in slots.values())


def role_share(rid: int) -> float:
    """Expected records of role rid per record (orders CASE branches, most frequent first)."""
    name, share, slots = TYPES[rid // 5]
    cond = ROLES[rid]["cond"]
    return share / records_per_action(slots) * (1 if cond is None else cond[1])


def by_role(col: str, default: str = "NULL") -> str:
    """One column's SQL for all record roles: a CASE over the role, the most frequent roles
    first. (Not a list indexed by role: DuckDB copies a constant list for every row.)"""
    whens = []
    for rid in sorted(ROLES, key=lambda r: -role_share(r)):
        e = ROLES[rid].get(col)
        e = ("TRUE" if e else None) if isinstance(e, int) else e
        if e is not None and e != default:
            whens.append(f"WHEN role = {rid} THEN {e}")
    return f"CASE {' '.join(whens)} ELSE {default} END" if whens else default


def build_hours(con, a: argparse.Namespace, last_hour: int) -> None:
    """Per hour: actions per type, row offsets, users created before, users alive."""
    norm = sum(share for _, share, _ in TYPES) * (1 + REDELIVERED)
    start_hod = a.start.hour
    diurnal = f"[{', '.join(map(str, DIURNAL))}][((h + {start_hod}) % 24) + 1]"
    counts = []
    for j, (name, share, slots) in enumerate(TYPES):
        mean = f"rh * {share / norm / records_per_action(slots)!r}"
        if name == "bulk_creation":
            mean = f"CASE WHEN u01(hash({a.seed}, h, 'bulk')) < {BULK_BURST} " \
                   f"THEN {mean} / {BULK_BURST} ELSE 0 END"
        counts.append(f"floor({mean} + u01(hash({a.seed}, h, {j})))::BIGINT AS n{j}")
    offs = [f"{' + '.join(f'n{x}' for x in range(j + 1))} AS o{j}" for j in range(len(TYPES))]
    created = " + ".join(f"n{j}" for j in range(N_CREATION))
    con.execute(f"""
        CREATE OR REPLACE TABLE hours AS
        WITH w AS (
            SELECT h, {diurnal} * (0.85 + 0.3 * u01(hash({a.seed}, h, 'hour'))) AS w
            FROM range(0, {max(last_hour, a.hours - 1) + 1}) t(h)),
        r AS (SELECT h, {a.records} * w / (SELECT sum(w) FROM w WHERE h < {a.hours}) AS rh FROM w),
        c AS (SELECT h, {', '.join(counts)} FROM r),
        o AS (SELECT *, {', '.join(offs)}, {created} AS created FROM c)
        SELECT *,
            coalesce(sum(created) OVER (ORDER BY h ROWS BETWEEN UNBOUNDED PRECEDING
                                        AND 1 PRECEDING), 0)::BIGINT AS created_before,
            {a.pre_users} + coalesce(sum(created) OVER (ORDER BY h ROWS BETWEEN UNBOUNDED
                                     PRECEDING AND 2 PRECEDING), 0)::BIGINT AS alive,
            (hash({a.seed}, h, 'bulk start') % 1200000)::BIGINT AS bulk_start,
            greatest(20, least(400, 1800000 // greatest(n{J['bulk_creation']}, 1))) AS bulk_gap
        FROM o""")


def records_sql(a: argparse.Namespace, keep_lo: int) -> str:
    """The records of the actions in table action_rows ingested in hours keep_lo..last,
    as numbers (ih = ingestion hour); render_sql turns them into text."""
    S, t0 = a.seed, int(a.start.timestamp() * 1000)
    type_of = " ".join(f"WHEN i < o{j} THEN {j}" for j in range(len(TYPES) - 1))
    bulk = J["bulk_creation"]
    cond_sql = sorted({r["cond"][0] for r in ROLES.values() if r["cond"]})
    slots = ", ".join(f"({rid // 5}, {rid % 5}, {rid}, "
                      f"{cond_sql.index(r['cond'][0]) + 1 if r['cond'] else 0})"
                      for rid, r in ROLES.items())
    conds = " ".join(f"WHEN {n + 1} THEN {c}" for n, c in enumerate(cond_sql))
    return f"""
    WITH a0 AS (SELECT * FROM action_rows JOIN hours USING (h)),
    a1 AS (
        SELECT *, CASE {type_of} ELSE {len(TYPES) - 1} END AS j,
            (hash({S}, h, i) >> 1)::BIGINT AS x, (hash({S}, h, i, 1) >> 1)::BIGINT AS y
        FROM a0),
    a2 AS (
        SELECT *, CASE WHEN j < {N_CREATION} THEN {a.pre_users} + created_before + i
                       WHEN y % alive >= {a.pre_users} AND y % alive % {DELETED_EVERY}
                            = {DELETED_EVERY - 1} THEN y % alive - 1
                       ELSE y % alive END AS u,
            CASE WHEN j = {bulk} THEN {t0} + h * {HOUR_MS} + bulk_start
                                     + (i - o{bulk - 1}) * bulk_gap + x % bulk_gap
                 ELSE {t0} + h * {HOUR_MS} + x % {HOUR_MS} END AS t,
            (x >> 22) % 100 AS r1, (x >> 29) % 100 AS r2, (x >> 36) % 100 AS r3,
            100 + (y >> 8) % 1900 AS d1, 100 + (y >> 19) % 1900 AS d2,
            {HOUR_MS} + (y >> 30) % {18 * HOUR_MS} AS lng,
            120000 + (hash({S}, h, i, 2) >> 1)::BIGINT % 3180000 AS s,
            (hash({S}, h, i, 3) >> 1)::BIGINT AS za
        FROM a1),
    a3 AS (
        SELECT *, (hash({S}, u, 'user') >> 1)::BIGINT AS hu,
            u >= {a.pre_users} AND u % {DELETED_EVERY} = {DELETED_EVERY - 1} AS del
        FROM a2),
    act AS (
        SELECT *, CASE WHEN hu % 20 < 9 THEN 0 WHEN hu % 20 < 15 THEN 1 ELSE 2 END AS home
        FROM a3),
    rec AS (
        SELECT *, (h << 36) | (i << 4) | ({by_role('kkey', 'k')}) AS lid,
            t + ({by_role('dt', '0')}) AS tb, t + ({by_role('gdt', by_role('dt', '0'))}) AS tg,
            j >= {FIRST_REJECT} AS bad
        FROM (SELECT *, CASE WHEN j = {J['registration']} THEN home
                  WHEN j = {J['sso']} THEN CASE WHEN home < 2 THEN home ELSE r1 % 2 END
                  WHEN r1 < 80 THEN home WHEN home = 2 THEN r1 % 2
                  WHEN r1 < 90 THEN 2 ELSE 1 - home END AS c
              FROM act JOIN (VALUES {slots}) slots(j, k, role, cond) USING (j))
        WHERE cond = 0 OR CASE cond {conds} END),
    rec2 AS (
        SELECT *, (hash({S}, lid) >> 1)::BIGINT AS z,
            tg + {by_role('extra', '0')} + CASE
                WHEN bad OR za % 1000 >= 60 THEN 1000 + (za >> 10) % 29000
                WHEN za % 1000 >= 5 THEN 30000 + (za >> 10) % 870000
                ELSE {HOUR_MS} + (za >> 10) % {(MAX_LATE_H - 1) * HOUR_MS} END AS ing0
        FROM rec),
    rec3 AS (
        SELECT *, ing0 + CASE WHEN copy = 1 THEN 60000 + (hash(z) >> 1)::BIGINT
                              % {MAX_REDELIVERY_H * HOUR_MS - 60000} ELSE 0 END AS ing
        FROM rec2, range(2) cp(copy)
        WHERE copy = 0 OR NOT bad AND (z >> 40) % 1000 < {round(REDELIVERED * 1000)})
    SELECT (ing - {t0}) // {HOUR_MS} AS ih, ing, tb + ({by_role('shift', '0')}) AS tl,
        role::SMALLINT AS role, ({by_role('client', 'c')})::TINYINT AS cl, h, i,
        ({by_role('user', 'u')}) AS uu, hu, (hu >> 8) % 100 < 35 AS social, z, lid,
        r2::TINYINT AS r2, r3::TINYINT AS r3, y
    FROM rec3 WHERE (ing - {t0}) // {HOUR_MS} BETWEEN {keep_lo} AND {a.last_hour}"""


def render_sql(a: argparse.Namespace, lo: int, hi: int, staging: str) -> str:
    """COPY the records of table recs ingested in hours lo..hi, as text, to staging/ih=<h>/."""
    S = a.seed
    prov = pick("hu >> 16", PROVIDERS, PROVIDER_WEIGHTS)
    nets = [f"{network}." for network in IP_NETWORKS]
    user_ip = f"{pick('hu >> 28', nets)} || (1 + (hu >> 32) % 254)"
    other_ip = f"{pick('z >> 24', nets)} || (1 + (z >> 32) % 254)"
    web_ua = pick("hu >> 40", WEB_UA, WEB_UA_WEIGHTS)
    mobile_ua = pick("hu >> 48", MOBILE_UA, MOBILE_UA_WEIGHTS)
    ua = (f"CASE cl WHEN 0 THEN {web_ua} WHEN 1 THEN {web_ua} WHEN 2 THEN {mobile_ua} "
          f"WHEN 3 THEN {lit(BACKEND_UA)} WHEN 4 THEN {lit(IMPORTER_UA)} END")
    local = " ".join(f"WHEN {n} THEN strftime(epoch_ms(tl + {o * 60000}), "
                     f"'%Y-%m-%dT%H:%M:%S.%g{sfx}')" for n, (o, sfx) in enumerate(OFFSETS))
    logged = (f"CASE WHEN uu IS NULL OR z % 100 >= 25 THEN strftime(epoch_ms(tl), "
              f"'%Y-%m-%dT%H:%M:%S.%gZ') ELSE CASE (hu >> 24) % {len(OFFSETS)} {local} END END")
    return f"""
    COPY (SELECT
        CASE WHEN {by_role('log_id', 'TRUE')} THEN uuid_of(z, lid) END AS log_id,
        {by_role('logged', logged)} AS logged_at,
        {by_role('event')} AS event_name,
        {lit(MAIN_APP)} AS app_id,
        {pick('cl', CLIENTS)} AS client_id,
        CASE WHEN cl <> 5 THEN {by_role('endpoint')} END AS endpoint,
        CASE WHEN uu IS NOT NULL THEN uuid_of(hu, uu) END AS user_uuid,
        CASE WHEN social AND {by_role('provider', 'FALSE')} THEN {prov} END AS identity_provider,
        {by_role('changed')} AS changed_attributes,
        CASE WHEN {by_role('deact', 'FALSE')}
             THEN strftime(epoch_ms(tl - tl % 1000), '%Y-%m-%dT%H:%M:%S.000Z')
             END AS deactivate_account,
        CASE WHEN {by_role('batch', 'FALSE')} THEN 'import-' || lpad(h::VARCHAR, 6, '0')
             END AS batch_id,
        CASE WHEN cl < 2 AND {by_role('sso', 'FALSE')}
             THEN uuid_of((hash({S}, h, i, 'sso') >> 1)::BIGINT, (h << 32) | i) END
             AS sso_session_id,
        CASE WHEN cl < 2 AND (z >> 8) % 100 < 85 OR cl = 2 AND (z >> 8) % 100 < 60
             THEN {user_ip} WHEN cl < 3 THEN {other_ip} END AS ip_address,
        CASE WHEN {by_role('ua_suffix')} IS NULL THEN {ua}
             ELSE {ua} || {by_role('ua_suffix')} END AS user_agent,
        {by_role('failure')} AS failure_reason,
        strftime(epoch_ms(ing), '%Y-%m-%dT%H:%M:%S.%gZ') AS ingested_at, ih
    FROM (SELECT *, CASE WHEN social THEN 'social' ELSE 'traditional' END AS m
          FROM recs WHERE ih BETWEEN {lo} AND {hi})
    ) TO {lit(staging)} (FORMAT parquet, PARTITION_BY (ih), FILENAME_PATTERN 'audit_log')"""


def connect(work_dir: str, memory: str, threads: int | None):
    con = duckdb.connect()
    os.makedirs(work_dir, exist_ok=True)
    con.execute(f"SET memory_limit = {lit(memory)}; SET temp_directory = {lit(work_dir)}; "
                "SET preserve_insertion_order = false; SET enable_progress_bar = false; "
                "SET partitioned_write_max_open_files = 100000; "
                # keep freed memory for the next chunk instead of returning it to the OS
                # (halves the system time); memory_limit still bounds it
                "SET allocator_flush_threshold = '8GB'; SET allocator_background_threads = true; "
                "SET allocator_bulk_deallocation_flush_threshold = '8GB'")
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute("CREATE MACRO u01(x) AS (x >> 11)::DOUBLE / 9007199254740992.0")
    # a v4-shaped uuid from two non-negative BIGINTs: 60 bits of `a` (random), 60 of `b` (unique)
    con.execute("CREATE MACRO uuid_of(a, b) AS ((((a & -61441) | 16384)::UHUGEINT << 64) "
                "+ (b & 1152921504606846975)::UHUGEINT + 11529215046068469760::UHUGEINT)"
                "::UUID::VARCHAR")
    return con


class Progress:
    """A one-line progress bar on stderr: percent, records/s, ETA."""

    def __init__(self, total: int):
        self.total, self.t0, self.last = max(total, 1), time.time(), ""

    def update(self, done: int, records: int) -> None:
        el = time.time() - self.t0
        p = done / self.total
        eta = el * (1 - p) / p if p else 0
        bar = "#" * int(30 * p) + "." * (30 - int(30 * p))
        self.last = (f"\r[{bar}] {100 * p:5.1f}%  {records:,} records  "
                     f"{records / max(el, 1e-9):,.0f} rec/s  ETA {eta:,.0f}s ")
        print(self.last, end="", file=sys.stderr, flush=True)


def generate(a: argparse.Namespace) -> int:
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = out / f".work-{os.getpid()}"
    con = connect(str(work / "duckdb_tmp"), a.memory_limit, a.threads)
    build_hours(con, a, a.last_hour)
    step = max(1, min(2000, int(a.chunk_records / max(a.records / a.hours, 1))))
    bar, written, files, t_start = Progress(a.last_hour - a.first_hour + 1), 0, 0, time.time()
    for lo in range(a.first_hour, a.last_hour + 1, step):
        hi = min(lo + step - 1, a.last_hour)
        first = lo == a.first_hour        # later chunks get earlier actions' records from pending
        con.execute(f"""CREATE OR REPLACE TABLE action_rows AS   -- scanned in parallel
            SELECT h, unnest(range(o{len(TYPES) - 1})) AS i FROM hours
            WHERE h BETWEEN {max(0, lo - LOOKBACK_HOURS) if first else lo} AND {hi}""")
        con.execute(f"CREATE OR REPLACE TABLE recs AS {records_sql(a, lo)}"
                    + ("" if first else " UNION ALL SELECT * FROM pending"))
        staging = work / f"hours{lo}"
        written += con.execute(render_sql(a, lo, hi, str(staging))).fetchall()[0][0]
        for part in staging.iterdir():                   # ih=<hour>/audit_log0.parquet
            stamp = (a.start + timedelta(hours=int(part.name[3:]))).strftime("%Y%m%dT%H")
            [f] = part.iterdir()                         # PARTITION_BY: one file per hour
            os.replace(f, out / f"audit_log_{stamp}.parquet")
            files += 1
        shutil.rmtree(staging)
        con.execute(f"CREATE OR REPLACE TABLE pending AS SELECT * FROM recs WHERE ih > {hi}")
        bar.update(hi - a.first_hour + 1, written)
    con.close()
    shutil.rmtree(work, ignore_errors=True)
    el = time.time() - t_start
    print(f"\n{out}: {written:,} records in {files:,} hourly files "
          f"(hours {a.first_hour}..{a.last_hour}; --hours {a.hours} --seed {a.seed}) "
          f"in {el:,.1f}s = {written / max(el, 1e-9):,.0f} records/s", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, help="about how many records hours 0..H-1 hold")
    ap.add_argument("--out-dir", help="directory for audit_log_YYYYMMDDTHH.parquet files")
    ap.add_argument("--start", default="2025-01-01T00:00:00Z", help="UTC start of hour 0")
    ap.add_argument("--hours", type=int, help="hours the records are spread over "
                    "(default: records/5000 clamped to 24..8760, so 8760 from 44M on)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first-hour", type=int, default=0, help="first hour file to write")
    ap.add_argument("--last-hour", type=int, help="last hour file to write (default H-1); "
                    "may be beyond H-1: the tenant goes on at the same rate")
    ap.add_argument("--memory-limit", default="2GB", help="DuckDB memory_limit (default 2GB)")
    ap.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
    ap.add_argument("--chunk-records", type=int, default=1_000_000,
                    help="about how many records one COPY writes (default 1M)")
    a = ap.parse_args(argv)
    if not a.records or a.records < 1 or not a.out_dir:
        ap.error("--records N (N >= 1) and --out-dir DIR are required")
    start = datetime.fromisoformat(a.start.replace("Z", "+00:00"))
    a.start = (start if start.tzinfo else start.replace(tzinfo=timezone.utc)) \
        .astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
    a.hours = a.hours or min(8760, max(24, round(a.records / 5000)))
    a.last_hour = a.hours - 1 if a.last_hour is None else a.last_hour
    a.pre_users = max(50, a.records // 20)
    if not 0 <= a.first_hour <= a.last_hour or a.hours < 1:
        ap.error("need --hours >= 1 and 0 <= --first-hour <= --last-hour")
    return generate(a)


if __name__ == "__main__":
    sys.exit(main())
