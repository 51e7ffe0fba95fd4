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
# The client of a record role: the action's own (a web site or the app), or a fixed code.
ACTION_CLIENT, BACKEND, IMPORTER, CONSOLE = "action_client", "3", "4", "5"


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


def interactive_endpoint(action: str, traditional_only: bool = False) -> str:
    """Endpoint of a registration or sign-in (`action`) for the record's client and the
    user's sign-in method (always the traditional one with `traditional_only`)."""
    def endpoint(kind):
        trad, social = (ENDPOINT[(kind, method, action)] for method in ("traditional", "social"))
        if traditional_only:
            return lit(trad)
        return f"CASE WHEN social THEN {lit(social)} ELSE {lit(trad)} END"
    return f"CASE WHEN client_code < 2 THEN {endpoint('web')} ELSE {endpoint('mobile')} END"


def endpoint_by_client_kind(endpoints: dict) -> str:
    """The web or the mobile endpoint of `endpoints` (EP_VERIFY, EP_RECOVER), by client."""
    return (f"CASE WHEN client_code < 2 THEN {lit(endpoints['web'])} "
            f"ELSE {lit(endpoints['mobile'])} END")


# A record role is record slot k (0..4) of action type j, numbered 5j + k. Its dict holds
# SQL over the columns of the action row:
#   action_client    the action's client: 0 site A, 1 site B, 2 mobile app
#   home_client      the user's usual client (same codes); social (the user signs in with
#                    a social provider); sign_in_method ('social' or 'traditional')
#   pair_gap_ms      0.1-2 s between the two records of a registration or sign-in pair
#   sso_delay_ms     2-55 min from a sign-in to the SSO sign-in on the other site, and
#   sso_pair_gap_ms  0.1-2 s between the SSO sign-in and its profile write
#   long_delay_ms    1-19 h (deletion, reactivation, late copies of a conflict)
#   random_pct_1, random_pct_2, random_pct_3   three independent percent dice (0..99)
#   action_hash_2    random bits (which edit, ...)
# Its keys: event, client (code), endpoint, delay (ms after the action's time),
# group_delay (delay of the last record of its delivery group: a pair shares
# ingested_at), changed, failure, user, logged / logged_shift (a bad logged_at),
# log_id_slot (the slot whose log_id it reuses), extra_delay (added ingestion delay),
# ua_suffix; flags provider, sso, deactivate, batch, log_id.
def record_role(event, client=ACTION_CLIENT, endpoint=None, delay="0", **kw) -> dict:
    """A record role: SQL expressions for its columns (defaults: none of the options)."""
    return dict(event=event, client=client, endpoint=endpoint, delay=delay, **kw)


SIGNIN_EVENT = "'legacy_' || sign_in_method || '_signin'"
REGISTRATION_EVENT = "'legacy_' || sign_in_method || '_registration'"
SIGNIN = record_role(SIGNIN_EVENT, endpoint=interactive_endpoint("signin"), provider=1, sso=1,
                     group_delay="pair_gap_ms")
LOGIN_UPDATE = record_role(
    "'entityUpdated'", endpoint=interactive_endpoint("signin"), delay="pair_gap_ms",
    changed="CASE WHEN random_pct_3 < 20 THEN 'lastLogin|clients' ELSE 'lastLogin' END")
SSO_SIGNIN = record_role("'sso_signin'", "1 - action_client", lit(EP_SSO), "sso_delay_ms",
                         sso=1, group_delay="sso_delay_ms + sso_pair_gap_ms")
SSO_LOGIN_UPDATE = record_role("'entityUpdated'", "1 - action_client", lit(EP_SSO),
                               "sso_delay_ms + sso_pair_gap_ms", changed="'lastLogin|clients'")
DELETE = record_role("'entityDeleted'", "CASE WHEN random_pct_3 < 70 THEN 3 ELSE 5 END",
                     lit(EP_DELETE), "long_delay_ms")
WIDGET_EDIT = dict(client="CASE WHEN home_client < 2 THEN home_client ELSE 0 END",
                   endpoint=lit(EP_EDIT), changed=pick("action_hash_2 >> 40", WIDGET_EDITS))
