"""A scenario's story values and its variants: the same call told with other names, amounts and dates.

An exam item must come in versions a learner cannot copy from a classmate's
screen. A variant keeps the whole conversation and rescales every amount
(rounded to 50 pesos) and moves every date by whole weeks, so paydays keep
their weekday and every rule the author wrote (branch conditions, the goal,
fixed promises) keeps its sense; the debtor's name and any text value of
``datos`` come from the variant. Texts say story values through placeholders
(``{promesa_anterior}``), never as literals, so a variant cannot leave an old
figure behind; the loader refuses a placeholder the scenario does not define.

A country edition (:mod:`simulator.compliance.edition`) tells the same story in
its own money: every amount is converted and rounded by the edition's scale,
written with its separators, and the few amounts a text still writes out in
Mexican form (``1,400 pesos``, ``$2,000``) are rewritten the same way; the
edition's phrases (``{saludo}``, ``{documento}``, ``{la_autoridad}``) fill in
the country's greeting, document and regulator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from pydantic import ValidationError

from simulator.compliance.edition import Edition
from simulator.errors import DialogueError
from simulator.roleplay.graph import GraphProblem
from simulator.roleplay.schema import PLACEHOLDERS, Scenario
from simulator.spanish_input import format_amount, format_number, say_amount, say_date

__all__ = ["edition_problems", "in_edition", "localised", "placeholder_problems", "story_values", "told",
           "variant_problems"]

#: Keys whose numbers are pesos, wherever they appear in a scenario.
MONEY_KEYS = frozenset({"saldo_mxn", "vencido_mxn", "capacidad_mxn", "monto_min", "monto_ideal", "monto_max",
                        "fija_monto", "monto_mxn"})
#: Amounts in a variant are rounded to this many pesos, as a collector would quote them.
ROUND_TO = 50
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
#: An amount a text writes out in Mexican form: with a dollar sign, comma thousands, or "pesos" after it.
_WRITTEN_AMOUNT = re.compile(r"(?P<sign>\$ ?)?(?P<number>\b[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{2})?\b"
                             r"|\b[0-9]+(?:\.[0-9]{2})?\b)(?P<thousand> mil)?(?P<unit> pesos?\b)?")


def told(scenario: Scenario, variant: int = 0) -> Scenario:
    """``scenario`` as variant ``variant`` tells it (0: as written).

    Raises:
        DialogueError: the scenario has no such variant.
        pydantic.ValidationError: the variant breaks a rule of the schema
            (the loader checks every variant, so a loaded scenario never does).
    """
    if variant == 0:
        return scenario
    if isinstance(variant, bool) or not isinstance(variant, int) or not 0 < variant <= len(scenario.variants):
        last = len(scenario.variants)
        raise DialogueError(f"el escenario {scenario.id!r} tiene {last + 1} variante(s), de la 0 a la "
                            f"{last}; se pidió la {variant!r}", field="variante")
    change = scenario.variants[variant - 1]
    data = scenario.model_dump(by_alias=True, exclude_none=True, exclude={"variants"})
    data = _story_moved(data, lambda pesos: _rounded(pesos * change.scale), dt.timedelta(weeks=change.weeks))
    if change.debtor is not None:
        data["contexto"]["deudor"] = change.debtor
    data["datos"].update(change.data)
    return Scenario.model_validate(data)


def in_edition(scenario: Scenario, edition: Edition) -> Scenario:
    """``scenario`` with every amount in ``edition``'s money (the Mexican edition changes nothing).

    Raises:
        pydantic.ValidationError: rounding broke a rule of the schema (the linter
            checks every scenario in every edition, so a shipped one never does).
    """
    if edition.scale.per_peso == 1.0:
        return scenario
    data = scenario.model_dump(by_alias=True, exclude_none=True)
    return Scenario.model_validate(_story_moved(data, edition.scaled, dt.timedelta(0)))


def localised(text: str, edition: Edition) -> str:
    """``text`` with the amounts it writes out in Mexican form told in ``edition``'s money."""
    if edition.scale.per_peso == 1.0:
        return text
    money = edition.money

    def told_there(match: re.Match[str]) -> str:
        sign, thousand, unit = match["sign"], match["thousand"], match["unit"]
        if not (sign or unit or "," in match["number"]):
            return match[0]
        pesos = Decimal(match["number"].replace(",", "")) * (1000 if thousand else 1)
        amount = edition.scaled_amount(pesos)
        if sign:
            return format_amount(amount, money)
        decimals = money.decimals if "." in match["number"] else 0
        said = format_number(amount, money, decimals)
        return f"{said} {money.units}" if unit else said

    return _WRITTEN_AMOUNT.sub(told_there, text)


def _rounded(pesos: float) -> float:
    return float(max(ROUND_TO, round(pesos / ROUND_TO) * ROUND_TO))


def _story_moved(data: dict, rescale: Callable[[float], float], shift: dt.timedelta) -> dict:
    """A dumped scenario with money rescaled and dates moved; a number among the story values
    (top-level ``datos``, not a node that happens to be called so) is pesos."""
    rest = {name: item for name, item in data.items() if name != "datos"}
    moved = _moved(rest, rescale, shift, money=False)
    return moved | {"datos": _moved(data.get("datos", {}), rescale, shift, money=True)}


def _moved(value, rescale: Callable[[float], float], shift: dt.timedelta, *, money: bool):
    """``value`` with money rescaled and dates moved, walking dicts and lists; ``money`` says a number
    here is pesos (under a key of :data:`MONEY_KEYS`, or a story value of ``datos``)."""
    if isinstance(value, dict):
        return {name: _moved(item, rescale, shift, money=money or name in MONEY_KEYS)
                for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_moved(item, rescale, shift, money=money) for item in value]
    if isinstance(value, dt.date):
        return value + shift
    if money and isinstance(value, int | float) and not isinstance(value, bool):
        return float(rescale(value)) if value else 0.0
    return value


