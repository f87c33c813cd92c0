"""Printable cards for live role-play in pairs: the debtor's, the collector's and the observer's.

A trainer prints them (one A4 or Letter page each) and three learners play the
call face to face: one reads the debtor's hidden card, one the account file, one
scores with the checklist. They come from the same scenario file the notebook
plays, so practice in pairs and on screen never disagree. Every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from simulator.compliance.edition import Edition
from simulator.roleplay.engine import RolePlay
from simulator.roleplay.judge import ELEMENTS
from simulator.roleplay.schema import Scenario
from simulator.roleplay.scoring import PASS_MARK
from simulator.roleplay.techniques import AXIS_LABELS, ENDINGS, PERSONAS, TECHNIQUES
from simulator.roleplay.terminal import context_card
from simulator.spanish_input import format_amount, format_date

__all__ = ["cards_html", "write_cards"]

_STYLE = """
@page { margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 0; }
.tarjeta { box-sizing: border-box; padding: 6mm 8mm; min-height: 250mm; border: 1px solid #999;
           margin: 0 auto 8mm; max-width: 182mm; break-after: page; page-break-after: always; }
.tarjeta:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
.aviso { background: #fff3cd; padding: 2mm 3mm; border-radius: 2mm; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #bbb; padding: 1.2mm 2mm;
vertical-align: top; text-align: left; } th { background: #eef1f4; }
.caja { width: 7mm; text-align: center; }
.columnas { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
@media screen { body { background: #ddd; padding: 8mm 0; } .tarjeta { background: #fff; } }
@media print { .tarjeta { border: none; min-height: 0; margin: 0; } }
"""
_ROLE = {"deudor": "Tarjeta del deudor", "gestor": "Tarjeta del gestor", "observador": "Hoja del observador"}


def _e(text: object) -> str:
    return html.escape(" ".join(str(text).split()))


def _mood(value: float) -> str:
    return "molesto" if value < 0.3 else "reservado" if value < 0.6 else "tranquilo"


def _willing(value: float) -> str:
    return "poco dispuesto a pagar" if value < 0.3 else "indeciso" if value < 0.6 else "dispuesto a pagar"


#: What the observer checks for each element the judge knows, in a few words.
_CHECKS = {"identificacion": "Dijo su nombre", "institucion": "Dijo por qué institución llama",
           "pregunta_titular": "Preguntó por el titular antes de dar detalles",
           "verificacion": "Verificó con un dato del titular (sin claves ni NIP)",
           "proposito": "Dijo el motivo, solo al titular", "monto": "Dijo el monto exacto",
           "fecha": "Acordó una fecha concreta", "canal_oficial": "Indicó un canal oficial de pago",
           "resumen": "Repitió el acuerdo (monto, fecha, canal)",
           "empatia": "Reconoció la situación del deudor",
           "pregunta_abierta": "Hizo preguntas abiertas y escuchó"}


def _card(role: str, scenario: Scenario, body: list[str]) -> str:
    return (f'<section class="tarjeta" data-rol="{role}"><h1>{_ROLE[role]}</h1>'
            f"<p><strong>{_e(scenario.title)}</strong></p>" + "".join(body) + "</section>")


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def _debtor(session: RolePlay) -> str:
    scenario, hidden = session.scenario, session.scenario.hidden
    paydays = ", ".join(format_date(day) for day in hidden.paydays) or "no hay fechas fijas"
    key_lines = [session.fill(node.debtor[-1].text, spoken=True) for name, node in scenario.nodes.items()
                 if node.typed is not None and name != scenario.start]
    body = [
        '<p class="aviso">Solo para quien hace de deudor: no la muestre a los demás.</p>',
        f"<h2>Quién es</h2><p>{_e(scenario.context.debtor)}. {_e(PERSONAS[scenario.persona])}.</p>",
        "<h2>Lo que nadie más sabe</h2>",
        _list([f"Puede pagar hasta {_amount(session, hidden.capacity_mxn)} en su próximo ingreso; ni un "
               f"{session.edition.money.unit} más.",
               f"Sus días de pago: {paydays}.",
               f"Empieza la llamada {_mood(hidden.mood)} y {_willing(hidden.willingness)}.",
               "Ya sabe de: " + (", ".join(hidden.knows) if hidden.knows else "nada") + "."]),
        "<h2>Cómo responde</h2>",
        _list(["Acepta un monto que le alcance, en un día en que le pagan y por un canal oficial.",
               "Se abre si lo escuchan y le preguntan qué pasó; se cierra si lo interrumpen.",
               "Cuelga o se queja si lo amenazan, lo insultan, le hablan de la deuda a otra persona, "
               "lo presionan por medio de su familia o le piden el dinero en efectivo o a una cuenta "
               "personal."]),
        f"<h2>Su primera frase</h2><p>«{_e(session.debtor_line)}»</p>",
        "<h2>Lo que dirá en los momentos clave</h2>" + _list(f"«{line}»" for line in key_lines),
    ]
    return _card("deudor", scenario, body)


def _amount(session: RolePlay, value: float) -> str:
    return format_amount(Decimal(str(value)), session.edition.money)


def _collector(session: RolePlay) -> str:
    lines = context_card(session)[1:]  # the title is the card's own
    body = [
        "<h2>El expediente</h2>" + _list(lines),
        "<h2>El guion de la llamada</h2>",
        _list(["Salude, diga su nombre y la institución y pregunte por el titular, sin decir el motivo.",
               "Con otra persona: solo su nombre, la institución y un número para que le devuelvan la "
               "llamada.",
               "Verifique con un dato que el titular conoce (nunca claves, NIP ni el número completo de "
               "la tarjeta).",
               "Solo entonces, el motivo y el monto; escuche y pregunte qué pasó.",
               "Cierre con monto, fecha y canal oficial, y repita el acuerdo."]),
    ]
    return _card("gestor", session.scenario, body)


def _observer(session: RolePlay) -> str:
    scenario = session.scenario
    elements = "".join(f'<tr><td class="caja">☐</td><td>{_e(_CHECKS[name])}</td></tr>' for name in ELEMENTS)
    breaches = sorted({TECHNIQUES[tag].label for tag in TECHNIQUES if TECHNIQUES[tag].kind == "breach"})
    faults = "".join(f'<tr><td class="caja">☐</td><td>{_e(label)}</td></tr>' for label in breaches)
    axes = "".join(f"<tr><td>{_e(label)}</td><td>1 · 2 · 3 · 4 · 5</td></tr>"
                   for label in AXIS_LABELS.values())
    endings = sorted({node.ending for node in scenario.nodes.values() if node.ending})
    goal = scenario.objective
    criteria = [f"Final que cuenta: {', '.join(ENDINGS[name].label for name in goal.endings)}."]
    if goal.amount_min_mxn is not None:
        ideal = f" (ideal {_amount(session, goal.amount_ideal_mxn)})" if goal.amount_ideal_mxn else ""
        criteria.append(f"Monto de al menos {_amount(session, goal.amount_min_mxn)}{ideal}.")
    if goal.on_payday:
        criteria.append("Fecha en un día de pago del deudor.")
    if goal.date_within_days is not None:
        criteria.append(f"Fecha dentro de {goal.date_within_days} días.")
    body = [
        f"<p>Objetivo: {_e(session.fill(scenario.goal))}</p>",
        '<div class="columnas"><div><h2>Lo que dijo el gestor</h2><table><tr><th class="caja">✓</th>'
        "<th>Elemento</th></tr>" + elements + "</table></div>",
        '<div><h2>Faltas graves (una reprueba)</h2><table><tr><th class="caja">✓</th>'
        "<th>Falta</th></tr>" + faults + "<tr><td class='caja'>☐</td><td>Otra: ____________</td></tr>"
        "</table></div></div>",
        "<h2>Calificación (1 = mal, 5 = ejemplar)</h2><table>" + axes + "</table>",
        "<h2>Meta de la llamada</h2>" + _list(criteria),
        "<p>Final: " + " · ".join(f"☐ {_e(ENDINGS[name].label)}" for name in endings) + "</p>",
        f"<p>Aprueba con la meta cumplida, sin faltas graves y {PASS_MARK} puntos o más.</p>",
    ]
    return _card("observador", scenario, body)


def cards_html(scenario: Scenario, variant: int = 0, edition: Edition | None = None) -> str:
    """The three cards of one scenario (in one version of its story, told in ``edition``, Mexico's
    when None) as a printable HTML page."""
    session = RolePlay(scenario, variant=variant, edition=edition)
    title = _e(f"Tarjetas: {session.scenario.title}")
    return ("<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{_STYLE}</style></head><body>"
            + _debtor(session) + _collector(session) + _observer(session) + "</body></html>\n")


def write_cards(scenarios: Iterable[Scenario], out_dir: str | Path, variant: int = 0,
                edition: Edition | None = None) -> list[Path]:
    """One ``<id>.html`` per scenario in ``out_dir`` (created if missing); the paths written."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for scenario in scenarios:
        path = folder / f"{scenario.id}.html"
        path.write_text(cards_html(scenario, variant, edition), encoding="utf-8")
        written.append(path)
    return written