API_EDIT = dict(client=BACKEND, endpoint=lit(EP_UPDATE),
                changed=pick("action_hash_2 >> 40", API_EDITS))
FAILED = record_role("'authenticationFailedKnownUser'",
                     endpoint=interactive_endpoint("signin", traditional_only=True),
                     failure="'invalidCredentials'")
RECOVER = record_role("'password_recover'", endpoint=endpoint_by_client_kind(EP_RECOVER))
# (SQL condition, its probability)
SSO_FOLLOWS = ("action_client < 2 AND random_pct_1 < 25", 0.75 * 0.25)
DELETED = ("deleted_cohort", 1 / DELETED_EVERY)

# Action types: (name, share of records, {slot k: (role, condition or None)}).
# Creation types come first: their rows are numbered users. Shares are normalised.
TYPES = [
    ("registration", 0.040, {
        0: (record_role(REGISTRATION_EVENT, endpoint=interactive_endpoint("register"),
                        provider=1, sso=1, group_delay="pair_gap_ms"), None),
        1: (record_role("'entityCreated'", endpoint=interactive_endpoint("register"),
                        delay="pair_gap_ms"), None),
        2: (SSO_SIGNIN, SSO_FOLLOWS), 3: (SSO_LOGIN_UPDATE, SSO_FOLLOWS),
        4: (DELETE, DELETED)}),
    ("api_creation", 0.010, {0: (record_role("'entityCreated'", BACKEND, lit(EP_CREATE)), None),
                             4: (DELETE, DELETED)}),
    ("console_creation", 0.002, {0: (record_role("'entityCreated'", CONSOLE), None),
                                 4: (DELETE, DELETED)}),
    ("bulk_creation", 0.050, {0: (record_role("'entityCreated'", IMPORTER, lit(EP_BULK),
                                              batch=1), None),
                              4: (DELETE, DELETED)}),
    ("signin", 0.430, {0: (SIGNIN, None), 1: (LOGIN_UPDATE, None)}),
    ("sso", 0.240, {0: (SIGNIN, None), 1: (LOGIN_UPDATE, None), 2: (SSO_SIGNIN, None),
                    3: (SSO_LOGIN_UPDATE, None)}),
    ("widget_edit", 0.055, {0: (record_role("'entityUpdated'", **WIDGET_EDIT), None)}),
    ("api_edit", 0.035, {0: (record_role("'entityUpdated'", **API_EDIT), None)}),
    ("console_edit", 0.010, {0: (record_role("'entityUpdated'", CONSOLE, changed=pick(
        "action_hash_2 >> 40", CONSOLE_EDITS)), None)}),
    ("failed_known", 0.040, {0: (FAILED, None)}),
    ("failed_unknown", 0.010, {0: (dict(FAILED, event="'authenticationFailedUnknownUser'",
                                        user="NULL"), None)}),
    ("email_verification", 0.018, {0: (record_role(
        "'new_email_verification'", endpoint=endpoint_by_client_kind(EP_VERIFY)), None)}),
    ("password_recover", 0.012, {0: (RECOVER, None)}),
    ("deactivation", 0.006, {
        0: (record_role("'entityUpdated'", "CASE WHEN random_pct_3 < 75 THEN 3 ELSE 5 END",
                        lit(EP_UPDATE), changed="'deactivateAccount'", deactivate=1), None),
        1: (dict(FAILED, delay="600000 + long_delay_ms % 6600000",
                 failure="'accountDeactivated'"), ("random_pct_1 < 50", 0.5)),
        2: (record_role("'entityUpdated'", BACKEND, lit(EP_UPDATE), "3600000 + long_delay_ms",
                        changed="'deactivateAccount'"), ("random_pct_2 < 70", 0.7))}),
    ("entity_replace", 0.004, {0: (record_role(
        "'entityUpdated'", BACKEND, lit(EP_REPLACE),
        changed="'givenName|familyName|email|primaryAddress'"), None)}),
    ("plural_removal", 0.004, {0: (record_role("'entityUpdated'", BACKEND, lit(EP_DELETE),
                                               changed="'profiles'"), None)}),
    # bad records, one type per reject reason (never re-delivered, never late)
    ("reject_missing_log_id", 1e-4, {0: (record_role("'entityUpdated'", **API_EDIT,
                                                     log_id="FALSE"), None)}),
    ("reject_unparseable_logged_at", 1e-4, {0: (dict(SIGNIN, sso=0, logged=(
        "CASE random_pct_2 % 4 WHEN 0 THEN 'yesterday' WHEN 1 THEN strftime(epoch_ms("
        "logged_ms), '%Y-%m-%dT%H:%M:%S') WHEN 2 THEN NULL "
        "ELSE strftime(epoch_ms(logged_ms), '%d/%m/%Y %H:%M:%S') || ' +0100' END")), None)}),
    ("reject_unknown_event_name", 1e-4, {0: (record_role(
        "CASE WHEN random_pct_2 < 50 THEN 'entityMerged' ELSE 'sso_signout' END",
        "CASE WHEN random_pct_2 < 50 THEN 3 ELSE action_client END",
        "CASE WHEN random_pct_2 < 50 THEN '/entity.merge' ELSE '/sso/logout' END"), None)}),
    ("reject_logged_after_ingested", 1e-4, {0: (dict(
        SIGNIN, sso=0, logged_shift="600000 + long_delay_ms % 10200000"), None)}),
    ("reject_missing_user_uuid", 1e-4, {0: (record_role("'entityUpdated'", **WIDGET_EDIT,
                                                        user="NULL"), None)}),
    ("reject_log_id_conflict", 1e-4, {0: (RECOVER, None),
                                      1: (dict(RECOVER, log_id_slot="0",
                                               extra_delay="60000 + long_delay_ms",
                                               ua_suffix="' (retry)'"), None)}),
]
TYPE_NAMES = [t[0] for t in TYPES]
N_CREATION = 4                                   # the first four types create users
TYPE_INDEX = {name: j for j, name in enumerate(TYPE_NAMES)}
FIRST_REJECT = TYPE_INDEX["reject_missing_log_id"]
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
    """Table `hours`, one row per hour h: its expected records (hour_records), its actions
    of each type j (actions_j), the running total of actions up to type j (actions_upto_j:
    action i of the hour is of the first type j with i < actions_upto_j), the users it
    creates, those created before it, the users alive (created two hours before or
    earlier), and when its bulk import starts and how far apart its records are."""
    norm = sum(share for _, share, _ in TYPES) * (1 + REDELIVERED)
    start_hod = a.start.hour
    diurnal = f"[{', '.join(map(str, DIURNAL))}][((h + {start_hod}) % 24) + 1]"
    counts = []
    for j, (name, share, slots) in enumerate(TYPES):
        mean = f"hour_records * {share / norm / records_per_action(slots)!r}"
        if name == "bulk_creation":
            mean = f"CASE WHEN u01(hash({a.seed}, h, 'bulk')) < {BULK_BURST} " \
                   f"THEN {mean} / {BULK_BURST} ELSE 0 END"
        counts.append(f"floor({mean} + u01(hash({a.seed}, h, {j})))::BIGINT AS actions_{j}")
    upto = [f"{' + '.join(f'actions_{x}' for x in range(j + 1))} AS actions_upto_{j}"
            for j in range(len(TYPES))]
    created = " + ".join(f"actions_{j}" for j in range(N_CREATION))
    con.execute(f"""
        CREATE OR REPLACE TABLE hours AS
        WITH weights AS (
            SELECT h, {diurnal} * (0.85 + 0.3 * u01(hash({a.seed}, h, 'hour'))) AS weight
            FROM range(0, {max(last_hour, a.hours - 1) + 1}) t(h)),
        expected AS (
            SELECT h, {a.records} * weight
                / (SELECT sum(weight) FROM weights WHERE h < {a.hours}) AS hour_records
            FROM weights),
        counted AS (SELECT h, {', '.join(counts)} FROM expected),
        totals AS (SELECT *, {', '.join(upto)}, {created} AS created FROM counted)
        SELECT *,
            coalesce(sum(created) OVER (ORDER BY h ROWS BETWEEN UNBOUNDED PRECEDING
                                        AND 1 PRECEDING), 0)::BIGINT AS created_before,
            {a.pre_users} + coalesce(sum(created) OVER (ORDER BY h ROWS BETWEEN UNBOUNDED
                                     PRECEDING AND 2 PRECEDING), 0)::BIGINT AS alive,
            (hash({a.seed}, h, 'bulk start') % 1200000)::BIGINT AS bulk_start,
            greatest(20, least(400, 1800000
                                    // greatest(actions_{TYPE_INDEX['bulk_creation']}, 1)))
                AS bulk_gap
        FROM totals""")


