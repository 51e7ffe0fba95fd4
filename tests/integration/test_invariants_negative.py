"""Each invariant of contract section 5 fails on data that breaks it, and only it.

Base = the contract example, clean apart from its two rejected records (which
break no invariant). A case is the base plus a small mutation of the raw rows.
Every case is its own tenant (``isolate``: its own app_id, and log ids, users
and sessions renamed so that no rule can pair records of two cases), and all
cases, with an untouched copy of the base as the control, go into ONE build
with ``--store-failures``. Each failing row an invariant test stores names its
case (through an app_id, log id or event id), so the set of invariants that
fail for a case is read from the stored failures: it must be exactly the
expected one, for every case, and the control must fail none. One build
replaces a build per case (about 25), which was a quarter of the suite's time.

Invariants 1, 6 and 11 cannot be broken through raw input when the pipeline is
correct (the pipeline itself guarantees them), so those cases tamper with a
built database instead, again one tenant per case in one copy, and run only
the invariant tests on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from harness import (
    CONTRACT_EXAMPLE,
    MARTS,
    DbtResult,
    Mutation,
    RawLog,
    add_like,
    apply,
    copy_database,
    drop,
    edit,
    replace_relation,
)

USER_1 = "11111111-1111-4111-a111-111111111111"  # traditional registration on site A, SSO to B
USER_2 = "22222222-2222-4222-a222-222222222222"  # social registration in the mobile app
USER_3 = "33333333-3333-4333-a333-333333333333"  # bulk-imported, deleted 2026-03-07 15:00
USER_5 = "55555555-5555-4555-a555-555555555555"  # created API-only
SITE_A = "siteawebclient00000000000000000a"
MOBILE = "mobileappclient0000000000000000m"


def as_set(numbers) -> str:
    return "{" + ", ".join(str(number) for number in sorted(numbers)) + "}"


@dataclass(frozen=True)
class Case:
    sentence: str
    mutations: tuple[Mutation, ...]
    expected: frozenset[int]

    def param(self):
        return pytest.param(self, id=f"{self.sentence} -> {as_set(self.expected)}")


def registration_pair(user, log_ids, at, event="legacy_traditional_registration", client=SITE_A,
                      endpoint="/widget/traditional_register.jsonp", provider="",
                      created_at=None, session=""):
    """A registration and the entityCreated it causes, same client and endpoint."""
    registration, creation = log_ids
    common = dict(user_uuid=user, client_id=client, endpoint=endpoint,
                  ingested_at=at[:17] + "59.000Z")  # later in the same minute
    return (
        add_like("rec-0001", log_id=registration, event_name=event, logged_at=at,
                 identity_provider=provider, sso_session_id=session, **common),
        add_like("rec-0002", log_id=creation, logged_at=created_at or at, **common),
    )


def sign_in_pair(user, log_ids, at, updated_at, event="legacy_traditional_signin", client=SITE_A,
                 endpoint="/widget/traditional_signin.jsonp", provider="", session=""):
    """A sign-in and its lastLogin profile write, same client and endpoint."""
    sign_in, update = log_ids
    common = dict(user_uuid=user, client_id=client, endpoint=endpoint,
                  ingested_at=at[:17] + "59.000Z")  # later in the same minute
    return (
        add_like("rec-0008", log_id=sign_in, event_name=event, logged_at=at,
                 identity_provider=provider, sso_session_id=session, **common),
        add_like("rec-0009", log_id=update, logged_at=updated_at,
                 changed_attributes="lastLogin|clients", **common),
    )


CASES = [
    # 2. Registration creates a profile.
    Case("registration whose profile creation is missing",
         (drop("rec-0002"),), frozenset({2})),
    Case("profile creation from a register endpoint without its registration",
         (drop("rec-0005"),), frozenset({2})),
    Case("registration whose profile creation comes from another client",
         (edit("rec-0006", client_id=SITE_A),), frozenset({2})),
    Case("registration whose profile creation comes later than the window",
         (edit("rec-0002", logged_at="2026-03-02T09:25:02.480Z",
               ingested_at="2026-03-02T09:25:40.000Z"),), frozenset({2})),
    # 3. Bulk imports and API-only creations are not registrations.
    Case("traditional registration of a bulk-imported user",
         registration_pair(USER_3, ("rec-0101", "rec-0102"), "2026-03-04T12:00:00.000Z",
                           created_at="2026-03-04T12:00:01.000Z",
                           session="5e550000-0000-4000-a000-000000000101"),
         frozenset({3})),
    Case("social registration of a user created API-only",
         registration_pair(USER_5, ("rec-0101", "rec-0102"), "2026-03-05T08:00:00.000Z",
                           event="legacy_social_registration", client=MOBILE,
                           endpoint="/oauth/register_native", provider="facebook",
                           created_at="2026-03-05T08:00:00.400Z"),
         frozenset({3})),
    # 4. A registration is not a sign-in.
    Case("sign-in reported from the registration request",
         sign_in_pair(USER_1, ("rec-0101", "rec-0102"), "2026-03-02T09:15:03.000Z",
                      "2026-03-02T09:15:03.400Z",
                      session="5e550000-0000-4000-a000-000000000001"),
         frozenset({4})),
    Case("social sign-in before the user registered",
         sign_in_pair(USER_2, ("rec-0101", "rec-0102"), "2026-03-01T07:05:00.000Z",
                      "2026-03-01T07:05:00.700Z", event="legacy_social_signin",
                      client=MOBILE, endpoint="/oauth/auth_native", provider="google"),
         frozenset({4})),
    # 5. Every sign-in updates the profile.
    Case("sign-in without its lastLogin write",
         (drop("rec-0009"),), frozenset({5})),
    Case("lastLogin write without its sign-in",
         (drop("rec-0008"),), frozenset({5})),
    Case("SSO sign-in without its lastLogin write",
         (drop("rec-0004"),), frozenset({5})),
    Case("sign-in whose lastLogin write comes from another endpoint",
         (edit("rec-0011", endpoint="/oauth/auth_native_traditional"),), frozenset({5})),
    # 7. Deactivation is not deletion.
    Case("reactivation recorded as a deletion",
         (edit("rec-0019", event_name="entityDeleted"),), frozenset({7})),
    # Deleting on deactivation also makes the later reactivation an event after deletion.
    Case("deactivation recorded as a deletion then reactivated",
         (edit("rec-0018", event_name="entityDeleted"),), frozenset({7, 8})),
    # 8. Deleted means gone.
    Case("profile edit after the user was deleted",
         (add_like("rec-0018", log_id="rec-0101", user_uuid=USER_3,
                   logged_at="2026-03-08T11:00:00.000Z", ingested_at="2026-03-08T11:00:02.000Z",
                   changed_attributes="givenName", deactivate_account=""),),
         frozenset({8})),
    Case("sign-in after the user was deleted",
         sign_in_pair(USER_3, ("rec-0101", "rec-0102"), "2026-03-08T12:00:00.000Z",
                      "2026-03-08T12:00:00.500Z"),
         frozenset({8})),
    # 9. SSO follows a sign-in elsewhere.
    Case("SSO sign-in alone in its session",
         (edit("rec-0003", sso_session_id="5e550000-0000-4000-a000-0000000000ff"),),
         frozenset({9})),
    Case("SSO sign-in after a sign-in on the same client only",
         (edit("rec-0003", client_id=SITE_A), edit("rec-0004", client_id=SITE_A)),
         frozenset({9})),
    Case("SSO sign-in before the sign-in it follows",
         (edit("rec-0003", logged_at="2026-03-02T09:11:10.000Z"),
          edit("rec-0004", logged_at="2026-03-02T09:11:10.900Z")),
         frozenset({9})),
    # 10. Social events name their provider, traditional ones do not.
    Case("social sign-in with no provider",
         (edit("rec-0010", identity_provider=""),), frozenset({10})),
    Case("social registration with no provider",
         (edit("rec-0005", identity_provider=""),), frozenset({10})),
    Case("traditional sign-in naming a provider",
         (edit("rec-0008", identity_provider="facebook"),), frozenset({10})),
    Case("traditional registration naming a provider",
         (edit("rec-0001", identity_provider="google"),), frozenset({10})),
]



# ---------------------------------------------------------------------------
# One tenant per case, one build for all of them
# ---------------------------------------------------------------------------

CONTROL = 0  # the untouched base, in every combined build
CASE_OF_TEXT = re.compile(r"^(?:negativecase(\d\d)$|c(\d\d)-)")
USER_OF_CASE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-")


def case_app(number: int) -> str:
    return f"negativecase{number:02d}"


def case_prefix(number: int) -> str:
    return f"c{number:02d}-"


def isolate(log: RawLog, number: int) -> RawLog:
    """``log`` as tenant ``number``: its own app_id, and log ids, users and SSO
    sessions renamed (users and sessions keep their UUID shape), so that no
    rule can pair its records with another case's. The order of log ids and
    every time stay as they are, so each case means what it meant alone."""
    log = log.copy()
    for row in log.rows:
        row["app_id"] = case_app(number)
        row["log_id"] = case_prefix(number) + row["log_id"]
        for column in ("user_uuid", "sso_session_id"):
            if row[column]:
                row[column] = f"{number:02x}" + row[column][2:]
    return log


def combined_log(base: RawLog, cases: list[tuple[int, tuple[Mutation, ...]]]) -> RawLog:
    """The control and every case, each as its own tenant, in one log."""
    combined = isolate(base, CONTROL)
    for number, mutations in cases:
        combined.rows += isolate(apply(base, mutations), number).rows
    return combined


def case_of_row(row: dict) -> int | None:
    """The case a failing row names: by an app_id, log id or event id, else by
    its user (``isolate`` writes the case number, in hex, at the front)."""
    for value in row.values():
        match = CASE_OF_TEXT.match(value) if isinstance(value, str) else None
        if match:
            return int(match.group(1) or match.group(2))
    if isinstance(row.get("user_uuid"), str) and USER_OF_CASE.match(row["user_uuid"]):
        return int(row["user_uuid"][:2], 16)
    return None


def failures_by_case(result: DbtResult) -> tuple[dict[int, set[int]], list[str]]:
    """Case number -> invariants with a stored failing row of that case; and a
    description of every failing invariant test or row that names no case
    (which fails the attribution, and so the test). Invariant 11 reports raw
    record keys only: its rows are named through the record's log_id."""
    by_case: dict[int, set[int]] = {}
    unattributed: list[str] = []
    log_id_of_key = dict(result.query(
        "select record_key, log_id from intermediate.int_audit_log__validated"
    ))
    for outcome, name, numbers in result.failed_invariant_results:
        relation = outcome.get("relation_name")
        if outcome["status"] == "error" or not relation:
            unattributed.append(f"{name}: {outcome['status']} {outcome.get('message')}")
            continue
        con_rows = result.query(f"select * from {relation}")
        schema, table = relation.replace('"', "").split(".")[-2:]
        columns = [name for name, in result.query(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        )]
        for values in con_rows:
            row = dict(zip(columns, values))
            if row.get("record_key") in log_id_of_key:
                row["log_id"] = log_id_of_key[row["record_key"]]
            number = case_of_row(row)
            if number is None:
                unattributed.append(f"{name}: {row}")
            else:
                by_case.setdefault(number, set()).update(numbers)
    return by_case, unattributed


