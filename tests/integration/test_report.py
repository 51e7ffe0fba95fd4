"""The rendered report opens in headless Chromium with every chart drawn and no error.

The page checked is ``$REPORT_DIR/customer_insights.html`` when ``make test``
wrote it with ``make report``; otherwise it is rendered here from the reporting
copy the demo build published (the report reads the copy, as BI tools do).
Chromium is driven through chromium-driver (WebDriver): the test
waits until the page says all charts settled, then requires one rendered SVG
chart per dashboard exposure, no error caught by the page, no severe console
message, no network request, and a PNG per chart beside the page. It saves a
full-page screenshot next to the page. A second test breaks a copy of the page
and shows that the same check catches it. A third shows that the copy is never
published without a mart the build selected.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from harness import DBT, DEMO_DB, PYTHON, REPO_ROOT, copy_database

RENDERER = REPO_ROOT / "scripts" / "render_report.py"
EXPOSURES = REPO_ROOT / "models" / "marts" / "dashboards" / "_exposures.yml"
PAGE = "customer_insights.html"
# Where the demo build published its reporting copy (the var reporting_dir unset).
DEMO_REPORTING_DB = DEMO_DB.parent / "reporting" / "customer_insights_reporting.duckdb"
SCREENSHOT = "customer_insights_screenshot.png"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000",
]


def dashboards() -> list[str]:
    return [e["name"] for e in yaml.safe_load(EXPOSURES.read_text())["exposures"]]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    given = os.environ.get("REPORT_DIR")
    if given and (Path(given) / PAGE).exists():
        return Path(given)
    if not DEMO_REPORTING_DB.exists():
        pytest.skip(f"no report in $REPORT_DIR and no reporting copy at {DEMO_REPORTING_DB} "
                    "(run make)")
    out = tmp_path_factory.mktemp("report")
    subprocess.run(
        [str(PYTHON), str(RENDERER), "--reporting-db", str(DEMO_REPORTING_DB),
         "--out-dir", str(out)],
        check=True, capture_output=True, timeout=600,
    )
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "chromium / chromedriver missing: run `make chromium` as root"
    options = Options()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    yield session
    session.quit()


def inspect_page(browser, page: Path) -> dict:
    """Load the page, wait for its charts to settle, and report what happened."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.resolve().as_uri())
    # Settled: every chart resolved or failed; or the libraries never loaded.
    WebDriverWait(browser, 90).until(lambda b: b.execute_script(
        "return document.readyState === 'complete' && (document.body.dataset.reportDone"
        " === 'true' || typeof vegaEmbed === 'undefined')"
    ))
    state = browser.execute_script("""
        const charts = {};
        const order = [];
        for (const div of document.querySelectorAll('.chart')) {
            const svg = div.querySelector('svg');
            const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
            order.push(div.id.replace(/^chart-/, ''));
            charts[order[order.length - 1]] = {
                rendered: div.dataset.rendered === 'true',
                marks: svg ? svg.querySelectorAll('path, rect, line, text').length : 0,
                width: box.width, height: box.height,
            };
        }
        return {
            charts: charts,
            order: order,
            errors: window.reportErrors || ['the page error trap is missing'],
            requests: performance.getEntriesByType('resource').map((entry) => entry.name),
        };
    """)
    state["console"] = [
        entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"
    ]
    return state


def test_every_chart_renders_without_error(browser, report_dir):
    page = report_dir / PAGE
    state = inspect_page(browser, page)
    assert state["errors"] == [], state["errors"]
    assert state["console"] == [], state["console"]
    assert state["requests"] == [], "the page must be self-contained"
    assert state["order"] == dashboards()
    for name, chart in state["charts"].items():
        assert chart["rendered"], name
        assert chart["marks"] > 10 and chart["width"] > 200 and chart["height"] > 100, (name, chart)
    # The PNG of every chart beside the page.
    for name in dashboards():
        png = (report_dir / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000, name
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height), 16000))
    assert browser.save_screenshot(str(report_dir / SCREENSHOT))


def test_the_check_catches_a_broken_page(browser, report_dir, tmp_path):
    html = (report_dir / PAGE).read_text(encoding="utf-8")
    match = re.search(r'(<script type="application/json" id="chart-specs">)(.*?)(</script>)',
                      html, re.S)
    specs = json.loads(re.sub(r"<\\/(script)", r"</\1", match.group(2), flags=re.I))
    first = next(iter(specs))
    specs[first] = {"mark": "no_such_mark", "data": {"values": []}}
    head, _, tail = (html[:match.start(2)] + json.dumps(specs) + html[match.end(2):]).rpartition(
        "</body>"
    )
    broken = head + "<script>undefinedReportFunction();</script>\n</body>" + tail
    page = tmp_path / PAGE
    page.write_text(broken, encoding="utf-8")
    state = inspect_page(browser, page)
    assert not state["charts"][first]["rendered"]
    assert any(first in error for error in state["errors"]), state["errors"]
    assert any("undefinedReportFunction" in error for error in state["errors"]), state["errors"]
    assert state["console"], "the script error must reach the console log too"


def test_no_reporting_copy_without_a_mart_the_build_selected(tmp_path):
    """A mart the run selected that is not in the database (here dim_event_types,
    dropped by a hook right after it is built, as if made ephemeral) fails the
    publication, and nothing is published. Not selected, the missing mart is left
    out of the copy (as `--exclude tag:dashboards` leaves the dashboards out)."""
    if not DEMO_DB.exists():
        pytest.skip(f"no demo database at {DEMO_DB} (run make first)")
    project = tmp_path / "project"  # the project with that hook, and its own target/
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml", "selectors.yml", "macros", "seeds", "tests"):
        (project / name).symlink_to(REPO_ROOT / name)
    shutil.copytree(REPO_ROOT / "models", project / "models")
    mart = project / "models" / "marts" / "dim_event_types.sql"
    mart.write_text('{{ config(post_hook="drop table {{ this }}") }}\n' + mart.read_text())
    db = copy_database(DEMO_DB, tmp_path / "db")
    published = db.parent / "reporting" / "customer_insights_reporting.duckdb"
    env = dict(os.environ, DBT_DUCKDB_PATH=str(db), DBT_PROFILES_DIR=str(project),
               DBT_PROJECT_DIR=str(project), DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    for name in ("DBT_TARGET_PATH", "DBT_LOG_PATH"):
        env.pop(name, None)

    def dbt_run(*select: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(DBT), "run", "--select", *select], cwd=project, env=env,
                              capture_output=True, text=True, timeout=600)

    selected = dbt_run("dim_event_types", "publish_reporting_copy")
    assert selected.returncode != 0, selected.stdout[-3000:]
    assert "this run selected" in selected.stdout and "dim_event_types" in selected.stdout
    assert not published.exists()

    not_selected = dbt_run("publish_reporting_copy")
    assert not_selected.returncode == 0, not_selected.stdout[-3000:]
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = {name for (name,) in con.execute(
            "select table_name from information_schema.tables").fetchall()}
    finally:
        con.close()
    assert "dim_event_types" not in tables and {"events_hourly", "fct_events"} <= tables