def records_sql(a: argparse.Namespace, keep_lo: int) -> str:
    """The records of the actions in table action_rows (hour h, action i of the hour)
    ingested in hours keep_lo..last, as numbers; render_sql turns them into text.

    Columns: ingestion_hour (hours since --start), ingested_ms and logged_ms (epoch ms),
    role, client_code, h, i, record_user (the user's number, NULL for none), user_hash,
    social, record_hash, log_no (the number behind log_id), random_pct_2, random_pct_3,
    action_hash_2."""
    seed, t0 = a.seed, int(a.start.timestamp() * 1000)
    type_of = " ".join(f"WHEN i < actions_upto_{j} THEN {j}" for j in range(len(TYPES) - 1))
    bulk = TYPE_INDEX["bulk_creation"]
    cond_sql = sorted({r["cond"][0] for r in ROLES.values() if r["cond"]})
    slots = ", ".join(f"({rid // 5}, {rid % 5}, {rid}, "
                      f"{cond_sql.index(r['cond'][0]) + 1 if r['cond'] else 0})"
                      for rid, r in ROLES.items())
    conds = " ".join(f"WHEN {n + 1} THEN {c}" for n, c in enumerate(cond_sql))
    delay = by_role("delay", "0")
    return f"""
    WITH with_hour AS (SELECT * FROM action_rows JOIN hours USING (h)),
    typed AS (
        SELECT *, CASE {type_of} ELSE {len(TYPES) - 1} END AS action_type,
            (hash({seed}, h, i) >> 1)::BIGINT AS action_hash_1,
            (hash({seed}, h, i, 1) >> 1)::BIGINT AS action_hash_2
        FROM with_hour),
    drawn AS (
        SELECT *, CASE WHEN action_type < {N_CREATION} THEN {a.pre_users} + created_before + i
                       WHEN action_hash_2 % alive >= {a.pre_users}
                            AND action_hash_2 % alive % {DELETED_EVERY} = {DELETED_EVERY - 1}
                            THEN action_hash_2 % alive - 1
                       ELSE action_hash_2 % alive END AS action_user,
            CASE WHEN action_type = {bulk} THEN {t0} + h * {HOUR_MS} + bulk_start
                     + (i - actions_upto_{bulk - 1}) * bulk_gap + action_hash_1 % bulk_gap
                 ELSE {t0} + h * {HOUR_MS} + action_hash_1 % {HOUR_MS} END AS action_ms,
            (action_hash_1 >> 22) % 100 AS random_pct_1,
            (action_hash_1 >> 29) % 100 AS random_pct_2,
            (action_hash_1 >> 36) % 100 AS random_pct_3,
            100 + (action_hash_2 >> 8) % 1900 AS pair_gap_ms,
            100 + (action_hash_2 >> 19) % 1900 AS sso_pair_gap_ms,
            {HOUR_MS} + (action_hash_2 >> 30) % {18 * HOUR_MS} AS long_delay_ms,
            120000 + (hash({seed}, h, i, 2) >> 1)::BIGINT % 3180000 AS sso_delay_ms,
            (hash({seed}, h, i, 3) >> 1)::BIGINT AS delay_hash
        FROM typed),
    with_user AS (
        SELECT *, (hash({seed}, action_user, 'user') >> 1)::BIGINT AS user_hash,
            action_user >= {a.pre_users}
                AND action_user % {DELETED_EVERY} = {DELETED_EVERY - 1} AS deleted_cohort
        FROM drawn),
    actions AS (
        SELECT *, CASE WHEN user_hash % 20 < 9 THEN 0 WHEN user_hash % 20 < 15 THEN 1
                       ELSE 2 END AS home_client
        FROM with_user),
    slotted AS (
        SELECT *, (h << 36) | (i << 4) | ({by_role('log_id_slot', 'slot')}) AS log_no,
            action_ms + ({delay}) AS record_ms,
            action_ms + ({by_role('group_delay', delay)}) AS group_ms,
            action_type >= {FIRST_REJECT} AS is_reject
        FROM (SELECT *, CASE WHEN action_type = {TYPE_INDEX['registration']} THEN home_client
                  WHEN action_type = {TYPE_INDEX['sso']}
                      THEN CASE WHEN home_client < 2 THEN home_client ELSE random_pct_1 % 2 END
                  WHEN random_pct_1 < 80 THEN home_client
                  WHEN home_client = 2 THEN random_pct_1 % 2
                  WHEN random_pct_1 < 90 THEN 2 ELSE 1 - home_client END AS action_client
              FROM actions JOIN (VALUES {slots}) slots(action_type, slot, role, cond)
                  USING (action_type))
        WHERE cond = 0 OR CASE cond {conds} END),
    delayed AS (
        SELECT *, (hash({seed}, log_no) >> 1)::BIGINT AS record_hash,
            group_ms + {by_role('extra_delay', '0')} + CASE
                WHEN is_reject OR delay_hash % 1000 >= 60 THEN 1000 + (delay_hash >> 10) % 29000
                WHEN delay_hash % 1000 >= 5 THEN 30000 + (delay_hash >> 10) % 870000
                ELSE {HOUR_MS} + (delay_hash >> 10) % {(MAX_LATE_H - 1) * HOUR_MS} END
                AS first_ingested_ms
        FROM slotted),
    delivered AS (
        SELECT *, first_ingested_ms + CASE WHEN delivery = 1
                THEN 60000 + (hash(record_hash) >> 1)::BIGINT
                     % {MAX_REDELIVERY_H * HOUR_MS - 60000} ELSE 0 END AS ingested_ms
        FROM delayed, range(2) deliveries(delivery)
        WHERE delivery = 0
            OR NOT is_reject AND (record_hash >> 40) % 1000 < {round(REDELIVERED * 1000)})
    SELECT (ingested_ms - {t0}) // {HOUR_MS} AS ingestion_hour, ingested_ms,
        record_ms + ({by_role('logged_shift', '0')}) AS logged_ms,
        role::SMALLINT AS role, ({by_role('client', ACTION_CLIENT)})::TINYINT AS client_code,
        h, i, ({by_role('user', 'action_user')}) AS record_user, user_hash,
        (user_hash >> 8) % 100 < 35 AS social, record_hash, log_no,
        random_pct_2::TINYINT AS random_pct_2, random_pct_3::TINYINT AS random_pct_3,
        action_hash_2
    FROM delivered
    WHERE (ingested_ms - {t0}) // {HOUR_MS} BETWEEN {keep_lo} AND {a.last_hour}"""