RAW_CASES = dict(enumerate(CASES, start=1))

# The tests of one combined build run on one xdist worker (``--dist loadgroup``),
# so that the build is made once.
pytestmark = pytest.mark.xdist_group("negative_invariants")


@pytest.fixture(scope="module")
def raw_cases_build(contract_example, dbt_build, tmp_path_factory) -> DbtResult:
    """Every raw-input case and the control, as tenants of one log, in one build.
    Every pair is judged at once (``audit_log_complete``), so that no case waits
    on the late-arrival window because another case has later records."""
    workdir = tmp_path_factory.mktemp("negative_raw_cases")
    log = combined_log(contract_example, [(n, case.mutations) for n, case in RAW_CASES.items()])
    raw = log.write(workdir / "raw.csv")
    return dbt_build(raw, workdir, extra_vars={"audit_log_complete": True},
                     extra_args=["--store-failures"])


@pytest.fixture(scope="module")
def raw_case_failures(raw_cases_build) -> dict[int, set[int]]:
    by_case, unattributed = failures_by_case(raw_cases_build)
    assert not unattributed, unattributed
    return by_case


def test_clean_base_fails_no_invariant(example_build):
    assert example_build.returncode == 0, example_build.describe()
    assert example_build.failed_invariants == set()
    for mart in MARTS:
        assert example_build.statuses.get(mart) == "success"


