"""The manager dashboard's widgets: portfolio, two strategies, run settings, results.

The widgets only read values and show HTML: loading files, editing levers,
running the comparison and drawing the results live in
:mod:`~simulator.ui.dashboard.inputs`, :mod:`~simulator.ui.dashboard.job` and
:mod:`~simulator.ui.dashboard.results`. Every widget a test or a browser needs
carries a CSS class ``tablero-...`` so it can be found without guessing.
"""

from __future__ import annotations

import html
import os

import ipywidgets as widgets

from simulator.buckets import BUCKET_NAMES
from simulator.errors import CobranzaError
from simulator.experiments.backends import warm_up
from simulator.experiments.compare import Comparison
from simulator.experiments.priors import draw_worlds, load_priors
from simulator.experiments.run_cache import RunCache
from simulator.experiments.settings import Execution, RunSettings
from simulator.experiments.stopping import Precision
from simulator.parameters import ModelParameters, load_parameters
from simulator.portfolio.columns import MissingColumnsError
from simulator.portfolio.schema import JURISDICTIONS
from simulator.reporting.numbers import format_difference_interval
from simulator.reporting.text_tables import stopping_text
from simulator.strategies import CHANNEL_LABELS, Strategy, load_strategy
from simulator.strategies.edits import channels_used
from simulator.ui.dashboard.column_step import ColumnStep
from simulator.ui.dashboard.inputs import (
    DISCOUNT_LEVERS,
    demo_portfolio,
    edit_strategy,
    lever_values,
    portfolio_from_upload,
    strategy_from_upload,
    strategy_library,
    with_jurisdiction,
)
from simulator.ui.dashboard.job import ComparisonJob, Countdown, JobState
from simulator.ui.dashboard.results import ResultView, build_results, result_tables
from simulator.ui.status import note

__all__ = ["StrategyPicker", "TableroApp", "tablero_app"]

_WIDE = {"description_width": "13rem"}
_ROW = widgets.Layout(width="24rem")
_UPLOAD_PREFIX = "archivo: "
#: The contacts-per-week choice for a strategy without a weekly cap.
_NO_CAP = "sin tope"
#: The precision a first press asks for: half a point of recovery, in the page's percentage points.
_DEFAULT_PRECISION_PP = 0.5


def _uploaded_file(upload: widgets.FileUpload) -> tuple[str, bytes] | None:
    """Name and bytes of the file just chosen in ``upload`` (ipywidgets 8 value)."""
    if not upload.value:
        return None
    chosen = upload.value[0]
    return chosen["name"], bytes(chosen["content"])