def render_sql(a: argparse.Namespace, lo: int, hi: int, staging: str) -> str:
    """COPY the records of table recs ingested in hours lo..hi, as text, to
    staging/ingestion_hour=<h>/."""
    seed = a.seed
    prov = pick("user_hash >> 16", PROVIDERS, PROVIDER_WEIGHTS)
    nets = [f"{network}." for network in IP_NETWORKS]
    user_ip = f"{pick('user_hash >> 28', nets)} || (1 + (user_hash >> 32) % 254)"
    other_ip = f"{pick('record_hash >> 24', nets)} || (1 + (record_hash >> 32) % 254)"
    web_ua = pick("user_hash >> 40", WEB_UA, WEB_UA_WEIGHTS)
    mobile_ua = pick("user_hash >> 48", MOBILE_UA, MOBILE_UA_WEIGHTS)
    ua = (f"CASE client_code WHEN 0 THEN {web_ua} WHEN 1 THEN {web_ua} WHEN 2 THEN {mobile_ua} "
          f"WHEN 3 THEN {lit(BACKEND_UA)} WHEN 4 THEN {lit(IMPORTER_UA)} END")
    local = " ".join(f"WHEN {n} THEN strftime(epoch_ms(logged_ms + {o * 60000}), "
                     f"'%Y-%m-%dT%H:%M:%S.%g{sfx}')" for n, (o, sfx) in enumerate(OFFSETS))
    logged = (f"CASE WHEN record_user IS NULL OR record_hash % 100 >= 25 "
              f"THEN strftime(epoch_ms(logged_ms), '%Y-%m-%dT%H:%M:%S.%gZ') "
              f"ELSE CASE (user_hash >> 24) % {len(OFFSETS)} {local} END END")
    return f"""
    COPY (SELECT
        CASE WHEN {by_role('log_id', 'TRUE')} THEN uuid_of(record_hash, log_no) END AS log_id,
        {by_role('logged', logged)} AS logged_at,
        {by_role('event')} AS event_name,
        {lit(MAIN_APP)} AS app_id,
        {pick('client_code', CLIENTS)} AS client_id,
        CASE WHEN client_code <> 5 THEN {by_role('endpoint')} END AS endpoint,
        CASE WHEN record_user IS NOT NULL THEN uuid_of(user_hash, record_user) END AS user_uuid,
        CASE WHEN social AND {by_role('provider', 'FALSE')} THEN {prov} END AS identity_provider,
        {by_role('changed')} AS changed_attributes,
        CASE WHEN {by_role('deactivate', 'FALSE')}
             THEN strftime(epoch_ms(logged_ms - logged_ms % 1000), '%Y-%m-%dT%H:%M:%S.000Z')
             END AS deactivate_account,
        CASE WHEN {by_role('batch', 'FALSE')} THEN 'import-' || lpad(h::VARCHAR, 6, '0')
             END AS batch_id,
        CASE WHEN client_code < 2 AND {by_role('sso', 'FALSE')}
             THEN uuid_of((hash({seed}, h, i, 'sso') >> 1)::BIGINT, (h << 32) | i) END
             AS sso_session_id,
        CASE WHEN client_code < 2 AND (record_hash >> 8) % 100 < 85
                  OR client_code = 2 AND (record_hash >> 8) % 100 < 60 THEN {user_ip}
             WHEN client_code < 3 THEN {other_ip} END AS ip_address,
        CASE WHEN {by_role('ua_suffix')} IS NULL THEN {ua}
             ELSE {ua} || {by_role('ua_suffix')} END AS user_agent,
        {by_role('failure')} AS failure_reason,
        strftime(epoch_ms(ingested_ms), '%Y-%m-%dT%H:%M:%S.%gZ') AS ingested_at, ingestion_hour
    FROM (SELECT *, CASE WHEN social THEN 'social' ELSE 'traditional' END AS sign_in_method
          FROM recs WHERE ingestion_hour BETWEEN {lo} AND {hi})
    ) TO {lit(staging)} (FORMAT parquet, PARTITION_BY (ingestion_hour),
                         FILENAME_PATTERN 'audit_log')"""


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
            SELECT h, unnest(range(actions_upto_{len(TYPES) - 1})) AS i FROM hours
            WHERE h BETWEEN {max(0, lo - LOOKBACK_HOURS) if first else lo} AND {hi}""")
        con.execute(f"CREATE OR REPLACE TABLE recs AS {records_sql(a, lo)}"
                    + ("" if first else " UNION ALL SELECT * FROM pending"))
        staging = work / f"hours{lo}"
        written += con.execute(render_sql(a, lo, hi, str(staging))).fetchall()[0][0]
        for part in staging.iterdir():           # ingestion_hour=<h>/audit_log0.parquet
            hour = int(part.name.split("=", 1)[1])
            stamp = (a.start + timedelta(hours=hour)).strftime("%Y%m%dT%H")
            [f] = part.iterdir()                         # PARTITION_BY: one file per hour
            os.replace(f, out / f"audit_log_{stamp}.parquet")
            files += 1
        shutil.rmtree(staging)
        con.execute("CREATE OR REPLACE TABLE pending AS "
                    f"SELECT * FROM recs WHERE ingestion_hour > {hi}")
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