def test_broken_input_stops_the_marts(raw_cases_build):
    """A failing invariant fails the build after fct_events and skips the marts."""
    result = raw_cases_build
    assert result.errored_models == {}, result.describe()
    assert result.returncode != 0, result.describe()
    assert result.statuses.get("fct_events") == "success", result.describe()
    for mart in MARTS:
        assert result.statuses.get(mart) == "skipped", result.describe()


def test_control_tenant_fails_no_invariant(raw_case_failures):
    assert raw_case_failures.get(CONTROL, set()) == set()


@pytest.mark.parametrize(
    "number", [pytest.param(n, id=case.param().id) for n, case in RAW_CASES.items()]
)
def test_broken_raw_input_fails_exactly_its_invariant(number, raw_case_failures):
    assert raw_case_failures.get(number, set()) == set(RAW_CASES[number].expected)


def test_window_is_configurable(contract_example, dbt_build, tmp_path):
    """The profile creation 10 minutes after its registration breaks invariant 2 with
    the default W of 5 minutes (case above), and is fine with W = 15 minutes."""
    late_creation = next(case for case in CASES if "later than the window" in case.sentence)
    raw = apply(contract_example, late_creation.mutations).write(tmp_path / "raw.csv")
    result = dbt_build(raw, tmp_path, extra_vars={"pairing_window_seconds": 900})
    assert result.failed_invariants == set(), result.describe()
    assert result.returncode == 0, result.describe()


