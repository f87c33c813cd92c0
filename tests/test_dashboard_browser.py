"""The dashboard in a real browser: ``python -m simulator dashboard`` serves it, Chromium clicks it.

Needs Debian's ``chromium`` (``.ci/run`` installs it). Without it the test is
skipped on a developer's machine and fails in CI, so a missing browser can
never pass unnoticed. Every request off 127.0.0.1 is refused and recorded:
the page must work offline. Screenshots go to the test's ``tmp_path``; with
``COBRANZA_SCREENSHOTS=1`` the results view is also saved as
``docs/img/tablero.png``.
"""

from __future__ import annotations

import io
import os
import shutil
import urllib.parse
import zipfile

import pytest
from served_dashboard import CHROMIUM, CHROMIUM_ARGS, need_chromium, start

from simulator.experiments.compare import compare_strategies
from simulator.experiments.kpis import KPI_LABELS
from simulator.experiments.settings import RunSettings
from simulator.paths import PROJECT_ROOT
from simulator.reporting import format_difference, format_interval, format_value

DAYS, REPLICATIONS, SEED = 30, 3, 5
SCREENSHOT = PROJECT_ROOT / "docs" / "img" / "tablero.png"


@pytest.fixture(scope="module")
def dashboard_url(tmp_path_factory):
    """The dashboard served on a free loopback port by the documented command."""
    need_chromium()
    served = start(tmp_path_factory.mktemp("tablero"))
    try:
        yield served.url
    finally:
        served.stop()  # the command stops Voila and its kernels with it


@pytest.fixture(scope="module")
def outside():
    """Every request the page tried to send off this machine (all are refused: it must work offline)."""
    return []


@pytest.fixture(scope="module")
def page(dashboard_url, outside):
    from playwright.sync_api import sync_playwright

    def offline(route):
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1300, "height": 1100}, accept_downloads=True)
        context.route("**/*", offline)
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(dashboard_url)
        yield tab
        browser.close()


def test_the_page_works_offline_with_its_icons(page, outside):
    page.locator(".tablero-ejecutar").wait_for()
    page.evaluate("document.fonts.ready.then(() => true)")
    icon = page.locator(".tablero-ejecutar i.fa-play")
    assert "Font Awesome" in icon.evaluate("icon => getComputedStyle(icon, '::before').fontFamily")
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 5 Free\"')")
    assert page.evaluate("[...document.fonts].some(font => font.family.includes('Font Awesome')"
                         " && font.status === 'loaded')")
    assert outside == []  # nothing asked of the internet: no CDN, fonts and scripts from Voila


def _set_number(page, css_class: str, value: int) -> None:
    field = page.locator(f".{css_class} input")
    field.fill(str(value))
    field.press("Enter")


def _table(page, index: int) -> list[list[str]]:
    """Text of every body row of the ``index``-th table in the results, cell by cell."""
    return page.locator(".tablero-tabla table").nth(index).evaluate(
        "table => [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => cell.textContent))")


def test_a_manager_compares_two_strategies_and_takes_the_report(page, demo_portfolio, parameters, strategy,
                                                                 tmp_path):
    page.locator(".tablero-ejecutar").wait_for()  # fails here if the page does not render
    page.screenshot(path=tmp_path / "inicio.png", full_page=True)
    assert "cartera de demostración, 5,000 cuentas" in page.locator(".tablero-estado-cartera").inner_text()
    page.locator(".tablero-campeona .tablero-estrategia select").select_option("escalonada")
    page.locator(".tablero-retadora .tablero-estrategia select").select_option("digital_primero")
    for css_class, value in (("tablero-dias", DAYS), ("tablero-replicas", REPLICATIONS),
                             ("tablero-semilla", SEED), ("tablero-procesos", 1), ("tablero-precision", 0)):
        _set_number(page, css_class, value)
    page.locator(".tablero-ejecutar").click()

    expected = compare_strategies(demo_portfolio, [strategy("escalonada"), strategy("digital_primero")],
                                  parameters, RunSettings(days=DAYS, seed=SEED, replications=REPLICATIONS))
    done = page.locator(".tablero-estado", has_text="Comparación terminada")
    done.wait_for(timeout=180_000)
    assert f"{REPLICATIONS} réplicas por estrategia, {DAYS} días, semilla {SEED}" in done.inner_text()
    page.locator(".tablero-graficas img").first.wait_for()

    kpis = {row[0]: row[1:] for row in _table(page, 0)}
    for kpi, label in KPI_LABELS.items():
        shown = []
        for run in expected.runs.values():
            mean, low, high = run.summary.set_index("kpi").loc[kpi, ["mean", "ci95_low", "ci95_high"]]
            shown.append(format_value(kpi, mean) + format_interval(kpi, low, high))
        assert kpis[label] == shown, kpi
    differences = {row[0]: row[1] for row in _table(page, 1)}
    for row in expected.paired.itertuples():
        assert differences[KPI_LABELS[row.kpi]] == format_difference(row.kpi, row.mean), row.kpi

    page.locator(".tablero-tabla").first.evaluate("table => table.scrollIntoView({block: 'start'})")
    page.screenshot(path=tmp_path / "resultados.png")  # the KPI table from its strategy header
    page.locator(".tablero-graficas img").nth(2).scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "graficas.png")  # Voila scrolls inside its page: no full-page shot
    if os.environ.get("COBRANZA_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(tmp_path / "resultados.png", SCREENSHOT)

    with page.expect_download() as download:
        page.locator(".tablero-descargas a", has_text="ZIP").click()
    assert download.value.suggested_filename == "reporte_cobranza.zip"
    download.value.save_as(tmp_path / "reporte_cobranza.zip")
    archive = zipfile.ZipFile(io.BytesIO((tmp_path / "reporte_cobranza.zip").read_bytes()))
    assert {"reporte_cobranza/index.html", "reporte_cobranza/kpis.csv"} <= set(archive.namelist())
    assert "escalonada" in archive.read("reporte_cobranza/index.html").decode("utf-8")

    lines = demo_portfolio.head(5).to_csv(index=False).splitlines()
    fields = lines[2].split(",")
    fields[1] = "mucho"  # balance_mxn of the second account: spreadsheet row 3
    broken = "\n".join([lines[0], lines[1], ",".join(fields), *lines[3:]]).encode("utf-8")
    with page.expect_file_chooser() as chooser:
        page.locator(".tablero-cartera-archivo").click()
    chooser.value.set_files(files=[{"name": "cartera_rota.csv", "mimeType": "text/csv", "buffer": broken}])
    message = page.locator(".tablero-estado-cartera", has_text="fila 3")
    message.wait_for()
    page.screenshot(path=tmp_path / "cartera_rota.png")
    text = message.inner_text()
    assert "cartera_rota.csv, fila 3, campo 'balance_mxn'" in text and "mucho" in text
    assert "Se sigue usando: cartera de demostración" in text
