"""The Auth0 and Keycloak demo generator (scripts/generate_vendor_log.py), in Python only.

No dbt here: whether the project classifies these logs as their truth says is for the
suite that builds them. These tests hold the generator to its promises: the committed
seeds and truths are what it writes, twice alike; each seed has the shape of a seed
(two columns, a JSON object per line but the bad lines it plans); every scenario of the
contract the demo claims is in it, with the shape that scenario needs; the truth adds
up; and the migration demo splits the tenant at the cut-over.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import generate_vendor_log as gv  # noqa: E402
from janrain_tenant import COLUMNS  # noqa: E402

SOURCES = ("auth0", "keycloak")
SEED = {s: REPO / gv.DEFAULTS[s][0] for s in SOURCES}
TRUTH = {s: REPO / gv.DEFAULTS[s][1] for s in SOURCES}
W = gv.W
REJECTS = {"missing_log_id", "unparseable_logged_at", "unknown_event_name",
           "logged_after_ingested", "missing_user_uuid", "log_id_conflict"}

# The contract rows (sources.md) each demo claims. Auth0 leaves out §3.2 row 1 (Auth0
# logs a failed Management API call as `fapi`, row 18), §3.3 row 2 (no `ss` is known
# for a social sign-up), row 10 (only with auth0_silent_auth_is_sso) and row 12 (§3.2).
CLAIMED = {
    "auth0": {"3.2:2", "3.2:3", "3.2:4", "3.2:5", "3.2:6", "3.3:1", "3.3:1a", "3.3:3",
              "3.3:4", "3.3:5", "3.3:6", "3.3:7", "3.3:8", "3.3:9", "3.3:11", "3.3:13",
              "3.3:14", "3.3:15", "3.3:16", "3.3:17", "3.3:18", "3.3:19", "3.3:20",
              "3.3:21", "2.6"},
    "keycloak": {f"4.2:{n}" for n in range(1, 9)} | {f"4.3:{n}" for n in range(1, 16)}
    | {"2.6"},
}
TYPES = {
    "auth0": {"s", "ss", "ssa", "sapi", "sdu", "sce", "scu", "scpn", "scp", "sui", "f", "fp",
              "fu", "fs", "fapi", "sv", "fv", "scpr", "seacft", "sepft", "slo"},
    "keycloak": {"REGISTER", "LOGIN", "LOGIN_ERROR", "REGISTER_ERROR",
                 "IDENTITY_PROVIDER_LOGIN_ERROR", "UPDATE_PROFILE", "UPDATE_EMAIL",
                 "UPDATE_PASSWORD", "UPDATE_CREDENTIAL", "REMOVE_FEDERATED_IDENTITY",
                 "DELETE_ACCOUNT", "SEND_VERIFY_EMAIL", "VERIFY_EMAIL", "SEND_RESET_PASSWORD",
                 "RESET_PASSWORD", "CODE_TO_TOKEN", "REFRESH_TOKEN", "LOGOUT",
                 "admin:CREATE:USER", "admin:UPDATE:USER", "admin:DELETE:USER",
                 "admin:CREATE:REALM", "admin:CREATE:REALM_ROLE_MAPPING"},
}
ISO_Z_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
ISO_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$")


@pytest.fixture(scope="module")
def built():
    """source -> (log, lines, truth) of the default demo, built in this process."""
    return {s: gv.build(s) for s in SOURCES}


@pytest.fixture(scope="module")
def seed_rows():
    out = {}
    for s in SOURCES:
        with open(SEED[s], newline="", encoding="utf-8") as f:
            out[s] = list(csv.reader(f))
    return out


def prompts_authenticate(body: dict) -> bool:
    return any(p["name"].endswith("authenticate") or p["name"].startswith("prompt-authenticate")
               or p["name"] == "federated-authenticate"
               for p in (body.get("details") or {}).get("prompts") or [])


# --- the committed output is the generator's, the same on every run ---------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_committed_seed_and_truth_are_what_the_generator_writes(source, tmp_path):
    out, truth = tmp_path / "seed.csv", tmp_path / "truth.json"
    gv.main(["--source", source, "--out", str(out), "--truth", str(truth)])
    assert out.read_bytes() == SEED[source].read_bytes(), "regenerate the seed"
    assert truth.read_bytes() == TRUTH[source].read_bytes(), "regenerate the truth"


@pytest.mark.parametrize("source", SOURCES)
def test_a_second_run_is_identical_and_jsonl_holds_the_same_lines(source, built, tmp_path):
    jsonl = tmp_path / "log.jsonl"
    gv.main(["--source", source, "--jsonl", str(jsonl)])
    _, lines, _ = built[source]
    assert jsonl.read_text(encoding="utf-8").split("\n") == lines + [""]


# --- the seed's shape -----------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_seed_has_two_columns_and_a_json_object_per_line_but_the_planned_bad_ones(
        source, built, seed_rows):
    rows = seed_rows[source]
    assert rows[0] == ["line_number", "raw_record"]
    body = rows[1:]
    assert 3000 <= len(body) <= 6000
    assert all(len(r) == 2 for r in rows)
    assert [r[0] for r in body] == [str(n) for n in range(1, len(body) + 1)]
    log = built[source][0]
    planned = {v.text for v in log.recs if v.text is not None}
    assert len(planned) >= 1
    odd = []
    for _, text in body:
        try:
            obj = json.loads(text)
        except ValueError:
            odd.append(text)
            continue
        if not isinstance(obj, dict):
            odd.append(text)
            continue
        assert gv.compact(obj) == text, "compact JSON, written once"
        assert ISO_OFFSET.match(obj["ingested_at"]), obj["ingested_at"]
    assert sorted(odd) == sorted(planned)


def test_auth0_records_look_like_auth0(built):
    log, lines, _ = built["auth0"]
    objs = [json.loads(x) for x in lines if x.startswith("{")]
    wrapped = [o for o in objs if "data" in o and "type" not in o]
    assert wrapped and all(o["log_id"] == o["data"]["log_id"] for o in wrapped)
    recs = [o["data"] if o in wrapped else o for o in objs]
    assert len(wrapped) < len(recs) / 2
    dates = Counter(bool(ISO_Z_MS.match(r.get("date", ""))) for r in recs)
    assert dates[False] == 1  # the unparseable one
    pulled = [r for r in recs if "tenant_name" not in r and r.get("log_id")]
    assert pulled and all(r["_id"] == r["log_id"] for r in pulled)  # auth0_tenant applies
    ids = {r["user_id"].split("|")[0] for r in recs if r.get("user_id")}
    assert {"auth0", "google-oauth2", "facebook", "windowslive", "apple"} <= ids
    assert all(re.fullmatch(r"auth0\|[0-9a-f]{24}", r["user_id"])
               for r in recs if r.get("user_id", "").startswith("auth0|"))
    assert all(re.fullmatch(r"google-oauth2\|\d{21}", r["user_id"])
               for r in recs if r.get("user_id", "").startswith("google-oauth2|"))
    for v in log.recs:  # ingested a few seconds to minutes after the record
        if v.result.kind != "rejected":
            assert 2 * gv.SEC <= v.ingested - v.t <= 20 * gv.MIN


def test_keycloak_records_look_like_keycloak(built):
    log, lines, _ = built["keycloak"]
    recs = [json.loads(x) for x in lines if x.startswith("{") and x.endswith("}")]
    assert Counter(isinstance(r["time"], int) for r in recs)[False] == 1  # "yesterday"
    assert any("id" not in r for r in recs) and sum("id" in r for r in recs) > len(recs) / 2
    admin = [r for r in recs if r.get("operationType")]
    assert {r["authDetails"]["clientId"] for r in admin} >= {
        "security-admin-console", "acme-provisioner", "acme-importer"}
    reps = [json.loads(r["representation"]) for r in admin if "representation" in r
            and re.fullmatch(r"users/[^/]+", r["resourcePath"])]
    assert {rep["enabled"] for rep in reps} == {True, False}
    assert {r["realmId"] for r in recs} >= {"acme", "founding-example"}
    for v in log.recs:
        if v.result.kind != "rejected":
            assert 2 * gv.SEC <= v.ingested - v.t <= 20 * gv.MIN


# --- every scenario the demo claims, with the shape its row needs ---------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_every_claimed_contract_row_and_record_type_is_in_the_demo(source, built):
    log, lines, t = built[source]
    assert set(Counter(v.row for v in log.recs)) == CLAIMED[source]
    types = set()
    for v in log.recs:
        b = v.body or {}
        types.add(f"admin:{b['operationType']}:{b['resourceType']}" if b.get("operationType")
                  else b.get("type"))
    assert TYPES[source] <= types
    assert set(t["reject_reason"]) == REJECTS
    assert len(lines) > len(set(lines))  # exact re-deliveries


def test_auth0_rows_have_the_shape_their_rule_needs(built):
    log = built["auth0"][0]
    by_row = defaultdict(list)
    by_user = defaultdict(list)
    for v in log.recs:
        by_row[v.row].append(v)
        if v.body and v.result.kind != "rejected":
            by_user[v.user].append(v)

    def near(v, row, within=W):
        return [x for x in by_user[v.user] if x.row == row and abs(x.t - v.t) <= within]

    for v in by_row["3.3:7"]:  # a first social sign-in: no `ss`, login count 1
        b = v.body
        assert b["type"] == "s" and b["strategy_type"] == "social"
        assert b["details"]["stats"]["loginsCount"] == 1 and prompts_authenticate(b)
        assert not [x for x in by_user[v.user] if x.body["type"] == "ss"]
    for v in by_row["3.3:4"]:  # the sign-up's own sign-in: after its `ss`, same client
        ss = [x for x in near(v, "3.3:3") if x.t <= v.t]
        assert ss and ss[0].body["client_id"] == v.body["client_id"]
        assert v.body["details"]["stats"]["loginsCount"] == 1
    for row in ("3.3:5", "3.3:6"):  # no authenticate prompt; 6: an earlier sign-in elsewhere
        for v in by_row[row]:
            assert v.body["type"] == "s" and not prompts_authenticate(v.body)
            sid = v.body["details"]["session_id"]
            earlier = [x for x in by_user[v.user] if x.t < v.t and x.body["type"] == "s"
                       and x.body["details"]["session_id"] == sid]
            clients = {x.body["client_id"] for x in earlier}
            if row == "3.3:5":  # reused on the same client
                assert v.body["client_id"] in clients
            else:  # the session began on another client
                assert clients - {v.body["client_id"]}
    for v in by_row["3.3:8"]:  # a social sign-in after the first
        assert prompts_authenticate(v.body) and v.body["strategy_type"] == "social"
        assert v.body["details"]["stats"]["loginsCount"] > 1
    for v in by_row["3.3:9"]:
        assert prompts_authenticate(v.body) and v.body["strategy_type"] == "database"
    for v in by_row["3.3:1"]:  # the `ss` echo of a Management API creation
        assert near(v, "3.2:2")
    for v in by_row["3.3:1a"]:
        assert v.body["client_name"] == "All Applications" and not near(v, "3.2:2", 10 * W)
    for v in by_row["3.2:2"]:
        req = v.body["details"]["request"]
        assert req["method"].upper() == "POST" and req["path"] == "/api/v2/users"
        assert v.body["details"]["response"]["body"]["user_id"]
    for v in by_row["3.2:4"]:
        req = v.body["details"]["request"]
        assert req["method"] == "PATCH" or req["method"] == "patch"
        subject = unquote(req["path"].rsplit("/", 1)[1])
        assert "|" in subject and "/" not in subject
    blocked = Counter(v.body["details"]["request"]["body"].get("blocked") for v in by_row["3.2:4"])
    assert blocked[True] and blocked[False] and blocked[None]
    for v in by_row["3.2:5"]:  # a DELETE with its `sdu`
        assert near(v, "3.3:13")
    for v in by_row["3.3:14"]:  # a change also logged by the Management API
        assert v.body["type"] in ("sce", "scu", "scpn", "scp") and near(v, "3.2:4")
    for v in by_row["3.3:15"]:
        assert not near(v, "3.2:4")
    consoles = {v.result.channel for v in by_row["3.2:2"]}
    assert consoles == {"console", "entity_api"}
    assert {v.result.channel for v in by_row["3.3:3"]} == {"registration_ui", "oauth_api"}


def test_keycloak_rows_have_the_shape_their_rule_needs(built):
    log = built["keycloak"][0]
    by_row = defaultdict(list)
    for v in log.recs:
        by_row[v.row].append(v)
    logins = defaultdict(list)
    for v in log.recs:
        if v.body and v.body.get("type") == "LOGIN" and v.result.kind != "rejected":
            logins[v.body["userId"]].append(v)
    for v in by_row["4.3:7"]:  # REGISTER and LOGIN of the same session
        own = [x for x in logins[v.body["userId"]] if x.row == "4.3:8"
               and x.body["sessionId"] == v.body["sessionId"]]
        assert own and own[0].body["clientId"] == v.body["clientId"]
    broker = by_row["4.3:6"]
    assert all(v.body["details"]["register_method"] == "broker"
               and v.body["details"]["identity_provider"] for v in broker)
    assert {("sessionId" in v.body) for v in broker} == {True, False}
    assert any(v.body["details"].get("grant_type") == "password" for v in by_row["4.3:12"])
    for v in by_row["4.3:10"]:  # SSO: the session began on another client
        earlier = [x for x in logins[v.body["userId"]] if x.t < v.t
                   and x.body["sessionId"] == v.body["sessionId"]]
        assert {x.body["clientId"] for x in earlier} - {v.body["clientId"]}
    for v in by_row["4.3:9"]:
        earlier = [x for x in logins[v.body["userId"]] if x.t < v.t
                   and x.body["sessionId"] == v.body["sessionId"]]
        assert v.body["clientId"] in {x.body["clientId"] for x in earlier}
    assert {v.body["type"] for v in by_row["4.3:13"]} >= {
        "UPDATE_PROFILE", "UPDATE_EMAIL", "UPDATE_PASSWORD", "UPDATE_CREDENTIAL",
        "REMOVE_FEDERATED_IDENTITY"}
    assert all(v.body["details"]["credential_type"] == "password" for v in by_row["4.3:13"]
               if v.body["type"] == "UPDATE_CREDENTIAL")
    for row, enabled in (("4.2:4", False), ("4.2:5", True)):
        assert by_row[row] and all(
            json.loads(v.body["representation"])["enabled"] is enabled for v in by_row[row])
    assert all(v.body["resourceType"] == "REALM" and v.body["resourcePath"].startswith("users/")
               for v in by_row["4.2:2"])
    assert all(v.body["clientId"] == "security-admin-console" for v in by_row["4.3:1"])


# --- the truth adds up ------------------------------------------------------------------------


def check_arithmetic(t: dict) -> None:
    ev = t["event_type"]
    signins = sum(n for k, n in ev.items() if k.startswith("signin."))
    registers = sum(n for k, n in ev.items() if k.endswith("_register"))
    assert t["primary_events"] + t["excluded"] + t["rejected"] == t["distinct_records"]
    assert t["canonical_events"] == t["primary_events"] + t["derived_events"]
    assert t["derived_events"] == signins  # one derived event per sign-in or registration
    assert sum(ev.values()) == t["canonical_events"]
    assert sum(t["exclusion_reason"].values()) == t["excluded"]
    assert sum(t["reject_reason"].values()) == t["rejected"]
    assert sum(t["creation_path"].values()) == ev.get("entity_create", 0)
    assert t["creation_path"]["registration"] == registers
    assert sum(t["update_reason"].values()) == ev.get("entity_update", 0)
    assert t["update_reason"]["login"] == signins - registers
    assert sum(t["sign_in_method"].values()) == signins
    for key in ("channel", "hour_and_type", "hour_of_day_and_type"):
        assert sum(t[key].values()) == t["canonical_events"], key


@pytest.mark.parametrize("source", SOURCES)
def test_truth_adds_up_and_counts_the_seed(source, seed_rows):
    t = json.loads(TRUTH[source].read_text(encoding="utf-8"))
    check_arithmetic(t)
    lines = [r[1] for r in seed_rows[source][1:]]
    assert t["raw_rows"] == len(lines)
    assert t["distinct_records"] == len({gv.record_identity(source, x) for x in lines})
    assert t["raw_rows"] > t["distinct_records"]


def test_both_platforms_show_the_janrain_demo_tenants_behaviour():
    """One simulation: the same sign-ins and registrations on Janrain, Auth0 and Keycloak."""
    truths = {s: json.loads(TRUTH[s].read_text(encoding="utf-8")) for s in SOURCES}
    g = gv.simulate(20260309, gv.date(2026, 3, 9), 21, gv.SCALE)
    janrain = Counter(r.event for r in g.good)
    expect = {"signin.traditional": "legacy_traditional_signin",
              "signin.social": "legacy_social_signin", "signin.sso": "sso_signin",
              "signin.traditional_register": "legacy_traditional_registration",
              "signin.social_register": "legacy_social_registration"}
    for s in SOURCES:
        for etype, name in expect.items():
            assert truths[s]["event_type"][etype] == janrain[name], (s, etype)
        assert truths[s]["event_type"]["entity_delete"] == janrain["entityDeleted"]


# --- the migration demo ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def migration():
    return gv.build_migration()


def test_migration_splits_the_tenant_at_the_cut_over(migration):
    m = migration
    log = m.auth0
    assert min(v.t for v in log.recs) >= m.cutover
    good = [r for r in m.janrain_rows if r.user and not r.reject]
    assert good and max(r.t for r in good) < m.cutover + gv.HOUR  # an episode's tail at most
    a0_first = defaultdict(lambda: float("inf"))
    for v in log.recs:
        if v.user:
            a0_first[v.user] = min(a0_first[v.user], v.t)
    for user, times in m.janrain_users.items():  # each user: Janrain, then Auth0
        assert max(times) < a0_first[user]
    janrain_ids = {r.log_id for r in m.janrain_rows} - {""}  # "": the missing ids
    assert not janrain_ids & {gv.record_identity("auth0", x)[0] for x in m.auth0_lines}
    # the import of everyone already there, right after the cut-over
    job = [v for v in log.recs if v.row == "3.2:3"
           and v.body["details"]["request"]["body"]["external_id"] == "janrain-migration"]
    assert len(job) == 1 and m.cutover <= job[0].t < m.cutover + 10 * gv.MIN


def test_migrated_users_sign_in_on_auth0_without_registering_again(migration):
    log = migration.auth0
    users = {u.uuid: u for u in log.g.users}
    migrated = [v for v in log.recs if v.user in migration.janrain_users and v.body]
    assert migrated
    assert not [v for v in migrated if v.body.get("type") == "ss" or v.row == "3.3:4"]
    signins = [v for v in migrated if v.row in ("3.3:7", "3.3:8", "3.3:9")]
    assert signins and all(prompts_authenticate(v.body) for v in signins)
    database = [v for v in signins if users[v.user].cred != "social"]
    assert database and all(v.result.name == "signin.traditional" for v in database)
    # a social user's first Auth0 sign-in is Auth0's first of that user (login count 1):
    # §3.3 row 7 makes it a registration, once per user
    first = Counter(v.user for v in signins if v.row == "3.3:7")
    assert all(n == 1 and users[u].cred == "social" for u, n in first.items())


def test_migration_truths_add_up_and_the_files_are_written(migration, tmp_path):
    m = migration
    check_arithmetic(m.auth0_truth)
    jt = m.janrain_truth
    assert jt["canonical_events"] + jt["excluded"] + jt["rejected"] == jt["distinct_records"]
    assert jt["raw_rows"] == len(m.janrain_rows)
    paths = {k: tmp_path / name for k, name in (
        ("janrain-out", "j.csv"), ("auth0-out", "a.jsonl"), ("janrain-truth", "j.json"),
        ("auth0-truth", "a.json"))}
    gv.main(["--migration"] + [x for k, p in paths.items() for x in (f"--{k}", str(p))])
    with open(paths["janrain-out"], newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == COLUMNS and len(rows) - 1 == jt["raw_rows"]
    assert paths["auth0-out"].read_text(encoding="utf-8").split("\n") == m.auth0_lines + [""]
    assert json.loads(paths["janrain-truth"].read_text()) == jt
    assert json.loads(paths["auth0-truth"].read_text()) == m.auth0_truth