# ---------------------------------------------------------------------------
# Invariants the pipeline guarantees by construction: break the built data.
# ---------------------------------------------------------------------------

FCT = "main.fct_events"


@dataclass(frozen=True)
class Tamper:
    sentence: str
    relation: str
    select_sql: str
    expected: frozenset[int]

    def param(self):
        return pytest.param(self, id=f"{self.sentence} -> {as_set(self.expected)}")

    def sql(self, number: int) -> str:
        """The tampering, limited to the rows of case ``number``'s tenant."""
        return self.select_sql.replace("{c}", case_prefix(number))


TAMPERS = [
    # A full copy of rec-0015's event: its event_id is no longer unique (1), and the
    # distinct record rec-0015 is now two canonical events, so the canonical count no
    # longer reconciles with the distinct raw records (11).
    Tamper("duplicated event id", "fct_events",
           f"select * from {FCT} union all "
           f"select * from {FCT} where source_log_id = '{{c}}rec-0015'",
           frozenset({1, 11})),
    # Same row count, same records: only the type is wrong. rec-0022 (the deletion) is
    # chosen because no other invariant reads it once it is no longer an entity_delete.
    Tamper("event type outside the eight", "fct_events",
           f"select * replace (case when source_log_id = '{{c}}rec-0022' then 'entity_merge' "
           f"else event_type end as event_type) from {FCT}",
           frozenset({1})),
    # rec-0014 (the API-only creation) is paired with nothing, so only invariant 1 sees it.
    Tamper("event without a user", "fct_events",
           f"select * replace (case when source_log_id = '{{c}}rec-0014' then null "
           f"else user_uuid end as user_uuid) from {FCT}",
           frozenset({1})),
    Tamper("event without a timestamp", "fct_events",
           f"select * replace (case when source_log_id = '{{c}}rec-0014' then null "
           f"else occurred_at end as occurred_at) from {FCT}",
           frozenset({1})),
    # rec-0015 is a profile edit: not paired with a sign-in, so only 6 is broken.
    Tamper("profile update from entity.replace", "fct_events",
           f"select * replace (case when source_log_id = '{{c}}rec-0015' then '/entity.replace' "
           f"else endpoint end as endpoint) from {FCT}",
           frozenset({6})),
    Tamper("excluded record lost", "audit_log_excluded",
           "select * from main.audit_log_excluded where log_id <> '{c}rec-0016'",
           frozenset({11})),
    Tamper("rejected record counted twice", "audit_log_rejects",
           "select * from main.audit_log_rejects union all "
           "select * from main.audit_log_rejects where log_id = '{c}rec-0023'",
           frozenset({11})),
    # rec-0015 again: no other invariant depends on the profile edit.
    Tamper("canonical event lost", "fct_events",
           f"select * from {FCT} where source_log_id <> '{{c}}rec-0015'",
           frozenset({11})),
]



