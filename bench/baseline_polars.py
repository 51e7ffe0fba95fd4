"""Baseline (d): the project's full build as a user might write it with polars.

Reads the raw parquet files with the lazy API, applies the same rules as a
full (non-incremental) `dbt build` of the project (clean, parse, dedupe,
reject, classify, the three output tables, the reporting tables) and checks
the invariants of contract section 5, all eleven in full scope. Prints one
JSON line of counts in the shape of bench/baseline_duckdb.py.

    .venv/bin/python bench/baseline_polars.py --raw "/tmp/bd1m/*.parquet"

Known differences from the DuckDB build, none of which the benchmark data
exercises: the record id uses polars' hash, not DuckDB's (so two conflicting
copies of a log_id ingested in the same microsecond may be ranked the other
way round); raw column names are matched case-sensitively and must be stored
as text; and chrono reads `24:00:00` as null (DuckDB: next midnight) and a
leap second `:60` as the next second (DuckDB: null).
"""
import argparse
import json
import os
import sys
import time
import unicodedata
from datetime import timedelta

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--raw", required=True, help="glob of the raw parquet files")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--pairing-window-seconds", type=int, default=300)
args = parser.parse_args()
os.environ["POLARS_MAX_THREADS"] = str(args.threads)  # read once, at import

import polars as pl  # noqa: E402

COLUMNS = [
    "log_id", "logged_at", "event_name", "app_id", "client_id", "endpoint", "user_uuid",
    "identity_provider", "changed_attributes", "deactivate_account", "batch_id",
    "sso_session_id", "ip_address", "user_agent", "failure_reason", "ingested_at",
]
CONTENT = [c for c in COLUMNS if c not in ("log_id", "ingested_at")]  # hashed into the id
EVENT_NAMES = [
    "legacy_traditional_registration", "legacy_traditional_signin",
    "legacy_social_registration", "legacy_social_signin", "sso_signin",
    "entityCreated", "entityUpdated", "entityDeleted",
    "authenticationFailedKnownUser", "authenticationFailedUnknownUser",
    "new_email_verification", "password_recover",
]
EVENT_TYPES = {
    "legacy_traditional_registration": "signin.traditional_register",
    "legacy_traditional_signin": "signin.traditional",
    "legacy_social_registration": "signin.social_register",
    "legacy_social_signin": "signin.social",
    "sso_signin": "signin.sso",
    "entityCreated": "entity_create",
    "entityUpdated": "entity_update",  # unless from /entity.replace, see below
    "entityDeleted": "entity_delete",
}
REGISTER_ENDPOINTS = [
    "/widget/traditional_register.jsonp", "/widget/social_register.jsonp",
    "/oauth/register_native_traditional", "/oauth/register_native",
]
SIGN_IN_ENDPOINTS = [
    "/widget/traditional_signin.jsonp", "/widget/social_signin.jsonp",
    "/oauth/auth_native_traditional", "/oauth/auth_native", "/sso/check_session",
]
REGISTRATIONS = ["signin.traditional_register", "signin.social_register"]
SIGN_INS = ["signin.traditional", "signin.social", "signin.sso"]
W = timedelta(seconds=args.pairing_window_seconds)
# Surrounding whitespace as the project trims it: Unicode space separators (Zs)
# and the ASCII whitespace characters (tab, line feed, vertical tab, form feed, CR).
SPACES = "".join(chr(i) for i in range(0x110000) if unicodedata.category(chr(i)) == "Zs") + "\t\n\x0b\x0c\r"
# ISO-8601 with an offset; [0-9], not \d, which is Unicode-aware in Rust's regex.
ISO8601 = (r"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?<hm>[0-9]{2}:[0-9]{2})"
           r"(?:(?<sec>:[0-9]{2})(?<frac>\.[0-9]+)?)?"
           r"(?<tz>Z|(?<tzh>[+-][0-9]{2})(?<tzm>:?[0-9]{2})?)$")


def clean(name: str) -> pl.Expr:
    text = pl.col(name).cast(pl.String).str.strip_chars(SPACES)
    return pl.when(text != "").then(text).alias(name)


