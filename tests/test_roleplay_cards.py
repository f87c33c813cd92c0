"""Printable cards for live practice in pairs: one page each for the debtor, the collector and the observer.

The browser test opens every scenario's cards in Debian's chromium (headless) and
prints them to PDF on A4 and Letter: three pages, no page errors. With
``COBRANZA_SCREENSHOTS=1`` it also saves ``docs/img/tarjetas.png``.
"""

from __future__ import annotations

import os
import re

import pytest
from served_dashboard import CHROMIUM, CHROMIUM_ARGS, need_chromium

from simulator.paths import PROJECT_ROOT
from simulator.roleplay import DEFAULT_LIBRARY, load_library
from simulator.roleplay.cards import cards_html, write_cards

SCREENSHOT = PROJECT_ROOT / "docs" / "img" / "tarjetas.png"


@pytest.fixture(scope="module")
def library():
    return load_library(DEFAULT_LIBRARY)


def test_every_scenario_gets_three_cards_with_its_story_filled_in(library):
    for scenario in library.values():
        page = cards_html(scenario)
        assert [role for role in re.findall(r'data-rol="(\w+)"', page)] == ["deudor", "gestor", "observador"]
        assert "{" not in re.sub(r"<style>.*?</style>", "", page, flags=re.S), scenario.id
        assert f"${scenario.hidden.capacity_mxn:,.2f}" in page  # the debtor's hidden capacity
        assert scenario.context.institution in page  # the collector's account file


def test_a_variant_tells_another_story(library):
    scenario = library["promesa_incumplida"]
    assert scenario.variants and cards_html(scenario, 1) != cards_html(scenario, 0)


def test_text_is_escaped(library):
    scenario = library["primera_llamada_30"]
    hostile = scenario.model_copy(update={"title": "<script>alert(1)</script>"})
    page = cards_html(hostile)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_write_cards_writes_one_page_per_scenario(tmp_path, library):
    paths = write_cards(library.values(), tmp_path / "tarjetas")
    assert sorted(path.stem for path in paths) == sorted(library)
    assert all(path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") for path in paths)


@pytest.mark.browser
def test_every_card_prints_on_one_page_in_chromium(tmp_path, library):
    need_chromium()
    from playwright.sync_api import sync_playwright

    paths = write_cards(library.values(), tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 820, "height": 1100})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in paths:
            page.goto(path.as_uri())
            for paper in ("A4", "Letter"):
                pages = re.findall(rb"/Count\s+(\d+)", page.pdf(format=paper))
                assert pages and int(pages[0]) == 3, (path.stem, paper, pages)
        assert errors == []
        page.goto(next(path for path in paths if path.stem == "primera_llamada_30").as_uri())
        page.screenshot(path=str(tmp_path / "tarjetas.png"))
        if os.environ.get("COBRANZA_SCREENSHOTS") == "1":
            page.screenshot(path=str(SCREENSHOT))
        browser.close()


def test_the_command_line_writes_the_cards_and_names_a_bad_id(cli, tmp_path):
    done = cli("dialogue", "cards", "primera_llamada_30", "--out", str(tmp_path))
    assert done.returncode == 0 and (tmp_path / "primera_llamada_30.html").is_file()
    every = cli("dialogue", "cards", "todos", "--out", str(tmp_path / "todos"))
    assert every.returncode == 0 and len(list((tmp_path / "todos").glob("*.html"))) == 12
    wrong = cli("dialogue", "cards", "no_existe", "--out", str(tmp_path))
    assert wrong.returncode != 0 and "no_existe" in wrong.stderr
