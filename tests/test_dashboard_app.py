"""The manager dashboard without a browser: its state objects, and its widgets driven by clicks."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import re
import time
import zipfile
from concurrent.futures import wait

import pytest

from simulator.cli.main import build_parser
from simulator.errors import PortfolioError, StrategyError
from simulator.experiments.adaptive import compare_adaptive
from simulator.experiments.backends import JOBS_PER_WORKER, RunCancelled, map_replications, warm_up
from simulator.experiments.compare import compare_strategies
from simulator.experiments.priors import draw_worlds, load_priors
from simulator.experiments.settings import RunSettings
from simulator.experiments.stopping import Precision
from simulator.reporting import PLOTS, format_value
from simulator.strategies import CHANNEL_LABELS, CHANNEL_NAMES
from simulator.ui.dashboard import (
    MAX_UPLOAD_BYTES,
    ComparisonJob,
    Countdown,
    JobState,
    TableroApp,
    edit_strategy,
    lever_values,
    portfolio_from_upload,
    strategy_from_upload,
    voila_command,
    with_jurisdiction,
)
from simulator.ui.dashboard.serve import CULL_IDLE_S, dashboard_url, write_voila_config

DAYS, REPLICATIONS, SEED = 30, 3, 5
SETTINGS = RunSettings(days=DAYS, seed=SEED, replications=REPLICATIONS)


def _upload(widget, name: str, data: bytes) -> None:
    """What the browser sends when a file is chosen in a FileUpload (ipywidgets 8)."""
    widget.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                     "last_modified": dt.datetime(2026, 1, 5, tzinfo=dt.UTC)},)


def _csv(portfolio) -> bytes:
    return portfolio.to_csv(index=False).encode("utf-8")


@pytest.fixture()
def small_csv(demo_portfolio) -> bytes:
    return _csv(demo_portfolio.head(400))


@pytest.fixture()
def app(small_csv) -> TableroApp:
    page = TableroApp()
    _upload(page.portfolio_upload, "cartera_chica.csv", small_csv)
    page.days.value, page.replications.value, page.seed.value = DAYS, REPLICATIONS, SEED
    page.workers.value, page.precision.value = 1, 0.0  # a fixed count; the precision has its own tests
    return page


def _links(html: str) -> dict[str, bytes]:
    return {name: base64.b64decode(data)
            for name, data in re.findall(r"download='([^']+)' href='data:[^;]+;base64,([^']+)'", html)}


def test_a_run_clicked_on_the_page_shows_the_numbers_of_compare_strategies(app, parameters, strategy):
    assert "cartera_chica.csv, 400 cuentas" in app.portfolio_status.value
    app.run_button.click()
    assert app.run_button.disabled and not app.cancel_button.disabled
    assert app.job.wait(120) and app.job.state == JobState.DONE, app.status.value
    expected = compare_strategies(app.portfolio, [strategy("escalonada"), strategy("digital_primero")],
                                  parameters, SETTINGS)
    assert app.job.comparison.to_json_dict() == expected.to_json_dict()
    for name, run in expected.runs.items():
        mean = run.summary.set_index("kpi").loc["recovery_rate", "mean"]
        assert f"{format_value('recovery_rate', mean)}<span" in app.tables.value, name
    assert "digital_primero − escalonada" in app.tables.value  # the paired differences
    assert (app.progress.value, app.progress.max) == (2 * REPLICATIONS, 2 * REPLICATIONS)
    assert app.figures.value.count("<figure>") == len(PLOTS) == 5
    assert "Ocupación de agentes y visitadores por semana" in app.figures.value
    assert "terminada" in app.status.value and not app.run_button.disabled and app.cancel_button.disabled
    files = _links(app.downloads.value)
    assert set(files) == {"reporte_cobranza.html", "reporte_cobranza.zip"}
    assert b"Reporte de comparaci" in files["reporte_cobranza.html"]
    names = zipfile.ZipFile(io.BytesIO(files["reporte_cobranza.zip"])).namelist()
    assert {"reporte_cobranza/index.html", "reporte_cobranza/kpis.csv",
            "reporte_cobranza/diferencias.csv", "reporte_cobranza/ocupacion_diaria.csv",
            "reporte_cobranza/ocupacion_semanal.png"} <= set(names)


def test_a_second_run_with_the_same_champion_does_not_simulate_it_again(app, parameters, strategy):
    app.run_button.click()
    assert app.job.wait(120) and app.job.state == JobState.DONE, app.status.value
    app.challenger.pick.value = "preventiva"
    app.run_button.click()
    assert app.job.wait(120) and app.job.state == JobState.DONE, app.status.value
    assert app.job.comparison.reused == ("escalonada",)
    assert "Sin volver a simular: escalonada" in app.status.value
    expected = compare_strategies(app.portfolio, [strategy("escalonada"), strategy("preventiva")],
                                  parameters, SETTINGS)
    assert app.job.comparison.to_json_dict() == expected.to_json_dict()
    app.seed.value = SEED + 1  # a new seed is a new run for both
    app.run_button.click()
    assert app.job.wait(120) and app.job.state == JobState.DONE, app.status.value
    assert app.job.comparison.reused == () and "Sin volver" not in app.status.value


def test_plausible_worlds_on_the_page_give_the_numbers_and_intervals_of_compare(app, parameters, strategy):
    app.days.value, app.worlds.value = 10, 2
    app.run_button.click()
    assert app.job.wait(120) and app.job.state == JobState.DONE, app.status.value
    settings = RunSettings(days=10, seed=SEED, replications=REPLICATIONS)
    worlds = draw_worlds(load_priors(parameters), parameters, 2, SEED)
    expected = compare_strategies(app.portfolio, [strategy("escalonada"), strategy("digital_primero")],
                                  parameters, settings, worlds=worlds)
    assert app.job.comparison.to_json_dict() == expected.to_json_dict()
    assert (app.progress.value, app.progress.max) == (3 * 2 * REPLICATIONS, 3 * 2 * REPLICATIONS)
    assert "Mundos plausibles (95 %)" in app.tables.value and "de 2 mundos plausibles" in app.tables.value
    assert "2 mundos plausibles" in app.status.value
    app.worlds.value = 1
    assert app.run() is None and "0 para no sortearlos, o 2 o más" in app.status.value


def test_a_broken_csv_is_named_by_row_and_column_and_the_loaded_portfolio_stays(app, small_csv):
    lines = small_csv.decode("utf-8").splitlines()
    fields = lines[2].split(",")
    fields[1] = "mucho"  # balance_mxn of the second account: spreadsheet row 3
    broken = "\n".join([lines[0], lines[1], ",".join(fields), *lines[3:]]).encode("utf-8")
    _upload(app.portfolio_upload, "cartera_rota.csv", broken)
    status = app.portfolio_status.value
    assert "cartera_rota.csv, fila 3, campo &#x27;balance_mxn&#x27;" in status
    assert "Traceback" not in status and "/tmp" not in status
    assert len(app.portfolio) == 400 and "cartera_chica.csv" in status
    app.demo_button.click()
    assert len(app.portfolio) == 5000 and "demostración" in app.portfolio_status.value


def test_a_file_over_the_limit_is_refused_with_its_size():
    with pytest.raises(PortfolioError, match="límite del tablero es 50 MB") as error:
        portfolio_from_upload("enorme.csv", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert error.value.file == "enorme.csv"


def test_cancel_stops_the_run_after_the_replication_under_way(app):
    app.replications.value = 50
    job = app.run()
    app.cancel_button.click()  # before the first replication ends: only that one runs
    assert job.wait(120) and job.state == JobState.CANCELLED
    assert app.progress.value <= 1 and app.tables.value == ""
    assert "cancelada" in app.status.value and not app.run_button.disabled


def test_a_job_reports_progress_and_stops_when_cancelled_from_its_callback(sample_portfolio, parameters,
                                                                           strategy):
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:
            job.cancel()

    job = ComparisonJob(sample_portfolio.head(200), [strategy("escalonada")], parameters,
                        RunSettings(days=10, seed=1, replications=6), on_progress=progress)
    assert job.start().wait(120)
    assert job.state == JobState.CANCELLED and job.comparison is None
    assert seen == [(1, 6), (2, 6)]


def _mark_and_pause(marker: str) -> None:
    """A replication that leaves a file behind, so a test can count the ones that started."""
    open(marker, "w").close()
    time.sleep(0.2)


def test_a_raising_progress_callback_drops_the_replications_not_started(tmp_path):
    def stop(_done: int, _total: int) -> None:
        raise RunCancelled

    wait(warm_up(2))
    markers = [str(tmp_path / f"replica_{number}") for number in range(40)]
    with pytest.raises(RunCancelled):
        map_replications(_mark_and_pause, markers, workers=2, progress=stop)
    started = len(list(tmp_path.glob("replica_*")))
    assert 1 <= started <= 2 * JOBS_PER_WORKER  # the ones handed out before the first result
    # The cancelled run leaves the pool working, with the same processes: no new start-up.
    first = set(map_replications(_worker_pid, range(6), workers=2))
    assert set(map_replications(_worker_pid, range(6), workers=2)) <= first
    assert os.getpid() not in first


def test_warming_up_starts_the_workers_that_runs_then_use():
    assert warm_up(1) == []  # one worker runs in this process: nothing to start
    ready = warm_up(2)
    wait(ready)
    assert len(ready) == 2 and all(future.exception() is None for future in ready)
    assert os.getpid() not in set(map_replications(_worker_pid, range(4), workers=2))


def _worker_pid(_replication: int) -> int:
    time.sleep(0.05)  # long enough for both workers to take some
    return os.getpid()


def test_a_failing_run_shows_the_reason_not_a_traceback(app):
    app.challenger.pick.value = "escalonada"
    app.run_button.click()
    assert app.job.wait(60) and app.job.state == JobState.FAILED
    assert "dos estrategias tienen el mismo nombre: escalonada" in app.status.value
    assert not app.run_button.disabled


def test_levers_on_the_page_edit_a_copy_named_after_the_edits(app, strategy):
    picker = app.challenger
    picker.pick.value = "intensiva"
    own = strategy("intensiva")
    assert picker.agents.value == own.resources.agents
    assert picker.strategy() is picker.base  # nothing edited: same name, same numbers as the CLI
    picker.agents.value = 3
    picker.contacts.value = "2"
    picker.discounts["quita_maxima.90+"].value = 40
    edited = picker.strategy()
    assert edited.name == "intensiva[agentes=3, contactos_por_semana=2, quita_maxima.90+=0.4]"
    assert edited.resources.agents == 3 and edited.limits.contacts_per_week == 2
    assert edited.negotiation.max_discount["90+"] == pytest.approx(0.4)
    assert lever_values(edited)["quita_maxima.61-90"] == lever_values(own)["quita_maxima.61-90"]


def test_channel_mix_and_timing_on_the_page_edit_the_schedule(app, strategy):
    picker = app.challenger
    picker.pick.value = "escalonada"
    boxes = {box.description: box for box in picker.channels.children}
    assert set(boxes) == {CHANNEL_LABELS[action.channel] for action in strategy("escalonada").actions}
    assert {"Aviso formal", "Buró de crédito", "Llamada de agente"} <= set(boxes)  # words, not YAML keys
    boxes["Llamada de agente"].value = False
    picker.shift.value = 7
    edited = picker.strategy()
    assert edited.name == "escalonada[sin llamada, desfase=+7]"
    assert all(action.channel != "llamada" for action in edited.actions)
    first_late = min(a.day for a in strategy("escalonada").actions if a.anchor == "atraso")
    assert min(a.day for a in edited.actions if a.anchor == "atraso") >= first_late
    picker.pick.value = "nada"
    picker.pick.value = "escalonada"  # picking again shows the strategy's own schedule
    assert all(box.value for box in picker.channels.children) and picker.shift.value == 0
    assert picker.strategy() is picker.base


def test_every_channel_has_one_label_in_words():
    assert tuple(CHANNEL_LABELS) == CHANNEL_NAMES
    assert len(set(CHANNEL_LABELS.values())) == len(CHANNEL_NAMES)
    assert not any("_" in label for label in CHANNEL_LABELS.values())


def test_a_lever_outside_the_schema_is_refused_in_spanish(strategy):
    with pytest.raises(StrategyError, match="quita_maxima.90\\+"):
        edit_strategy(strategy("escalonada"), {"quita_maxima.90+": 0.95})
    unchanged = strategy("escalonada")
    assert edit_strategy(unchanged, {"quita_maxima.90+": 0.25 + 0.001}) is unchanged  # page rounding


def test_an_uploaded_strategy_is_picked_or_its_error_shown_with_line_and_key(app):
    picker = app.champion
    _upload(picker.upload, "mala.yaml", b"nombre: mala\nrecursos:\n  agentez: 3\n")
    assert "mala.yaml, línea 3" in picker.message.value and "agentez" in picker.message.value
    assert picker.pick.value == "escalonada"
    _upload(picker.upload, "mia.yaml", b"nombre: mia\nrecursos:\n  agentes: 7\n")
    assert picker.pick.value == "archivo: mia.yaml" and picker.agents.value == 7
    assert picker.strategy().name == "mia"
    assert strategy_from_upload("mia.yaml", b"nombre: mia\n").name == "mia"


def test_an_uploaded_strategy_naming_a_policy_file_is_refused_and_the_file_never_runs(app, tmp_path):
    module = tmp_path / "trampa.py"
    module.write_text(f"open({str(tmp_path / 'IMPORTADO')!r}, 'w').close()\n\n"
                      "def negociar(state):\n    return None\n", encoding="utf-8")
    picker = app.champion
    for policy in (f"{module}:negociar", "trampa:negociar"):
        named = f"nombre: ajena\nnegociacion:\n  politica: '{policy}'\n"
        _upload(picker.upload, "ajena.yaml", named.encode("utf-8"))
        assert "ajena.yaml, línea 3, campo &#x27;negociacion.politica&#x27;" in picker.message.value
        assert "anclaje" in picker.message.value and picker.pick.value == "escalonada"
    assert not (tmp_path / "IMPORTADO").exists()
    _upload(picker.upload, "propia.yaml", b"nombre: propia\nnegociacion:\n  politica: anclaje\n")
    assert picker.strategy().negotiation.policy == "anclaje"


ODD_NAMES = {"..": "no es un nombre de archivo", "cartera\x00.csv": "caracteres de control",
             "c" * 300 + ".csv": "demasiado largo (304 bytes; el máximo es 255)"}


@pytest.mark.parametrize("name", ODD_NAMES, ids=["dos-puntos", "nul", "largo"])
def test_an_upload_with_a_name_no_person_chose_is_refused_on_the_page(app, small_csv, name):
    _upload(app.portfolio_upload, name, small_csv)
    status = app.portfolio_status.value
    assert "No se cargó la cartera" in status and ODD_NAMES[name] in status, status
    assert "cartera_chica.csv" in status and len(app.portfolio) == 400  # the loaded one stays
    picker = app.champion
    _upload(picker.upload, name, b"nombre: mia\n")
    assert ODD_NAMES[name] in picker.message.value and "cambie el nombre" in picker.message.value
    assert picker.pick.value == "escalonada" and not any(name in key for key in picker.pick.options)


def test_contact_rules_of_another_country_apply_to_every_account(demo_portfolio):
    moved = with_jurisdiction(demo_portfolio, "CO")
    assert set(moved["jurisdiction"]) == {"CO"} and set(demo_portfolio["jurisdiction"]) == {"MX"}
    assert with_jurisdiction(demo_portfolio, None) is demo_portfolio


def test_the_dashboard_command_serves_on_loopback_and_opens_no_browser_with_a_port(tmp_path):
    assert build_parser().parse_args(["dashboard", "--port", "9123"]).port == 9123
    assert build_parser().parse_args(["dashboard", "--token"]).token
    command = voila_command(9123)
    assert {"--port=9123", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--no-browser"} <= set(command)
    assert command[3].endswith("tablero_gerencial.ipynb")
    settings = json.loads(write_voila_config(tmp_path).read_text(encoding="utf-8"))
    assert settings["Voila"]["tornado_settings"]["websocket_max_message_size"] > MAX_UPLOAD_BYTES
    assert settings["VoilaConfiguration"] == {"template": "tablero", "show_tracebacks": False}
    assert settings["MappingKernelManager"]["cull_idle_timeout"] == CULL_IDLE_S > 0
    assert "token" not in settings["Voila"]
    secret = json.loads(write_voila_config(tmp_path, "abc").read_text(encoding="utf-8"))["Voila"]["token"]
    assert secret == "abc" and "abc" not in " ".join(command)  # never on a command line ps shows
    assert dashboard_url(9123, "abc") == "http://127.0.0.1:9123/?token=abc"


@pytest.mark.slow  # starts a Dask cluster
def test_a_running_scheduler_gets_the_run_and_gives_the_same_numbers(app, parameters, strategy):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        app.scheduler.value = cluster.scheduler_address
        app.run_button.click()
        assert app.job.wait(240) and app.job.state == JobState.DONE, app.status.value
    expected = compare_strategies(app.portfolio, [strategy("escalonada"), strategy("digital_primero")],
                                  parameters, SETTINGS)
    assert app.job.comparison.to_json_dict() == expected.to_json_dict()


@pytest.mark.slow
def test_a_scheduler_address_sends_the_run_to_dask_and_an_unreachable_one_is_reported(app):
    app.scheduler.value = " tcp://127.0.0.1:9 "
    app.run_button.click()
    assert app.job.wait(120) and app.job.state == JobState.FAILED
    assert "no se pudo conectar con el planificador Dask &#x27;tcp://127.0.0.1:9&#x27;" in app.status.value


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_status_says_how_long_is_left_from_the_pace_so_far():
    clock = _Clock()
    countdown = Countdown(clock)
    clock.now += 3.0
    assert countdown.update(1, 40) == "Simulando: 1 de 40 réplicas."  # no pace yet
    clock.now += 3.0
    assert countdown.update(3, 40) == "Simulando: 3 de 40 réplicas; faltan unos 55 s."  # 37 × 1.5 s
    clock.now += 120.0
    assert countdown.update(13, 40) == "Simulando: 13 de 40 réplicas; faltan unos 5 min."  # 27 × 10.25 s
    clock.now += 100.0
    assert countdown.update(40, 40) == "Simulando: 40 de 40 réplicas."


def test_a_champion_from_the_cache_does_not_make_the_rest_look_instant():
    clock = _Clock()
    countdown = Countdown(clock)
    countdown.update(20, 40)  # the champion's 20 replications, reported at once
    clock.now += 3.0
    assert countdown.update(22, 40).endswith("faltan unos 25 s.")  # 18 × 1.5 s, not 0


def test_the_page_shows_the_countdown_while_replications_run(app):
    app._countdown = Countdown(_Clock())
    app._progressed(1, 4)
    assert "1 de 4 réplicas" in app.status.value and app.progress.value == 1



def _statuses(app) -> list[str]:
    seen: list[str] = []
    app.status.observe(lambda change: seen.append(change["new"]), "value")
    return seen


def test_a_precision_on_the_page_shows_the_first_stage_then_the_numbers_of_compare_adaptive(app, parameters,
                                                                                             strategy):
    app.precision.value, app.replications.value = 0.01, 7  # 0.01 pp: only the maximum stops it
    seen = _statuses(app)
    app.run_button.click()
    assert app.job.wait(180) and app.job.state == JobState.DONE, app.status.value
    expected = compare_adaptive(app.portfolio, [strategy("escalonada"), strategy("digital_primero")],
                                parameters, SETTINGS, Precision(half_width=0.0001, maximum=7))
    assert app.job.comparison.to_json_dict() == expected.to_json_dict()
    early = [status for status in seen if "Sigo afinando" in status]
    assert early and "Con 5 réplicas, digital_primero − escalonada en recuperación" in early[0]
    assert "hasta 7 réplicas por estrategia" in early[0]
    assert "Comparación terminada" in app.status.value and "llegó al máximo, 7 réplicas" in app.status.value


def test_a_cancel_after_the_first_stage_keeps_its_results(app):
    app.precision.value, app.replications.value = 0.01, 200
    app.run_button.click()
    deadline = time.monotonic() + 180
    while app.job.provisional is None and app.job.state == JobState.RUNNING and time.monotonic() < deadline:
        time.sleep(0.05)  # waiting for the first stage, not timing it
    assert app.job.provisional is not None, app.status.value
    app.cancel()
    assert app.job.wait(180) and app.job.state == JobState.CANCELLED
    assert "se muestra la primera etapa" in app.status.value
    assert "5 réplicas por estrategia" in app.status.value
    assert "digital_primero − escalonada" in app.tables.value
    assert set(_links(app.downloads.value)) == {"reporte_cobranza.html", "reporte_cobranza.zip"}


@pytest.mark.parametrize(("worlds", "replications", "said"), [
    (2, 20, "no se combina con mundos plausibles"), (0, 4, "«Réplicas» es el máximo y debe ser 5"),
])
def test_a_precision_the_page_cannot_honour_is_refused_before_any_work(app, worlds, replications, said):
    app.precision.value, app.worlds.value, app.replications.value = 0.5, worlds, replications
    assert app.run() is None and app.job is None
    assert said in app.status.value