def story_values(scenario: Scenario, edition: Edition, *, spoken: bool = False) -> dict[str, str]:
    """What each fixed placeholder says in this scenario, told in ``edition`` (whose amounts
    :func:`in_edition` has already converted); the call's own amount and date aside.

    ``spoken`` is for the debtor's lines ("mil quinientos pesos"); the collector
    and the card read exact figures. Dates are said as people say them either way.
    """
    context, goal = scenario.context, scenario.objective
    money = say_amount if spoken else format_amount

    def said(value: str | float | dt.date) -> str:
        if isinstance(value, dt.date):
            return say_date(value, context.call_date)
        if isinstance(value, float | int):
            return money(Decimal(str(value)), edition.money)
        return value

    optional = {"vencido": context.overdue_mxn, "minimo": goal.amount_min_mxn, "ideal": goal.amount_ideal_mxn}
    values = {
        **edition.phrases,
        "moneda": edition.money.units,
        "deudor": context.debtor,
        "gestor": context.collector,
        "institucion": context.institution,
        "saldo": said(context.balance_mxn),
        "dias_atraso": str(context.days_past_due),
        # the loader refuses a text that uses one of these when the scenario leaves it out
        **{name: said(value) for name, value in optional.items() if value is not None},
    }
    values.update({name: said(value) for name, value in scenario.data.items()})
    return values


def placeholder_problems(scenario: Scenario) -> list[GraphProblem]:
    """Placeholders that name nothing this scenario defines, each located by key path."""
    missing = {"vencido": (scenario.context.overdue_mxn, "'contexto' no tiene 'vencido_mxn'"),
               "minimo": (scenario.objective.amount_min_mxn, "'meta' no tiene 'monto_min'"),
               "ideal": (scenario.objective.amount_ideal_mxn, "'meta' no tiene 'monto_ideal'")}
    known = set(PLACEHOLDERS) | set(scenario.data)
    problems = []
    for loc, text in _texts(scenario):
        for name in _PLACEHOLDER.findall(text):
            if name not in known:
                problems.append(GraphProblem(
                    f"marcador desconocido {{{name}}}; se permiten: " + ", ".join(
                        f"{{{known_name}}}" for known_name in sorted(known))
                    + " (los de la historia se declaran en 'datos')", loc))
                break
            if name in missing and missing[name][0] is None:
                problems.append(GraphProblem(f"un texto usa {{{name}}} pero {missing[name][1]}", loc))
                break
    return problems


def variant_problems(scenario: Scenario) -> list[GraphProblem]:
    """Variants that change a key ``datos`` does not have as text, or break the schema once applied."""
    problems = []
    for number, change in enumerate(scenario.variants, start=1):
        loc = ("variantes", number - 1)
        wrong = [name for name in change.data if not isinstance(scenario.data.get(name), str)]
        if wrong:
            problems.append(GraphProblem(
                f"la variante {number} cambia {wrong[0]!r}, que no es un texto de 'datos' (los montos y "
                "fechas cambian con 'escala' y 'semanas')", (*loc, "datos", wrong[0])))
            continue
        try:
            told(scenario, number)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(map(str, first["loc"]))
            problems.append(GraphProblem(
                f"la variante {number} rompe el escenario en {where}: {first['msg']}", loc))
    return problems


def edition_problems(scenario: Scenario, home: Edition, edition: Edition) -> list[GraphProblem]:
    """What keeps ``scenario`` from being told in ``edition``: amounts that no longer fit the schema once
    converted, or a text that still says something only ``home`` (the edition it is written in) says."""
    try:
        in_edition(scenario, edition)
    except ValidationError as error:
        first = error.errors()[0]
        return [GraphProblem(f"al convertir los montos ({edition.scale.per_peso:g} por peso) se rompe "
                             f"{'.'.join(map(str, first['loc']))}: {first['msg']}", ("contexto",))]
    foreign = {said for name, said in home.phrases.items() if said != edition.phrases[name]}
    if home.money.units != edition.money.units:
        foreign.add(home.money.units)
    if not foreign:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(foreign, key=len, reverse=True)))
                         + r")(?!\w)")
    problems = []
    for loc, text in _texts(scenario):
        left = pattern.search(localised(" ".join(text.split()), edition))
        if left:
            problems.append(GraphProblem(
                f"dice «{left[0]}», que en {edition.country} no se dice así: use el marcador de la "
                "edición ({saludo}, {documento}, {la_autoridad}, {moneda}...) o un monto con cifras", loc))
    return problems


def _texts(scenario: Scenario) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text a learner may read, with the key path that locates it in the file."""
    yield ("descripcion",), scenario.description
    yield ("objetivo",), scenario.goal
    if scenario.context.notes:
        yield ("contexto", "notas"), scenario.context.notes
    for name, node in scenario.nodes.items():
        for index, line in enumerate(node.debtor):
            yield ("nodos", name, "deudor", index, "texto"), line.text
        for index, choice in enumerate(node.choices):
            yield ("nodos", name, "opciones", index, "texto"), choice.text
            yield ("nodos", name, "opciones", index, "retro"), choice.feedback
        if node.summary:
            yield ("nodos", name, "resumen"), node.summary
    for level, path in (scenario.model_paths or {}).items():
        for index, typed in enumerate(path.inputs):
            yield ("camino_modelo", level, "entradas", index), typed
