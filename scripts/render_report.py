"""Render the Customer Insights report from the marts: one HTML page and a PNG per chart.

Reads the reporting copy the build published, read-only, as BI tools do (see
reporting_copy.py), and writes to ``--out-dir`` (default ``reports/``):

- ``customer_insights.html``: a self-contained page (Vega, Vega-Lite and Vega-Embed
  are inlined; it loads nothing from the network) with one chart per dashboard;
- ``<dashboard>.png`` beside it, one per chart.

The dashboards are the ``exposures:`` of ``models/marts/dashboards/_exposures.yml``,
in that order, under their labels and descriptions: the classic chart (events by
event type for each hour of the day) first, then one chart per default dashboard,
then what they did not show. A dashboard without a chart here is an error.

Every mart has a row per source system (``source_system``: janrain, auth0,
keycloak); the charts show every source the build read, summed.

Usage: python scripts/render_report.py [--reporting-db PATH] [--out-dir reports]
(default PATH: reporting/customer_insights_reporting.duckdb beside $DBT_DUCKDB_PATH)
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import altair as alt
import vl_convert
import yaml

import reporting_copy

REPO_ROOT = Path(__file__).resolve().parents[1]
EXPOSURES = REPO_ROOT / "models" / "marts" / "dashboards" / "_exposures.yml"
PAGE = "customer_insights.html"
WIDTH = 760

Query = Callable[[str], list[dict]]


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


def connect(path: Path) -> Query:
    con = reporting_copy.connect(path)
    con.execute("set TimeZone = 'UTC'")

    def query(sql: str) -> list[dict]:
        cursor = con.execute(sql)
        names = [column[0] for column in cursor.description]
        return [
            {name: _jsonable(value) for name, value in zip(names, row)}
            for row in cursor.fetchall()
        ]

    query.close = con.close  # type: ignore[attr-defined]
    return query


def _jsonable(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return float(value)  # Decimal from sum()


def event_type_order(query: Query) -> list[str]:
    rows = query("select event_type from main.dim_event_types order by sort_order")
    return [row["event_type"] for row in rows]


# --------------------------------------------------------------------------
# Charts, one per exposure
# --------------------------------------------------------------------------


def _event_type_color(order: list[str]) -> alt.Color:
    return alt.Color(
        "event_type:N", title="event type", sort=order,
        scale=alt.Scale(domain=order, scheme="tableau10"),
    )


def _counts_by_type(rows, x: alt.X, order: list[str], title: str, width=WIDTH, height=300):
    return (
        alt.Chart(alt.Data(values=rows), title=title, width=width, height=height)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("sum(event_count):Q", title="events"),
            color=_event_type_color(order),
            order=alt.Order("type_rank:Q"),
            tooltip=["event_type:N", alt.Tooltip("sum(event_count):Q", title="events")],
        )
    )


def _with_rank(rows: list[dict], order: list[str]) -> list[dict]:
    rank = {name: position for position, name in enumerate(order)}
    return [dict(row, type_rank=rank.get(row["event_type"], len(order))) for row in rows]


def _folded(rows: list[dict], keys: list[str], measures: list[str]) -> list[dict]:
    """Wide rows to long ones: one row per key and measure, with `measure` and `value`."""
    return [
        {**{key: row[key] for key in keys}, "measure": measure, "value": row[measure]}
        for row in rows
        for measure in measures
    ]


def chart_classic(query: Query, order: list[str]):
    rows = _with_rank(
        query("select hour_of_day, event_type, sum(event_count) as event_count "
              "from main.events_by_hour_of_day group by all"),
        order,
    )
    return _counts_by_type(
        rows, alt.X("hour_of_day:O", title="hour of the day (UTC)"), order,
        "Events by event type for each hour of the day (UTC)", height=360,
    )


def chart_app_overview(query: Query, order: list[str]):
    rows = _with_rank(
        query(
            "select event_month, coalesce(client_id, '(console)') as client_id, event_type, "
            "sum(event_count) as event_count from main.app_overview_monthly "
            "where event_type = 'entity_create' or event_type like 'signin.%' group by all"
        ),
        order,
    )
    return _counts_by_type(
        rows, alt.X("client_id:N", title="API client", axis=alt.Axis(labelAngle=-30)),
        order, "", width=420, height=260,
    ).facet(
        column=alt.Column("event_month:O", title="month"),
        title="Profile creations and sign-ins by API client and month",
    )


def chart_event_summary(query: Query, order: list[str]):
    measures = ["registrations", "sign_ins", "sso_sign_ins"]
    sums = ", ".join(f"sum({m}) as {m}" for m in measures)
    hourly = _folded(
        query(f"select event_hour_local, {sums} from main.event_summary_hourly group by all"),
        ["event_hour_local"], measures,
    )
    daily = _folded(
        query(f"select event_date, {sums} from main.event_summary_daily group by all"),
        ["event_date"], measures,
    )
    color = alt.Color("measure:N", sort=measures, title="")
    per_hour = alt.Chart(alt.Data(values=hourly), title="Per hour", width=WIDTH, height=200)\
        .mark_line(strokeWidth=1).encode(
            x=alt.X("event_hour_local:T", title="hour (reporting time zone)"),
            y=alt.Y("value:Q", title="events"), color=color,
        )
    per_day = alt.Chart(alt.Data(values=daily), title="Per day", width=WIDTH, height=200)\
        .mark_line(point=True).encode(
            x=alt.X("event_date:T", title="day (reporting time zone)"),
            y=alt.Y("value:Q", title="events"), color=color,
            tooltip=["event_date:T", "measure:N", "value:Q"],
        )
    return alt.vconcat(per_hour, per_day)


def chart_events_by_hour_and_minute(query: Query, order: list[str]):
    by_hour = _counts_by_type(
        _with_rank(query(
            "select hour_of_day_local, event_type, sum(event_count) as event_count "
            "from main.events_by_hour_of_day_local group by all"), order),
        alt.X("hour_of_day_local:O", title="hour of the day (reporting time zone)"),
        order, "Per hour of the day", width=WIDTH, height=220,
    )
    by_minute = _counts_by_type(
        _with_rank(query(
            "select minute_of_hour, event_type, sum(event_count) as event_count "
            "from main.events_by_minute_of_hour group by all"
        ), order),
        alt.X("minute_of_hour:O", title="minute of the hour"),
        order, "Per minute of the hour", width=WIDTH, height=220,
    )
    heat = alt.Chart(
        alt.Data(values=query(
            "select iso_weekday, hour_of_day_local, sum(event_count) as event_count "
            "from main.events_by_weekday_and_hour group by all")),
        title="Weekday by hour", width=WIDTH, height=180,
    ).mark_rect().encode(
        x=alt.X("hour_of_day_local:O", title="hour of the day (reporting time zone)"),
        y=alt.Y("iso_weekday:O", title="weekday (1 = Monday)"),
        color=alt.Color("event_count:Q", title="events"),
        tooltip=["iso_weekday:O", "hour_of_day_local:O", "event_count:Q"],
    )
    return alt.vconcat(by_hour, by_minute, heat)


def _bars(rows, category: str, title: str, color: str, value: str = "value"):
    return alt.Chart(alt.Data(values=rows), title=title, width=230, height=220).mark_bar()\
        .encode(
            x=alt.X(f"{category}:N", title="", axis=alt.Axis(labelAngle=-30)),
            y=alt.Y(f"sum({value}):Q", title="events"),
            color=alt.Color(f"{color}:N", title=color.replace("_", " ")),
            tooltip=[f"{category}:N", f"{color}:N", alt.Tooltip(f"sum({value}):Q", title="n")],
        )


def chart_event_details(query: Query, order: list[str]):
    store = query(
        "select event_type, coalesce(creation_path, update_reason, 'deletion') as detail, "
        "sum(event_count) as value from main.profile_store_events_daily group by all"
    )
    registrations = query(
        "select sign_in_method, coalesce(identity_provider, '(password)') as identity_provider,"
        " sum(registrations) as value from main.registrations_by_method_daily group by all"
    )
    sign_ins = query(
        "select sign_in_method, channel, sum(sign_ins) as value "
        "from main.sign_ins_by_method_daily group by all"
    )
    return alt.hconcat(
        _bars(store, "event_type", "Profile store by creation path / update reason", "detail"),
        _bars(registrations, "sign_in_method", "Registrations by method and provider",
              "identity_provider"),
        _bars(sign_ins, "sign_in_method", "Sign-ins by method and channel", "channel"),
    ).resolve_scale(color="independent")


def chart_daily_profile_counts(query: Query, order: list[str]):
    rows = query(
        "select profile_date, app_id, sum(profile_count) as profile_count, "
        "sum(change_from_previous_day) as change_from_previous_day "
        "from main.profile_counts_daily group by all"
    )
    base = alt.Chart(alt.Data(values=rows), width=WIDTH)
    counts = base.mark_line(point=True).encode(
        x=alt.X("profile_date:T", title="day (reporting time zone)"),
        y=alt.Y("profile_count:Q", title="profiles in the store at midnight"),
        color=alt.Color("app_id:N", title="app"),
        tooltip=["profile_date:T", "app_id:N", "profile_count:Q", "change_from_previous_day:Q"],
    ).properties(height=240, title="Profiles in the store")
    change = base.mark_bar().encode(
        x=alt.X("profile_date:T", title="day (reporting time zone)"),
        y=alt.Y("sum(change_from_previous_day):Q", title="change from the previous day"),
        color=alt.Color("app_id:N", title="app"),
    ).properties(height=140, title="Day-over-day change")
    return alt.vconcat(counts, change)


def _daily_measures(query: Query, relation: str, measures: list[str], title: str, mark: str):
    sums = ", ".join(f"sum({m}) as {m}" for m in measures)
    rows = _folded(
        query(f"select event_date, {sums} from main.{relation} group by all"),
        ["event_date"], measures,
    )
    chart = alt.Chart(alt.Data(values=rows), title=title, width=WIDTH, height=260)
    chart = chart.mark_line(point=True) if mark == "line" else chart.mark_bar()
    return chart.encode(
        x=alt.X("event_date:T", title="day (reporting time zone)"),
        y=alt.Y("value:Q", title="events", stack=mark != "line"),
        color=alt.Color("measure:N", sort=measures, title=""),
        tooltip=["event_date:T", "measure:N", "value:Q"],
    )


def chart_lifecycle_trends(query: Query, order: list[str]):
    return _daily_measures(
        query, "profile_lifecycle_daily",
        ["last_login_updates", "profiles_created", "deactivations", "reactivations",
         "profiles_deleted"],
        "Last-login writes, creations, deactivations and deletions per day", "line",
    ).encode(y=alt.Y("value:Q", title="events (log scale)", scale=alt.Scale(type="symlog")))


def chart_profile_updates_explained(query: Query, order: list[str]):
    return _daily_measures(
        query, "profile_updates_explained",
        ["login_updates", "profile_edits", "deactivations", "reactivations"],
        "entity_update per day, by what it really was", "bar",
    )


def chart_sso_federation_flows(query: Query, order: list[str]):
    rows = query(
        "select coalesce(origin_client_id, '(unknown)') as origin, destination_client_id, "
        "sum(sso_sign_ins) as sso_sign_ins from main.sso_federation_flows group by all"
    )
    base = alt.Chart(alt.Data(values=rows), title="SSO sign-ins: where the session began -> "
                     "where the user was carried", width=420, height=240)
    encoding = dict(
        x=alt.X("destination_client_id:N", title="carried to", axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("origin:N", title="session began on"),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("sso_sign_ins:Q", title="SSO sign-ins"), **encoding,
        tooltip=["origin:N", "destination_client_id:N", "sso_sign_ins:Q"],
    )
    labels = base.mark_text(color="black").encode(text="sso_sign_ins:Q", **encoding)
    return cells + labels


def chart_failed_sign_ins(query: Query, order: list[str]):
    rows = query(
        "select event_date, coalesce(client_id, '(console)') as client_id, failure_reason, "
        "case when is_known_user then 'known account' else 'unknown account' end as account, "
        "sum(failed_sign_ins) as failed_sign_ins from main.failed_sign_ins_daily group by all"
    )
    base = alt.Chart(alt.Data(values=rows))
    per_day = base.mark_bar().encode(
        x=alt.X("event_date:T", title="day (reporting time zone)"),
        y=alt.Y("sum(failed_sign_ins):Q", title="failed sign-ins"),
        color=alt.Color("failure_reason:N", title="failure reason"),
    ).properties(width=WIDTH, height=200, title="Failed sign-ins per day by reason")
    per_client = base.mark_bar().encode(
        y=alt.Y("client_id:N", title="API client"),
        x=alt.X("sum(failed_sign_ins):Q", title="failed sign-ins"),
        color=alt.Color("account:N", title=""),
    ).properties(width=WIDTH - 200, height=120, title="By API client")
    return alt.vconcat(per_day, per_client).resolve_scale(color="independent")


def chart_active_users(query: Query, order: list[str]):
    rows = query(
        "select period_grain, period_start, sum(new_users) as new_users, "
        "sum(returning_users) as returning_users from main.active_users group by all"
    )
    charts = []
    for grain, mark in (("day", "area"), ("week", "bar"), ("month", "bar")):
        data = _folded(
            [row for row in rows if row["period_grain"] == grain],
            ["period_start"], ["new_users", "returning_users"],
        )
        chart = alt.Chart(alt.Data(values=data), title=f"{grain.title()}ly active users"
                          if grain != "day" else "Daily active users")
        chart = chart.mark_area() if mark == "area" else chart.mark_bar()
        x_type = "period_start:T" if grain == "day" else "period_start:O"
        charts.append(chart.encode(
            x=alt.X(x_type, title=f"{grain} (reporting time zone)"),
            y=alt.Y("sum(value):Q", title="users", stack=True),
            color=alt.Color("measure:N", title="", sort=["returning_users", "new_users"]),
            tooltip=["period_start:N", "measure:N", "value:Q"],
        ).properties(width=WIDTH if grain == "day" else 330, height=200))
    return alt.vconcat(charts[0], alt.hconcat(charts[1], charts[2]))


def chart_sources_over_time(query: Query, order: list[str]):
    rows = query(
        "select event_date, source_system,"
        " sum(case when event_type like 'signin.%register' then event_count else 0 end)"
        "   as registrations,"
        " sum(case when event_type like 'signin.%' and event_type not like '%register'"
        "   then event_count else 0 end) as sign_ins,"
        " sum(case when event_type like 'entity_%' then event_count else 0 end) as profile_writes"
        " from main.events_daily group by all"
    )
    folded = _folded(rows, ["event_date", "source_system"], ["registrations", "sign_ins", "profile_writes"])
    return (
        alt.Chart(alt.Data(values=[{k: _jsonable(v) for k, v in r.items()} for r in folded]))
        .mark_bar()
        .encode(
            x=alt.X("event_date:T", title="day"),
            y=alt.Y("value:Q", title="events"),
            color=alt.Color("source_system:N", title="source system"),
            row=alt.Row("measure:N", title=None),
            tooltip=["event_date:T", "source_system:N", "measure:N", "value:Q"],
        )
        .properties(width=WIDTH, height=120, title="Events per day by source system")
    )


# What each platform's log cannot show (sources.md 3.5, 4.5; docs/auth0.md,
# docs/keycloak.md), printed under the report's header for the sources it read.
BLIND_SPOTS = {
    "auth0": "Auth0 logs show no per-user record of bulk imports, no SSO into a client "
             "already used in the session, no first social sign-in older than the log and "
             "no profile write made by an Action; a migrated social user's first Auth0 "
             "sign-in counts as a social registration.",
    "keycloak": "Keycloak logs show no SSO into a client already used in the session (a "
                "reload looks the same), count a password typed again within a session as "
                "SSO, and show no users of LDAP or Kerberos federation, no users a partial "
                "import overwrote and no deactivation an admin event carries no "
                "representation for.",
}


CHARTS: dict[str, Callable[[Query, list[str]], alt.TopLevelMixin]] = {
    "classic_events_by_hour_of_day": chart_classic,
    "app_overview": chart_app_overview,
    "event_summary": chart_event_summary,
    "events_by_hour_and_minute": chart_events_by_hour_and_minute,
    "event_details": chart_event_details,
    "daily_profile_counts": chart_daily_profile_counts,
    "lifecycle_trends": chart_lifecycle_trends,
    "updates_explained": chart_profile_updates_explained,
    "sso_flows": chart_sso_federation_flows,
    "failed_sign_ins": chart_failed_sign_ins,
    "active_user_trends": chart_active_users,
    "sources_over_time": chart_sources_over_time,
}


# --------------------------------------------------------------------------
# Page
# --------------------------------------------------------------------------


def dashboards() -> list[dict]:
    """The exposures, in file order: name, label, description."""
    exposures = yaml.safe_load(EXPOSURES.read_text())["exposures"]
    missing = [e["name"] for e in exposures if e["name"] not in CHARTS]
    if missing:
        raise SystemExit(f"no chart for the dashboard(s) {missing}: add one to CHARTS")
    return exposures


def _script_safe(text: str) -> str:
    """Text that can sit inside a <script> element without ending it (JSON or JavaScript
    outside a regular expression: `<\/` means `</` there)."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