def parse_utc(name: str) -> pl.Expr:
    """ISO-8601 text with an offset -> naive UTC datetime; anything else -> null."""
    part = pl.col(name).str.extract_groups(ISO8601).struct
    offset = pl.when(part.field("tz") == "Z").then(pl.lit("+00:00")).otherwise(
        pl.concat_str(part.field("tzh"), pl.lit(":"),
                      part.field("tzm").str.strip_chars_start(":").fill_null("00")))
    normal = pl.concat_str(
        part.field("date"), pl.lit("T"), part.field("hm"), part.field("sec").fill_null(":00"),
        part.field("frac").fill_null(".0").str.slice(0, 7),  # microseconds, truncated
        offset)
    return (normal.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%:z", time_unit="us",
                                   time_zone="UTC", strict=False)
            .dt.replace_time_zone(None).alias(name + "_utc"))


def count(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.select(n=pl.len())


# --- 1. staging: every delivered row, cleaned and parsed, with its record id --
def load_raw() -> pl.DataFrame:
    raw = pl.scan_parquet(
        args.raw, schema={c: pl.String for c in COLUMNS}, missing_columns="insert",
        extra_columns="ignore", include_file_paths="source_file")
    return (
        raw.select(*[clean(c) for c in COLUMNS], pl.col("source_file"))
        .with_columns(
            record_id=pl.concat_str(pl.col("log_id").fill_null(""), pl.lit("#"),
                                    pl.struct(CONTENT).hash().cast(pl.String)),
            logged_at_utc=parse_utc("logged_at"),
            ingested_at_utc=parse_utc("ingested_at"))
        .collect(engine="streaming"))


# --- 2. validation: one row per distinct record, with its reject reason ------
def validate(raw: pl.DataFrame) -> pl.DataFrame:
    # row_number() over (partition by ... order by ...), as in SQL: a window
    # keeps memory near one copy of the data, where sort + unique needs three.
    row_number = pl.int_range(1, pl.len() + 1)
    distinct = raw.lazy().filter(row_number.over(  # earliest delivery of each record
        "record_id", order_by=["ingested_at_utc", "ingested_at", "source_file"],
        nulls_last=True) == 1)
    ranked = distinct.with_columns(  # first-ingested record of each log_id is 1
        log_id_rank=pl.when(pl.col("log_id").is_null()).then(1).otherwise(row_number.over(
            "log_id", order_by=["ingested_at_utc", "record_id"], nulls_last=True)))
    reason = (
        pl.when(pl.col("log_id").is_null()).then(pl.lit("missing_log_id"))
        .when(pl.col("logged_at_utc").is_null()).then(pl.lit("unparseable_logged_at"))
        .when(pl.col("event_name").is_null() | ~pl.col("event_name").is_in(EVENT_NAMES))
        .then(pl.lit("unknown_event_name"))
        .when(pl.col("logged_at_utc") > pl.col("ingested_at_utc") + W)
        .then(pl.lit("logged_after_ingested"))
        .when(pl.col("user_uuid").is_null()
              & (pl.col("event_name") != "authenticationFailedUnknownUser"))
        .then(pl.lit("missing_user_uuid"))
        .when(pl.col("log_id_rank") > 1).then(pl.lit("log_id_conflict"))
        .when(pl.col("ingested_at_utc").is_null()).then(pl.lit("unparseable_ingested_at")))
    return ranked.with_columns(reject_reason=reason).collect()


# --- 3. classification of the good records -----------------------------------
def classify(records: pl.LazyFrame) -> pl.LazyFrame:
    name, endpoint = pl.col("event_name"), pl.col("endpoint")
    is_update = (name == "entityUpdated") & (endpoint.fill_null("") != "/entity.replace")
    changes_deactivation = (pl.lit("|") + pl.col("changed_attributes") + pl.lit("|")) \
        .str.contains("|deactivateAccount|", literal=True)
    only_login_bookkeeping = pl.col("changed_attributes").str.contains(
        r"^(?:(lastLogin|clients)([|](lastLogin|clients))*)$")
    return records.filter(pl.col("reject_reason").is_null()).with_columns(
        event_type=pl.when(name != "entityUpdated").then(name.replace_strict(
            EVENT_TYPES, default=None, return_dtype=pl.String))
        .when(is_update).then(pl.lit("entity_update")),
        exclusion_reason=(
            pl.when((name == "entityUpdated") & (endpoint == "/entity.replace"))
            .then(pl.lit("entity_replace"))
            .when(name.is_in(["authenticationFailedKnownUser",
                              "authenticationFailedUnknownUser"]))
            .then(pl.lit("failed_signin"))
            .when(name == "new_email_verification").then(pl.lit("email_verification"))
            .when(name == "password_recover").then(pl.lit("password_recover"))),
        sign_in_method=(
            pl.when(name.is_in(["legacy_traditional_registration", "legacy_traditional_signin"]))
            .then(pl.lit("traditional"))
            .when(name.is_in(["legacy_social_registration", "legacy_social_signin"]))
            .then(pl.lit("social"))
            .when(name == "sso_signin").then(pl.lit("sso"))),
        channel=(
            pl.when(endpoint.is_null()).then(pl.lit("console"))
            .when(endpoint.str.starts_with("/widget/")).then(pl.lit("registration_ui"))
            .when(endpoint.str.starts_with("/oauth/")).then(pl.lit("oauth_api"))
            .when(endpoint.str.starts_with("/sso/")).then(pl.lit("sso_server"))
            .when(endpoint.str.starts_with("/entity.")).then(pl.lit("entity_api"))),
        creation_path=(
            pl.when((name == "entityCreated") & endpoint.is_in(REGISTER_ENDPOINTS))
            .then(pl.lit("registration"))
            .when((name == "entityCreated") & (endpoint == "/entity.bulkCreate"))
            .then(pl.lit("bulk_import"))
            .when((name == "entityCreated") & (endpoint == "/entity.create"))
            .then(pl.lit("api_only"))
            .when((name == "entityCreated") & endpoint.is_null()).then(pl.lit("console"))),
        update_reason=(
            pl.when(is_update & changes_deactivation).then(
                pl.when(pl.col("deactivate_account").is_null()).then(pl.lit("reactivation"))
                .otherwise(pl.lit("deactivation")))
            .when(is_update & endpoint.is_in(SIGN_IN_ENDPOINTS) & only_login_bookkeeping)
            .then(pl.lit("login"))
            .when(is_update).then(pl.lit("profile_edit"))),
    )


# --- 4. invariants (contract section 5), full scope: violations each ---------
def pairs_within_window(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
    """Same app, user, client (nulls equal) and endpoint, right within W of left."""
    keys = ["app_id", "user_uuid", "client_id", "endpoint"]
    # nulls_equal is for client_id; a null app, user or endpoint matches nothing.
    def side(frame, suffix):
        return frame.filter(pl.col("app_id").is_not_null(), pl.col("user_uuid").is_not_null(),
                            pl.col("endpoint").is_not_null()).select(
            *keys, pl.col("event_id").alias("id" + suffix),
            pl.col("occurred_at").alias("at" + suffix))
    return (side(left, "_left").join(side(right, "_right"), on=keys, nulls_equal=True)
            .filter(pl.col("at_right").is_between(pl.col("at_left") - W, pl.col("at_left") + W))
            .select("id_left", "id_right"))


def invariants(ev, excluded, rejects, raw_ids) -> dict[str, pl.LazyFrame]:
    et = pl.col("event_type")
    registrations = ev.filter(et.is_in(REGISTRATIONS))
    creations = ev.filter((et == "entity_create") & (pl.col("creation_path") == "registration"))
    sign_ins = ev.filter(et.is_in(SIGN_INS))
    logins = ev.filter((et == "entity_update") & (pl.col("update_reason") == "login"))
    reg_pairs = pairs_within_window(registrations, creations)
    login_pairs = pairs_within_window(sign_ins, logins)

    duplicated = ev.filter(pl.col("event_id").is_not_null()).group_by("event_id") \
        .agg(n=pl.len()).filter(pl.col("n") > 1).select(n=pl.col("n").sum())
    inv1 = pl.concat([
        count(ev.filter(et.is_null() | ~et.is_in(list(EVENT_TYPES.values())))),
        count(ev.filter(pl.col("event_id").is_null())), duplicated,
        count(ev.filter(pl.col("occurred_at").is_null())),
        count(ev.filter(pl.col("user_uuid").is_null()))])
    inv2 = pl.concat([
        count(registrations.join(reg_pairs.group_by("id_left").agg(n=pl.len()),
                                 left_on="event_id", right_on="id_left", how="left")
              .filter(pl.col("n").fill_null(0) != 1)),
        count(creations.join(reg_pairs, left_on="event_id", right_on="id_right", how="anti"))])
    imported = ev.filter((et == "entity_create")
                         & pl.col("creation_path").is_in(["bulk_import", "api_only", "console"]))
    inv3 = count(registrations.join(imported, on=["app_id", "user_uuid"], suffix="_c")
                 .select("event_id", "event_type", "user_uuid", "creation_path_c").unique())
    password_or_social = ev.filter(et.is_in(["signin.traditional", "signin.social"]))
    at, at_reg = pl.col("occurred_at"), pl.col("occurred_at_reg")
    inv4 = pl.concat([
        count(password_or_social.join(registrations, on=["app_id", "user_uuid"], suffix="_reg")
              .filter((at < at_reg) | ((pl.col("channel") == pl.col("channel_reg"))
                                       & (at >= at_reg) & (at <= at_reg + W)))),
        count(password_or_social.filter(pl.col("endpoint").is_in(REGISTER_ENDPOINTS)))])
    inv5 = pl.concat([
        count(sign_ins.join(login_pairs, left_on="event_id", right_on="id_left", how="anti")),
        count(logins.join(login_pairs, left_on="event_id", right_on="id_right", how="anti"))])
    inv6 = count(ev.filter((et == "entity_update") & (pl.col("endpoint") == "/entity.replace")))
    inv7 = count(ev.filter(
        (pl.lit("|") + pl.col("changed_attributes") + pl.lit("|"))
        .str.contains("|deactivateAccount|", literal=True)
        & ~((et == "entity_update")
            & pl.col("update_reason").is_in(["deactivation", "reactivation"]))))
    deletions = ev.filter(et == "entity_delete").group_by("app_id", "user_uuid") \
        .agg(deleted_at=pl.col("occurred_at").min())
    inv8 = count(ev.join(deletions, on=["app_id", "user_uuid"])
                 .filter(pl.col("occurred_at") > pl.col("deleted_at")))
    sso = ev.filter(et == "signin.sso")
    interactive = ev.filter(et.is_in(REGISTRATIONS + ["signin.traditional", "signin.social"])
                            & pl.col("sso_session_id").is_not_null())
    followed = (sso.join(interactive, on=["app_id", "sso_session_id"], suffix="_i")
                .filter((pl.col("client_id_i") != pl.col("client_id"))
                        & (pl.col("occurred_at_i") < pl.col("occurred_at")))
                .select("event_id").unique())
    inv9 = count(sso.join(followed, on="event_id", how="anti"))
    inv10 = count(ev.filter(
        (et.is_in(["signin.social", "signin.social_register"])
         & pl.col("identity_provider").is_null())
        | (et.is_in(["signin.traditional", "signin.traditional_register"])
           & pl.col("identity_provider").is_not_null())))
    outcomes = pl.concat([
        ev.select(id="event_id", reason="event_type"),
        excluded.select(id="audit_record_id", reason="exclusion_reason"),
        rejects.select(id="audit_record_id", reason="reject_reason")]) \
        .group_by("id").agg(n=pl.len(), missing=pl.col("reason").is_null().sum())
    inv11 = count(raw_ids.join(outcomes, left_on="raw_id", right_on="id", how="full",
                               coalesce=False)
                  .filter(pl.col("id").is_null() | pl.col("raw_id").is_null()
                          | (pl.col("n") != 1) | (pl.col("missing") > 0)))
    return {str(i + 1): check for i, check in enumerate(
        [inv1, inv2, inv3, inv4, inv5, inv6, inv7, inv8, inv9, inv10, inv11])}


def main() -> int:
    started = time.perf_counter()
    raw = load_raw()
    records = validate(raw)
    delivered_rows, raw_ids = raw.height, raw.select(raw_id="record_id").unique()
    del raw  # only the distinct ids of the deliveries are needed from here on
    classified = classify(records.lazy())
    fct_events, audit_log_excluded = pl.collect_all([
        classified.filter(pl.col("event_type").is_not_null()).select(
            event_id="record_id", event_type="event_type", occurred_at="logged_at_utc",
            ingested_at="ingested_at_utc", app_id="app_id", client_id="client_id",
            user_uuid="user_uuid", endpoint="endpoint", channel="channel",
            sign_in_method="sign_in_method", identity_provider="identity_provider",
            creation_path="creation_path", update_reason="update_reason",
            changed_attributes="changed_attributes", sso_session_id="sso_session_id",
            batch_id="batch_id", source_log_id="log_id"),
        classified.filter(pl.col("event_type").is_null()).select(
            audit_record_id="record_id", log_id="log_id", exclusion_reason="exclusion_reason",
            event_name="event_name", logged_at="logged_at_utc", ingested_at="ingested_at_utc",
            app_id="app_id", client_id="client_id", endpoint="endpoint",
            user_uuid="user_uuid", failure_reason="failure_reason"),
    ])
    audit_log_rejects = records.filter(pl.col("reject_reason").is_not_null()).select(
        pl.col("record_id").alias("audit_record_id"), "reject_reason", *COLUMNS,
        "logged_at_utc", "source_file")
    events_hourly = fct_events.lazy().group_by(
        pl.col("occurred_at").dt.truncate("1h").alias("event_hour"),
        "app_id", "client_id", "event_type",
    ).agg(event_count=pl.len(), user_count=pl.col("user_uuid").drop_nulls().n_unique()) \
        .collect()
    events_by_hour_of_day = events_hourly.lazy().group_by(
        pl.col("event_hour").dt.hour().cast(pl.Int32).alias("hour_of_day"), "event_type",
    ).agg(event_count=pl.col("event_count").sum().cast(pl.Int64)).collect()

    checks = invariants(fct_events.lazy(), audit_log_excluded.lazy(),
                        audit_log_rejects.lazy(), raw_ids.lazy())
    violations = pl.collect_all(list(checks.values()))
    invariant_violations = {number: int(result["n"].fill_null(0).sum())
                            for number, result in zip(checks, violations)}

    def by(frame: pl.DataFrame, column: str) -> dict:
        grouped = frame.group_by(column).len().sort(column)
        return {("null" if key is None else key): n
                for key, n in zip(grouped[column].to_list(), grouped["len"].to_list())}

    result = {
        "delivered_rows": delivered_rows,
        "distinct_records": records.height,
        "canonical": fct_events.height,
        "excluded": audit_log_excluded.height,
        "rejected": audit_log_rejects.height,
        "event_types": by(fct_events, "event_type"),
        "creation_paths": by(
            fct_events.filter(pl.col("event_type") == "entity_create"), "creation_path"),
        "update_reasons": by(
            fct_events.filter(pl.col("event_type") == "entity_update"), "update_reason"),
        "exclusion_reasons": by(audit_log_excluded, "exclusion_reason"),
        "reject_reasons": by(audit_log_rejects, "reject_reason"),
        "events_hourly": {"rows": events_hourly.height,
                          "event_count": int(events_hourly["event_count"].sum()),
                          "user_count": int(events_hourly["user_count"].sum())},
        "events_by_hour_of_day": {"rows": events_by_hour_of_day.height,
                                  "event_count": int(events_by_hour_of_day["event_count"].sum())},
        "invariant_violations": invariant_violations,
        "baseline": "polars",
        "polars_version": pl.__version__,
        "seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