class StrategyPicker:
    """One strategy: from the library or an uploaded YAML, with its main levers editable."""

    def __init__(self, title: str, default: str, css_class: str) -> None:
        self._library = strategy_library()
        self._uploads: dict[str, Strategy] = {}
        self.base: Strategy = load_strategy(self._library[default])
        self.pick = widgets.Dropdown(options=list(self._library), value=default,
                                     description="Estrategia", style=_WIDE, layout=_ROW)
        self.upload = widgets.FileUpload(accept=".yaml,.yml", multiple=False,
                                         description="Subir estrategia (YAML)",
                                         layout=widgets.Layout(width="auto"))
        self.agents = widgets.BoundedIntText(min=0, max=100_000, description="Agentes", style=_WIDE,
                                             layout=_ROW)
        self.contacts = widgets.Dropdown(description="Contactos por semana", style=_WIDE, layout=_ROW)
        self.discounts = {
            lever: widgets.BoundedIntText(min=0, max=90, style=_WIDE, layout=_ROW,
                                          description=f"Quita máx. {bucket.replace('_', ' ')} (%)")
            for lever, bucket in zip(DISCOUNT_LEVERS, BUCKET_NAMES, strict=True)}
        self.channels = widgets.VBox(layout=widgets.Layout(margin="0 0 0 1rem"))
        #: One box per channel of the strategy, by channel key; the box shows the channel's label.
        self._channel_boxes: dict[str, widgets.Checkbox] = {}
        self.shift = widgets.IntSlider(value=0, min=-30, max=60, step=1, style=_WIDE, layout=_ROW,
                                       description="Desfase de acciones (días)")
        self.message = widgets.HTML()
        for name, widget in (("estrategia", self.pick), ("archivo", self.upload), ("agentes", self.agents),
                             ("contactos", self.contacts), ("canales", self.channels),
                             ("desfase", self.shift)):
            widget.add_class(f"tablero-{name}")
        self.view = widgets.VBox([widgets.HTML(f"<h3>{html.escape(title)}</h3>"), self.pick, self.upload,
                                  self.agents, self.contacts, *self.discounts.values(),
                                  widgets.HTML("Canales que usa (desmarque uno para quitarlo):"),
                                  self.channels, self.shift, self.message],
                                 layout=widgets.Layout(margin="0 2rem 0 0"))
        self.view.add_class(css_class)
        self._fill()
        self.pick.observe(lambda _: self._picked(), "value")
        self.upload.observe(lambda _: self._uploaded(), "value")

    def _picked(self) -> None:
        key = self.pick.value
        try:
            self.base = self._uploads.get(key) or load_strategy(self._library[key])
        except CobranzaError as error:
            self.message.value = note(str(error), error=True)
            return
        self.message.value = ""
        self._fill()

    def _uploaded(self) -> None:
        chosen = _uploaded_file(self.upload)
        if chosen is None:
            return
        name, data = chosen
        try:
            strategy = strategy_from_upload(name, data)
        except CobranzaError as error:
            self.message.value = note(str(error), error=True)
            return
        key = f"{_UPLOAD_PREFIX}{name}"
        self._uploads[key] = strategy
        if key not in self.pick.options:
            self.pick.options = (*self.pick.options, key)
        if self.pick.value == key:
            self._picked()
        self.pick.value = key
        self.message.value = note(f"Estrategia '{strategy.name}' cargada de {name}.")

    def _fill(self) -> None:
        """Show the levers of the strategy just picked."""
        own = lever_values(self.base)
        self.agents.value = own["agentes"]
        own_cap = own["contactos_por_semana"]
        caps = sorted({*range(1, 15), *(() if own_cap is None else (own_cap,))})
        self.contacts.options = [_NO_CAP, *map(str, caps)]
        self.contacts.value = _NO_CAP if own_cap is None else str(own_cap)
        for lever, widget in self.discounts.items():
            widget.value = round(own[lever] * 100)
        self._channel_boxes = {channel: widgets.Checkbox(value=True, description=CHANNEL_LABELS[channel],
                                                         indent=False)
                               for channel in channels_used(self.base)}
        self.channels.children = list(self._channel_boxes.values())
        self.shift.value = 0

    def strategy(self) -> Strategy:
        """The picked strategy with the levers as they are on the page.

        Raises:
            StrategyError: a lever value the strategy schema refuses.
        """
        cap = None if self.contacts.value == _NO_CAP else int(self.contacts.value)
        values = {"agentes": self.agents.value, "contactos_por_semana": cap,
                  **{lever: widget.value / 100 for lever, widget in self.discounts.items()}}
        kept = tuple(channel for channel, box in self._channel_boxes.items() if box.value)
        return edit_strategy(self.base, values, channels=kept, shift_days=self.shift.value)


