"""The report as a reader sees it: every page opened in Chromium (Playwright), screenshots kept.

Skips, saying why, when Playwright or the system Chromium (``apt-get install chromium``) is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

CHROMIUM = next(
    (
        p
        for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
        if p and Path(p).exists()
    ),
    None,
)
SCREENSHOTS = REPO / "reports" / "screenshots"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if CHROMIUM is None:
        pytest.skip("system Chromium not found (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def built_report(tmp_path_factory) -> Path:
    from textkit.report import run_report

    out = tmp_path_factory.mktemp("browser") / "reports"
    run_report(SEEDS, REPO / "notebooks", out)
    return out


def _pages(out: Path) -> list[Path]:
    return [out / "index.html", *sorted(out.glob("[0-9][0-9]_*.html"))]


def test_every_page_reads_well_in_chromium(browser, built_report):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for path in _pages(built_report):
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on(
            "console", lambda m, p=path: m.type == "error" and problems.append(f"{p.name}: console {m.text}")
        )
        page.on("pageerror", lambda e, p=path: problems.append(f"{p.name}: page error {e}"))
        page.on("requestfailed", lambda r, p=path: problems.append(f"{p.name}: failed to load {r.url}"))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        if path.name != "index.html":
            if page.locator("nav.tk-toc a").count() == 0:
                problems.append(f"{path.name}: no table of contents")
            for anchor in page.locator("nav.tk-toc a").all():
                target = anchor.get_attribute("href")[1:]
                if page.locator(f'[id="{target}"]').count() == 0:
                    problems.append(f"{path.name}: contents link #{target} goes nowhere")
            visible_code = page.locator(".jp-InputArea-editor:visible").count()
            if visible_code:
                problems.append(f"{path.name}: {visible_code} code cells visible by default")
        broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length")
        if broken:
            problems.append(f"{path.name}: {broken} figures did not load")
        for href in page.eval_on_selector_all(
            "a[href$='.csv']", "els => els.map(e => e.getAttribute('href'))"
        ):
            if not (path.parent / href).is_file():
                problems.append(f"{path.name}: CSV link {href} does not resolve")
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"), full_page=False)
        page.close()
    assert not problems, "\n".join(problems)


def test_long_table_filters_and_sorts_offline(browser, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_report import _long_table_notebook

    from textkit.report import _render_html

    path = tmp_path / "long.html"
    path.write_text(_render_html(_long_table_notebook(30), [("index.html", "Index")]), encoding="utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error {e}"))
    page.on("request", lambda r: r.url != path.as_uri() and problems.append(f"request {r.url}"))
    page.goto(path.as_uri())
    rows = "table.tk-interactive tbody tr"
    visible = "els => els.filter(e => !e.hidden).map(e => e.cells[1].textContent)"
    assert page.locator(rows).count() == 30
    page.fill("input.tk-table-search", "词1")
    assert page.eval_on_selector_all(rows, visible) == [f"词{i}" for i in range(10, 20)]
    page.fill("input.tk-table-search", "")
    page.locator("table.tk-interactive thead th", has_text="count").click()
    counts = [int(c) for c in page.eval_on_selector_all(rows, "els => els.map(e => e.cells[2].textContent)")]
    assert counts == sorted(counts)
    page.locator("table.tk-interactive thead th", has_text="count").click()
    counts = [int(c) for c in page.eval_on_selector_all(rows, "els => els.map(e => e.cells[2].textContent)")]
    assert counts == sorted(counts, reverse=True)
    page.close()
    assert not problems, "\n".join(problems)
