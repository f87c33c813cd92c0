"""The report's ``index.html``: one self-contained Spanish page.

CSS is inline and the plots are embedded as base64 PNG, so the page opens
offline from disk, or alone as an e-mail attachment. Every text that comes
from a file (strategy names and descriptions) goes through :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import pandas as pd

from simulator.experiments.compare import Comparison
from simulator.experiments.kpis import KPI_LABELS, KPI_NAMES
from simulator.plots import img_tag
from simulator.reporting.figures import PLOTS
from simulator.reporting.numbers import (
    format_difference,
    format_difference_interval,
    format_interval,
    format_value,
)
from simulator.reporting.tables import RUN_TABLES
from simulator.reporting.text_tables import RULES_OFF, break_even_text, world_count, world_verdicts

__all__ = ["PAIRING_NOTE", "WORLDS_NOTE", "difference_section", "kpi_section", "render_page"]

#: Why the paired interval is narrower than Welch's, in one line.
PAIRING_NOTE = (
    "Cada réplica de la retadora enfrenta a los mismos deudores con la misma suerte que la réplica "
    "de la campeona (números aleatorios comunes); al restar réplica por réplica esa suerte compartida "
    "se cancela, por eso el intervalo pareado suele ser más angosto que el de Welch, que compara los "
    "promedios como si las corridas fueran independientes."
)

#: Which interval is which when a comparison ran plausible worlds.
WORLDS_NOTE = (
    "Los intervalos pareado y de Welch miden el <strong>ruido de simulación</strong>: cuánto cambiaría la "
    "diferencia con otra suerte, con los parámetros del archivo. La columna «Mundos plausibles» dice entre "
    "qué valores cae la diferencia en el 95 % de {count} mundos sorteados de las distribuciones a priori de "
    "los parámetros inciertos (percentiles 2.5 y 97.5): cuánto depende la respuesta de los supuestos. Más "
    "réplicas angostan el ruido, no los mundos."
)

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #222;
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid #e0e0e0; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
th, td { border: 1px solid #d5d5d5; padding: .3rem .55rem; vertical-align: top; }
th { background: #f3f5f7; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ic { display: block; color: #666; font-size: .8rem; }
.champion { background: #fff8e1; }
.yes { color: #1b5e20; font-weight: 600; }
.no { color: #777; }
figure { margin: 1.2rem 0 2rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; font-size: .9rem; margin-top: .3rem; }
.note { background: #f6f8fa; border-left: 4px solid #8aa4c8; padding: .6rem .9rem; }
.subtitle { color: #555; margin-top: 0; }
"""

_FILE_NOTES = {
    "kpis.csv": "indicadores de cada estrategia: media e intervalo de confianza del 95 %",
    "diferencias.csv": "retadora menos campeona por indicador; la columna <code>method</code> dice si "
                       "el intervalo es pareado (<code>pareada</code>) o de Welch (<code>welch</code>)",
    "por_replica.csv": "los indicadores de cada réplica (de aquí salen las medias y los intervalos)",
    "cobranza_diaria.csv": "monto cobrado por día y acumulado, por réplica",
    "tramos_semanales.csv": "cuentas y saldo por tramo de atraso y estado, cada semana, por réplica",
    "canales.csv": "intentos, ejecutados, bloqueados, perdidos por falta de personal, detenidos por "
                   "los topes de la estrategia, alcanzados, conversaciones y costo por canal",
    "por_tramo_inicial.csv": "resultados agrupados por el tramo de atraso con el que empezó cada cuenta",
    "ocupacion_diaria.csv": "minutos ocupados y minutos de turno de agentes y visitadores, por día y "
                            "réplica, y su cociente (la ocupación; 0 en los días sin turno)",
}


def _settings(comparison: Comparison, descriptions: Mapping[str, str]) -> str:
    champion = comparison.runs[comparison.champion]
    rows = [
        ("Cuentas en la cartera", f"{champion.accounts:,}"),
        ("Días simulados", f"{champion.settings.days:,}"),
        ("Semilla", str(champion.settings.seed)),
        ("Réplicas por estrategia", f"{champion.settings.replications:,}"),
        ("Reglas de contacto", "activas" if champion.settings.enforce_compliance else RULES_OFF),
        ("Estrategia campeona", escape(comparison.champion)),
    ]
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    items = "".join(
        f"<li><strong>{escape(name)}</strong>{' (campeona)' if name == comparison.champion else ''}"
        f"{': ' + escape(descriptions[name]) if descriptions.get(name) else ''}</li>"
        for name in comparison.runs
    )
    return (f"<h2>Cómo se corrió</h2><table>{body}</table>"
            f"<p>Estrategias comparadas (todas con la misma cartera, semilla y réplicas):</p>"
            f"<ul>{items}</ul>")