class TableroApp:
    """The whole page; display it in a notebook (Voila serves that notebook)."""

    def __init__(self, parameters: ModelParameters | None = None) -> None:
        self.parameters = parameters or load_parameters()
        self.priors = load_priors(self.parameters)
        self.portfolio = demo_portfolio()
        self.portfolio_name = "cartera de demostración"
        self.job: ComparisonJob | None = None
        #: Runs of this page session: an unchanged champion is not simulated again.
        self.runs = RunCache()
        self.result: ResultView | None = None
        self._descriptions: dict[str, str] = {}
        self._countdown = Countdown()  # a new one per run

        self.portfolio_upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False,
                                                   description="Subir cartera (CSV o Excel)",
                                                   layout=widgets.Layout(width="auto"))
        self.demo_button = widgets.Button(description="Usar la cartera de demostración",
                                          layout=widgets.Layout(width="auto"))
        self.portfolio_status = widgets.HTML(self._portfolio_note())
        self.column_step = widgets.VBox()  # filled when an upload lacks required columns
        self.champion = StrategyPicker("Campeona (la estrategia actual)", "escalonada", "tablero-campeona")
        self.challenger = StrategyPicker("Retadora (la que quiere probar)", "digital_primero",
                                         "tablero-retadora")
        self.days = widgets.BoundedIntText(180, min=7, max=720, description="Días simulados", style=_WIDE,
                                           layout=_ROW)
        self.replications = widgets.BoundedIntText(20, min=2, max=500, description="Réplicas", style=_WIDE,
                                                   layout=_ROW)
        self.seed = widgets.BoundedIntText(7, min=0, max=2**31 - 1, description="Semilla", style=_WIDE,
                                           layout=_ROW)
        self.precision = widgets.BoundedFloatText(
            _DEFAULT_PRECISION_PP, min=0.0, max=50.0, step=0.1, style=_WIDE, layout=_ROW,
            description="Precisión (± pp; 0: fijas)",
            tooltip="Con precisión, las réplicas son las que hacen falta para que la diferencia en "
                    "recuperación quede a ± ese número de puntos, y «Réplicas» es el máximo.")
        self.worlds = widgets.BoundedIntText(0, min=0, max=200, description="Mundos plausibles (0: no)",
                                             style=_WIDE, layout=_ROW)
        self.workers = widgets.BoundedIntText(min(2, os.cpu_count() or 1), min=1, max=64,
                                              description="Procesos en paralelo", style=_WIDE,
                                              layout=_ROW)
        self.jurisdiction = widgets.Dropdown(
            options=[("según la cartera", None), *((code, code) for code in JURISDICTIONS)],
            description="Reglas de contacto", style=_WIDE, layout=_ROW)
        self.scheduler = widgets.Text(placeholder="opcional, p. ej. tcp://10.0.0.5:8786",
                                      description="Planificador Dask", style=_WIDE, layout=_ROW)
        self.run_button = widgets.Button(description="Comparar", button_style="success", icon="play")
        self.cancel_button = widgets.Button(description="Cancelar", button_style="danger", icon="stop",
                                            disabled=True)
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="Avance")
        self.status = widgets.HTML()
        self.tables = widgets.HTML()
        self.figures = widgets.HTML()
        self.downloads = widgets.HTML()
        for name, widget in (("cartera-archivo", self.portfolio_upload), ("demo", self.demo_button),
                             ("estado-cartera", self.portfolio_status), ("dias", self.days),
                             ("replicas", self.replications), ("semilla", self.seed),
                             ("precision", self.precision),
                             ("mundos", self.worlds),
                             ("procesos", self.workers), ("ejecutar", self.run_button),
                             ("cancelar", self.cancel_button), ("avance", self.progress),
                             ("estado", self.status), ("tabla", self.tables), ("graficas", self.figures),
                             ("descargas", self.downloads)):
            widget.add_class(f"tablero-{name}")

        self.portfolio_upload.observe(lambda _: self._portfolio_uploaded(), "value")
        self.demo_button.on_click(lambda _: self._use_demo())
        self.run_button.on_click(lambda _: self.run())
        self.cancel_button.on_click(lambda _: self.cancel())
        self.view = widgets.VBox([
            widgets.HTML("<h2>1. Cartera</h2>"),
            widgets.HBox([self.portfolio_upload, self.demo_button]), self.portfolio_status,
            self.column_step,
            widgets.HTML("<h2>2. Estrategias</h2>"),
            widgets.HBox([self.champion.view, self.challenger.view]),
            widgets.HTML("<h2>3. Corrida</h2>"),
            widgets.HBox([widgets.VBox([self.days, self.replications, self.precision, self.seed,
                                        self.worlds]),
                          widgets.VBox([self.workers, self.jurisdiction, self.scheduler])]),
            widgets.HBox([self.run_button, self.cancel_button, self.progress]), self.status,
            widgets.HTML("<h2>4. Resultados</h2>"), self.tables, self.figures, self.downloads,
        ])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)

    def _portfolio_note(self) -> str:
        return note(f"Cartera en uso: {self.portfolio_name}, {len(self.portfolio):,} cuentas.")

    def _use_demo(self) -> None:
        self.portfolio, self.portfolio_name = demo_portfolio(), "cartera de demostración"
        self.portfolio_status.value = self._portfolio_note()

    def _portfolio_uploaded(self) -> None:
        chosen = _uploaded_file(self.portfolio_upload)
        if chosen is None:
            return
        name, data = chosen
        self.column_step.children = ()
        try:
            portfolio = portfolio_from_upload(name, data)
        except MissingColumnsError as error:
            self.column_step.children = [ColumnStep(name, data, error, self._portfolio_loaded).view]
            self.portfolio_status.value = note(
                f"A {name} le faltan columnas ({', '.join(error.missing)}): elija abajo qué encabezado "
                f"es cada una. Se sigue usando: {self.portfolio_name}.", error=True)
            return
        except CobranzaError as error:
            self.portfolio_status.value = note(
                f"No se cargó la cartera: {error} Se sigue usando: {self.portfolio_name}.", error=True)
            return
        self._portfolio_loaded(portfolio, name)

    def _portfolio_loaded(self, portfolio, name: str) -> None:
        self.portfolio, self.portfolio_name = portfolio, name
        self.portfolio_status.value = self._portfolio_note()

    def run(self) -> ComparisonJob | None:
        """Start the comparison in the background (what the Comparar button does)."""
        if self.job is not None and self.job.state == JobState.RUNNING:
            return self.job
        try:
            strategies = [self.champion.strategy(), self.challenger.strategy()]
            settings, execution = self._settings()
            worlds = self._worlds(settings.seed)
            precision = self._precision(worlds)
        except CobranzaError as error:
            self.status.value = note(str(error), error=True)
            return None
        self._descriptions = {strategy.name: strategy.description for strategy in strategies}
        self.result = None
        self.tables.value = self.figures.value = self.downloads.value = ""
        self.progress.value = 0
        first = settings.replications if precision is None else precision.first_stage
        self.progress.max = (1 + len(worlds)) * len(strategies) * first
        self.status.value = note("Simulando… las réplicas avanzan en la barra.")
        self._countdown = Countdown()
        self.run_button.disabled, self.cancel_button.disabled = True, False
        self.job = ComparisonJob(
            with_jurisdiction(self.portfolio, self.jurisdiction.value), strategies, self.parameters,
            settings, execution, cache=self.runs, worlds=worlds, precision=precision,
            on_progress=self._progressed, on_first_stage=self._first_stage_shown, on_finish=self._finished,
        )
        return self.job.start()

    def _settings(self) -> tuple[RunSettings, Execution]:
        """The run's settings from the page; an address in the scheduler box sends it to Dask."""
        scheduler = self.scheduler.value.strip() or None
        return (RunSettings(days=self.days.value, seed=self.seed.value, replications=self.replications.value),
                Execution(workers=self.workers.value, backend="dask" if scheduler else "local",
                          scheduler=scheduler))

    def _worlds(self, seed: int) -> list[ModelParameters]:
        """The plausible worlds the page asks for (see docs/comparar.md, «Mundos plausibles»)."""
        if self.worlds.value == 1:
            raise CobranzaError("mundos plausibles: use 0 para no sortearlos, o 2 o más para ver cuánto "
                                "depende la respuesta de los supuestos", field="Mundos plausibles")
        return draw_worlds(self.priors, self.parameters, self.worlds.value, seed)

    def _precision(self, worlds: list[ModelParameters]) -> Precision | None:
        """The precision the page asks for, or None for a fixed number of replications."""
        if not self.precision.value:
            return None
        if worlds:
            raise CobranzaError("la precisión todavía no se combina con mundos plausibles: ponga la "
                                "precisión en 0 (réplicas fijas) o los mundos en 0", field="Precisión")
        first_stage = Precision().first_stage
        if self.replications.value < first_stage:
            raise CobranzaError(f"con precisión, «Réplicas» es el máximo y debe ser {first_stage} o más "
                                "(la primera etapa)", field="Réplicas")
        return Precision(half_width=self.precision.value / 100.0, maximum=self.replications.value)

    def _first_stage_shown(self, comparison: Comparison, planned: int) -> None:
        """Show the first stage's tables and answer while the second stage runs."""
        self.tables.value = result_tables(comparison)
        champion = comparison.champion
        challenger = next(name for name in comparison.runs if name != champion)
        row = comparison.paired.set_index(["strategy", "kpi"]).loc[(challenger, "recovery_rate")]
        first = comparison.runs[champion].settings.replications
        self._countdown = Countdown()
        self.status.value = note(
            f"Con {first} réplicas, {html.escape(challenger)} − {html.escape(champion)} en recuperación: "
            f"{format_difference_interval('recovery_rate', row.ci95_low, row.ci95_high)}. Sigo afinando "
            f"hasta {planned} réplicas por estrategia; si cancela, se queda con esto.")

    def cancel(self) -> None:
        """Stop the running comparison after the replications already under way."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.disabled = True
            self.status.value = note("Cancelando: se esperan las réplicas que ya empezaron…")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.max, self.progress.value = total, done
        self.status.value = note(self._countdown.update(done, total))

    def _finished(self, job: ComparisonJob) -> None:
        if job.state == JobState.DONE:
            self.status.value = note("Preparando tablas, gráficas y reporte…")
            try:
                self._show(build_results(job.comparison, self._descriptions), job, job.comparison)
            except CobranzaError as error:
                self.status.value = note(f"No se pudo preparar el reporte: {error}", error=True)
        elif job.state == JobState.CANCELLED and job.provisional is not None:
            self._show(build_results(job.provisional, self._descriptions), job, job.provisional)
        elif job.state == JobState.CANCELLED:
            self.status.value = note("Comparación cancelada; no hay resultados nuevos.", error=True)
        else:
            self.status.value = note(f"No se pudo comparar: {job.error}", error=True)
        self.run_button.disabled, self.cancel_button.disabled = False, True

    def _show(self, result: ResultView, job: ComparisonJob, comparison: Comparison) -> None:
        self.result = result
        self.tables.value = result.tables_html
        self.figures.value = result.figures_html
        self.downloads.value = result.downloads_html
        settings = next(iter(comparison.runs.values())).settings
        reused = comparison.reused
        again = (f" Sin volver a simular: {', '.join(reused)} (mismos datos, parámetros y semilla que "
                 "en una comparación anterior de esta sesión, así que los mismos números).") if reused else ""
        worlds = comparison.world_differences
        plausible = "" if worlds is None else f", {worlds['world'].nunique()} mundos plausibles"
        if comparison is job.provisional and job.state == JobState.CANCELLED:
            ended = "Comparación cancelada; se muestra la primera etapa"
        else:
            ended = "Comparación terminada"
        stopped = "" if comparison.stopping is None else f" {stopping_text(comparison.stopping)}"
        self.status.value = note(
            f"{ended} en {job.seconds:.1f} s: {settings.replications} réplicas por estrategia, "
            f"{settings.days} días, semilla {settings.seed}{plausible}, {self.portfolio_name}."
            f"{again}{stopped}")


def tablero_app(parameters: ModelParameters | None = None) -> TableroApp:
    """The dashboard, ready to display (the notebook ``tablero_gerencial.ipynb`` does only this).

    The local worker processes start now, while the manager reads the page, so
    that the first Comparar does not wait for them to import the engine.
    """
    app = TableroApp(parameters)
    warm_up(app.workers.value)
    return app
