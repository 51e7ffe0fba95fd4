"""Print the events-by-hour-of-day mart as a table in the terminal.

Reads `events_by_hour_of_day` (one row per UTC hour of day, source system and
event type) from the reporting copy the build published, read-only, as BI tools
do (see reporting_copy.py), and prints hours as rows and the eight event types as
columns, in the order of `dim_event_types`. The counts are those of every source
system the build read, summed; `--source-system` shows one of them alone.

`--by-source-and-day` prints instead, for each reporting day, the registrations,
sign-ins and profile writes of each source system: a migration read as one
story (`make migration`).

Usage: python scripts/show_events_by_hour_of_day.py [--source-system NAME | --by-source-and-day]
           [path/to/customer_insights_reporting.duckdb]
(default: reporting/customer_insights_reporting.duckdb beside $DBT_DUCKDB_PATH)
"""

from __future__ import annotations

import argparse
import signal
import sys

import reporting_copy


def main() -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", default=reporting_copy.default_path(),
        help="the reporting copy (default: reporting/customer_insights_reporting.duckdb "
             "beside $DBT_DUCKDB_PATH)",
    )
    parser.add_argument(
        "--source-system", metavar="NAME",
        help="count only this source system's events (janrain, auth0, keycloak); "
             "default: all of them",
    )
    parser.add_argument(
        "--by-source-and-day", action="store_true",
        help="print each day's registrations, sign-ins and profile writes per source system",
    )
    args = parser.parse_args()
    path = args.path
    if args.by_source_and_day:
        return print_by_source_and_day(path)
    con = reporting_copy.connect(path)
    try:
        types = [row[0] for row in con.execute(
            "select event_type from main.dim_event_types order by sort_order"
        ).fetchall()]
        counts = {
            (hour, event_type): int(count)
            for hour, event_type, count in con.execute(
                "select hour_of_day, event_type, sum(event_count) "
                "from main.events_by_hour_of_day "
                "where ? is null or source_system = ? "
                "group by hour_of_day, event_type",
                [args.source_system, args.source_system],
            ).fetchall()
        }
    finally:
        con.close()

    # Two header lines ("signin." over "traditional_register") keep the table narrow.
    top = ["", *(t.split(".")[0] + "." if "." in t else "" for t in types), ""]
    headers = ["hour (UTC)", *(t.split(".")[-1] for t in types), "total"]
    rows = []
    for hour in range(24):
        values = [counts.get((hour, t), 0) for t in types]
        rows.append([f"{hour:02d}:00", *map(str, values), str(sum(values))])
    totals = [sum(counts.get((h, t), 0) for h in range(24)) for t in types]
    total_row = ["total", *map(str, totals), str(sum(totals))]

    widths = [
        max(len(top[i]), len(headers[i]), *(len(r[i]) for r in [*rows, total_row]))
        for i in range(len(headers))
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    rule = line(["-" * w for w in widths])
    only = f", source system {args.source_system} only" if args.source_system else ""
    print(f"Events by event type for each hour of the day (UTC){only}, from"
          f" main.events_by_hour_of_day in {path}")
    print(line(top))
    print(line(headers))
    print(rule)
    for row in rows:
        print(line(row))
    print(rule)
    print(line(total_row))
    return 0


def print_by_source_and_day(path: str) -> int:
    """Each day's registrations, sign-ins and profile writes per source system (events_daily)."""
    con = reporting_copy.connect(path)
    try:
        rows = con.execute(
            "select event_date, source_system,"
            " sum(case when event_type like 'signin.%register' then event_count else 0 end),"
            " sum(case when event_type like 'signin.%' and event_type not like '%register'"
            "     then event_count else 0 end),"
            " sum(case when event_type like 'entity_%' then event_count else 0 end)"
            " from main.events_daily group by 1, 2 order by 1, 2"
        ).fetchall()
    finally:
        con.close()
    sources = sorted({source for _, source, *_ in rows})
    by_day: dict = {}
    for day, source, registrations, sign_ins, writes in rows:
        by_day.setdefault(day, {})[source] = (int(registrations), int(sign_ins), int(writes))
    headers = ["day", *(f"{source} {measure}" for source in sources
                        for measure in ("registrations", "sign-ins", "profile writes"))]
    table = [
        [str(day), *(str(values.get(source, (0, 0, 0))[index]) if source in values else "-"
                     for source in sources for index in range(3))]
        for day, values in sorted(by_day.items())
    ]
    widths = [max(len(headers[i]), *(len(row[i]) for row in table)) for i in range(len(headers))]
    print(f"Registrations, sign-ins and profile writes per day and source system, from"
          f" main.events_daily in {path} (- : the source delivered nothing that day)")
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths)))
    for row in table:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