def kpi_section(comparison: Comparison) -> str:
    """The KPI table: a column per strategy, the mean over its 95% interval (the dashboard shows it too)."""
    names = list(comparison.runs)
    header = "".join(
        f"<th class='champion'>{escape(name)} (campeona)</th>" if name == comparison.champion
        else f"<th>{escape(name)}</th>" for name in names
    )
    summaries = {name: run.summary.set_index("kpi") for name, run in comparison.runs.items()}
    rows = []
    for kpi in KPI_NAMES:
        cells = []
        for name in names:
            row = summaries[name].loc[kpi]
            cells.append(f"<td class=\"num\">{format_value(kpi, row['mean'])}"
                         f"<span class=\"ic\">{format_interval(kpi, row['ci95_low'], row['ci95_high'])}"
                         f"</span></td>")
        rows.append(f"<tr><th>{escape(KPI_LABELS[kpi])}</th>{''.join(cells)}</tr>")
    return (
        "<h2>Indicadores</h2>"
        "<p>Media de las réplicas y, debajo, el intervalo de confianza del 95 % [bajo, alto].</p>"
        f"<table><thead><tr><th>Indicador</th>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _world_cells(comparison: Comparison, name: str) -> dict[str, str]:
    """Per KPI, the worlds interval and verdict cells of challenger ``name`` (none without worlds)."""
    if comparison.worlds is None:
        return {}
    verdicts = world_verdicts(comparison, name)
    return {row.kpi: f"<td class=\"num\">{format_difference_interval(row.kpi, row.ci95_low, row.ci95_high)}"
                     f"</td><td>{escape(verdicts[row.kpi])}</td>"
            for row in comparison.worlds[comparison.worlds["strategy"] == name].itertuples(index=False)}


def _difference_rows(paired: pd.DataFrame, unpaired: pd.DataFrame, replications: int,
                     worlds: Mapping[str, str]) -> str:
    welch = unpaired.set_index("kpi")
    rows = []
    for row in paired.itertuples(index=False):
        other = welch.loc[row.kpi]
        if replications < 2:
            verdict = '<td class="no">— (una réplica)</td>'
        elif row.ci95_low > 0 or row.ci95_high < 0:
            verdict = '<td class="yes">sí</td>'
        else:
            verdict = '<td class="no">no</td>'
        rows.append(
            f"<tr><th>{escape(KPI_LABELS[row.kpi])}</th>"
            f"<td class=\"num\">{format_difference(row.kpi, row.mean)}</td>"
            f"<td class=\"num\">{format_difference_interval(row.kpi, row.ci95_low, row.ci95_high)}</td>"
            f"<td class=\"num\">{format_difference_interval(row.kpi, other['ci95_low'], other['ci95_high'])}"
            f"</td>{verdict}{worlds.get(row.kpi, '')}</tr>"
        )
    return "".join(rows)


def difference_section(comparison: Comparison) -> str:
    """One table per challenger: challenger minus champion, paired and Welch intervals."""
    champion = escape(comparison.champion)
    parts = ["<h2>Diferencias contra la campeona</h2>"]
    challengers = [name for name in comparison.runs if name != comparison.champion]
    if not challengers:
        parts.append("<p>Solo se corrió una estrategia: no hay diferencias que mostrar.</p>")
        return "".join(parts)
    parts.append(f"<p class=\"note\">{PAIRING_NOTE}</p>")
    count = world_count(comparison)
    if count:
        parts.append(f"<p class=\"note\">{WORLDS_NOTE.format(count=count)}</p>")
    world_headers = ("<th>Mundos plausibles (95 %)</th><th>La retadora gana en</th>" if count else "")
    replications = comparison.runs[comparison.champion].settings.replications
    for name in challengers:
        paired = comparison.paired[comparison.paired["strategy"] == name]
        unpaired = comparison.unpaired[comparison.unpaired["strategy"] == name]
        rows = _difference_rows(paired, unpaired, replications, _world_cells(comparison, name))
        parts.append(
            f"<h3>{escape(name)} − {champion}</h3>"
            "<table><thead><tr><th>Indicador</th><th>Diferencia (media)</th>"
            "<th>IC 95 % pareado (ruido de simulación)</th><th>IC 95 % de Welch (sin parear)</th>"
            f"<th>¿Distinta de cero? (pareado)</th>{world_headers}</tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
        verdict = break_even_text(comparison, name)
        if verdict:
            parts.append(f"<p class=\"note\">{escape(verdict)}</p>")
    parts.append("<p>Una diferencia positiva significa que la retadora tiene un valor más alto que "
                 "la campeona; si eso es mejor o peor depende del indicador (más cobro es mejor, "
                 "más costo o más quejas es peor). Las tasas se restan en puntos porcentuales (pp).</p>")
    return "".join(parts)


def _plot_section(images: Mapping[str, bytes]) -> str:
    parts = ["<h2>Gráficas</h2>"]
    for number, plot in enumerate(PLOTS, start=1):
        parts.append(
            f"<figure>{img_tag(images[plot.file_name], plot.alt)}"
            f"<figcaption><strong>Figura {number}.</strong> {escape(plot.caption)} "
            f"(También en <a href=\"{plot.file_name}\">{plot.file_name}</a>.)</figcaption></figure>"
        )
    return "".join(parts)


def _reading_section() -> str:
    files = "".join(f"<li><a href=\"{name}\">{name}</a>: {_FILE_NOTES[name]}</li>"
                    for name in ("kpis.csv", "diferencias.csv", *RUN_TABLES))
    return (
        "<h2>Cómo leer este reporte</h2><ul>"
        "<li>Cada estrategia se simuló varias veces (réplicas) sobre la misma cartera. La media "
        "resume las réplicas; el intervalo de confianza del 95 % dice entre qué valores es "
        "razonable que esté la media verdadera del modelo. Con pocas réplicas los intervalos son "
        "anchos: corra más réplicas antes de decidir.</li>"
        "<li>Para decidir entre dos estrategias mire la tabla de diferencias, no las dos medias "
        "sueltas: si el intervalo pareado no incluye el cero, la diferencia no se explica por el "
        "azar de las réplicas.</li>"
        "<li>Compare cobro y costo juntos (figura 3) y revise las quejas y los contactos bloqueados "
        "antes de elegir la estrategia que más cobra.</li>"
        "<li>La carpeta del reporte incluye las tablas en CSV (separadas por comas, con punto "
        "decimal, en UTF-8 con marca BOM para que Excel muestre bien los acentos) para abrirlas "
        "en una hoja de cálculo. Todas tienen una columna "
        f"<code>strategy</code> y, las que lo necesitan, <code>replication</code>:</li></ul><ul>{files}</ul>"
    )


_ASSUMPTIONS = (
    "<h2>Sobre los parámetros</h2><p class=\"note\">Los parámetros del modelo (cómo pagan los "
    "deudores, qué tan seguido contestan, cuánto cuesta cada canal, cuándo cumplen una promesa) son "
    "supuestos de diseño documentados en la ficha del modelo (<code>docs/modelo.md</code>), no "
    "estimaciones hechas con los datos de su cartera. Este reporte sirve para comparar estrategias "
    "entre sí bajo esos supuestos, no para pronosticar cuánto cobrará su equipo.</p>"
)


def render_page(comparison: Comparison, images: Mapping[str, bytes],
                descriptions: Mapping[str, str] | None = None) -> str:
    """The whole HTML page.

    Args:
        comparison: what to report.
        images: PNG bytes of every plot in :data:`~simulator.reporting.figures.PLOTS`, by file name.
        descriptions: strategy descriptions by name (from the YAML files), shown escaped.
    """
    names = ", ".join(escape(name) for name in comparison.runs)
    body = "".join((
        "<h1>Reporte de comparación de estrategias de cobranza</h1>",
        f"<p class=\"subtitle\">Estrategias: {names}. Simulación de cartera del curso Cobranza.</p>",
        _settings(comparison, descriptions or {}),
        kpi_section(comparison),
        difference_section(comparison),
        _plot_section(images),
        _reading_section(),
        _ASSUMPTIONS,
    ))
    return ("<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Reporte de cobranza: {escape(comparison.champion)}</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>\n")