TAMPER_CASES = dict(enumerate(TAMPERS, start=1))


@pytest.fixture(scope="module")
def tampered_build(contract_example, dbt_build, tmp_path_factory):
    """One clean build of a tenant per tamper case (and the control); then, on a
    copy, every case's tampering applied to its own tenant's rows, and the
    invariant tests run once. Returns (raw log, clean build, tests of the copy)."""
    workdir = tmp_path_factory.mktemp("negative_tampered")
    raw = combined_log(contract_example, [(n, ()) for n in TAMPER_CASES]).write(workdir / "raw.csv")
    clean = dbt_build(raw, workdir / "clean", extra_vars={"audit_log_complete": True})
    assert clean.returncode == 0, clean.describe()
    db_path = copy_database(clean.db_path, workdir / "tampered")
    for number, tamper in TAMPER_CASES.items():
        replace_relation(db_path, tamper.relation, tamper.sql(number))
    tested = dbt_build(raw, workdir / "tampered", command="test", select="tag:invariant",
                       extra_vars={"audit_log_complete": True}, extra_args=["--store-failures"])
    return raw, clean, tested


def test_untampered_copy_passes_invariant_tests(tampered_build, dbt_build, tmp_path):
    """Control for the tamper cases: copying the database changes nothing."""
    raw, clean, _ = tampered_build
    copy_database(clean.db_path, tmp_path)
    result = dbt_build(raw, tmp_path, command="test", select="tag:invariant",
                       extra_vars={"audit_log_complete": True})
    assert result.returncode == 0, result.describe()
    assert result.failed_invariants == set()
    assert result.statuses, "no invariant test ran"


@pytest.fixture(scope="module")
def tamper_failures(tampered_build) -> dict[int, set[int]]:
    _, _, tested = tampered_build
    assert tested.returncode != 0, tested.describe()
    by_case, unattributed = failures_by_case(tested)
    assert not unattributed, unattributed
    assert by_case.get(CONTROL, set()) == set()
    return by_case


@pytest.mark.parametrize(
    "number", [pytest.param(n, id=tamper.param().id) for n, tamper in TAMPER_CASES.items()]
)
def test_tampered_data_fails_exactly_its_invariant(number, tamper_failures):
    assert tamper_failures.get(number, set()) == set(TAMPER_CASES[number].expected)
