"""The review page in Debian's chromium: a trainer removes a breach offline, downloads and applies it."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from review_calls import cohort
from served_dashboard import CHROMIUM, CHROMIUM_ARGS, need_chromium

from simulator.course.gradebook import activity_table, load_results


@contextmanager
def review_page(tmp_path, cli):
    """The review pages of a one-learner cohort, and a chromium page that records any error or request."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    store = cohort(tmp_path / "avance.sqlite")
    pages = tmp_path / "revision"
    assert cli("progress", "--db", str(store.path), "--transcripts", str(pages)).returncode == 0
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(accept_downloads=True)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("request", lambda request: None if request.url.startswith(("file:", "blob:"))
                else problems.append(request.url))
        yield store, pages, page
        browser.close()
    assert problems == []


@pytest.mark.browser
def test_removing_a_breach_on_the_page_passes_the_call_once_applied(tmp_path, cli):
    with review_page(tmp_path, cli) as (store, pages, page):
        page.goto((pages / "index.html").as_uri())
        page.click("a[href='alumno_1.html']")
        assert page.inner_text("#estado") == "Sin decisiones por descargar."
        row = page.locator("section.respuesta[data-resultado='1'][data-paso='2'] tr[data-marca='amenaza']")
        row.locator("button[data-decision='quitar']").click()
        assert row.locator("button[data-decision='quitar']").get_attribute("aria-pressed") == "true"
        with page.expect_download() as download:
            page.click("#descargar")
        decisions = tmp_path / download.value.suggested_filename
        download.value.save_as(decisions)
    assert decisions.name == "revisiones_alumno_1.json"
    assert json.loads(decisions.read_text(encoding="utf-8"))["decisiones"] == [
        {"resultado": 1, "paso": 2, "marca": "amenaza", "decision": "quitar"}]
    done = cli("progress", "--db", str(store.path), "--apply-reviews", str(decisions), "--reviewer", "Marta",
               "--transcripts", str(pages))
    assert done.returncode == 0, done.stderr
    # course/review.py: the call ended with its goal met and its only breach was removed, so it passes
    call = activity_table(load_results(store.path)).query("actividad == 'promesa_rota'").iloc[0]
    assert call["aprobada"] and call["revisada"]
    page_text = (pages / "alumno_1.html").read_text(encoding="utf-8")
    assert "<del>amenaza</del> quitada por Marta" in page_text and "Resultado: aprobada" in page_text


@pytest.mark.browser
def test_an_added_mark_can_be_undone_and_nothing_chosen_downloads_nothing(tmp_path, cli):
    with review_page(tmp_path, cli) as (_, pages, page):
        page.goto((pages / "alumno_1.html").as_uri())
        page.click("#descargar")
        assert page.inner_text("#estado").startswith("No hay decisiones")
        page.select_option("select.agregar", "insulto")
        page.click("button.agregar")
        assert page.inner_text("#estado") == "1 decisión por descargar."
        page.click("tr[data-marca='insulto'] button")
        assert page.inner_text("#estado") == "Sin decisiones por descargar."
        page.select_option("select.agregar", "insulto")
        page.click("button.agregar")
        with page.expect_download() as download:
            page.click("#descargar")
        body = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert body == {"formato": "cobranza-revisiones", "version": 1,
                    "decisiones": [{"resultado": 1, "paso": 2, "marca": "insulto", "decision": "agregar"}]}