PAGE_SCRIPT = """
const specs = JSON.parse(document.getElementById('chart-specs').textContent);
Promise.allSettled(Object.entries(specs).map(([name, spec]) => {
  const target = document.getElementById('chart-' + name);
  return vegaEmbed(target, spec, {renderer: 'svg', actions: false})
    .then(() => { target.dataset.rendered = 'true'; })
    .catch((error) => { window.reportErrors.push(name + ': ' + error); });
})).then(() => { document.body.dataset.reportDone = 'true'; });
"""

ERROR_TRAP = """
window.reportErrors = [];
window.addEventListener('error', (event) => window.reportErrors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.reportErrors.push(String(event.reason)));
"""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2rem; } .meta { color: #666; margin-top: 0; }
section { border-top: 1px solid #ddd; padding: 1rem 0 1.5rem; }
nav a { margin-right: 0.8rem; } .chart { min-height: 120px; }
"""


def render_page(sections: list[dict], specs: dict, meta: str, notes: list[str] = ()) -> str:
    nav = " ".join(
        f'<a href="#{s["name"]}">{html.escape(s["label"])}</a>' for s in sections
    )
    body = "\n".join(
        f'<section id="{s["name"]}">\n<h2>{html.escape(s["label"])}</h2>\n'
        f'<p>{html.escape(" ".join(s["description"].split()))}</p>\n'
        f'<div class="chart" id="chart-{s["name"]}" data-rendered="false"></div>\n'
        f'<p><a href="{s["name"]}.png">{s["name"]}.png</a></p>\n</section>'
        for s in sections
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Customer Insights</title>
<style>{STYLE}</style>
<script>{ERROR_TRAP}</script>
<script>{_script_safe(vl_convert.javascript_bundle())}</script>
</head>
<body data-report-done="false">
<h1>Customer Insights</h1>
<p class="meta">{html.escape(meta)}</p>
{"".join(f'<p class="meta blind-spot">{html.escape(note)}</p>' for note in notes)}
<nav>{nav}</nav>
{body}
<script type="application/json" id="chart-specs">{_script_safe(json.dumps(specs))}</script>
<script>{PAGE_SCRIPT}</script>
</body>
</html>
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reporting-db", type=Path, default=reporting_copy.default_path(),
        help="the reporting copy the build published "
             "(default: reporting/customer_insights_reporting.duckdb beside $DBT_DUCKDB_PATH)",
    )
    parser.add_argument("--out-dir", default="reports")
    args = parser.parse_args()
    sections = dashboards()
    query = connect(args.reporting_db)
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        order = event_type_order(query)
        zone = query("select max(reporting_time_zone) as zone from main.events_daily")[0]["zone"]
        published = query("select max(published_at) as at from main._publication")[0]["at"]
        sources = query(
            "select string_agg(distinct source_system, ', ' order by source_system) as names "
            "from main.events_daily"
        )[0]["names"]
        charts = {s["name"]: CHARTS[s["name"]](query, order) for s in sections}
    finally:
        query.close()

    specs = {}
    for name, chart in charts.items():
        spec = chart.to_dict()
        specs[name] = spec
        (out_dir / f"{name}.png").write_bytes(
            vl_convert.vegalite_to_png(vl_spec=spec, scale=1.5)
        )
    summed = " (summed)" if sources and "," in sources else ""
    meta = (
        f"From {args.reporting_db.name}, published {published[:16].replace('T', ' ')} UTC; "
        f"days, hours and weekdays in {zone or 'UTC'} "
        f"unless marked UTC; source systems {sources or 'none'}{summed}. "
        f"Rendered {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC."
    )
    page = out_dir / PAGE
    notes = [BLIND_SPOTS[name] for name in (sources or "").split(", ") if name in BLIND_SPOTS]
    page.write_text(render_page(sections, specs, meta, notes), encoding="utf-8")
    print(f"wrote {page} and {len(specs)} PNG files beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
