"""A strategy written by the learner as YAML text, run on a small portfolio against a reference.

The answer is the text of a strategy file. The check reads it with the real
loader (:func:`~simulator.strategies.load_strategy`), so a mistake gets the
same Spanish message, line and field a manager would see. A readable strategy
then runs on a fixed sample of the demo portfolio with a fixed seed, beside a
reference strategy from ``datasets/strategies`` on the same accounts and the
same luck, and passes when it meets every goal: no contact blocked by the rules
and no violation found by the audit, recovery at least the reference's plus a
margin, and, when set, a cost and a complaint cap. Kept small (at most 400
accounts, 90 days, 2 replications) so one check takes a few seconds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

import pandas as pd

from simulator.compliance import load_pack
from simulator.content import load_content
from simulator.course.exercises.answers import shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.errors import StrategyError
from simulator.experiments.runner import RunResult, run_strategy
from simulator.experiments.settings import RunSettings
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.portfolio import load_portfolio
from simulator.strategies import load_strategy

__all__ = ["CHECK_RUN", "DesignGoals", "MAX_ACCOUNTS", "MAX_DAYS", "MAX_REPLICATIONS", "design_sample",
           "strategy_design"]

#: Upper bounds of a check's run, so that it stays within seconds on a class laptop.
MAX_ACCOUNTS, MAX_DAYS, MAX_REPLICATIONS = 400, 90, 2
#: The run a check makes unless its exercise says otherwise: the largest allowed, with seed 2026.
CHECK_RUN = RunSettings(days=MAX_DAYS, seed=2026, replications=MAX_REPLICATIONS)


@dataclass(frozen=True)
class DesignGoals:
    """What a designed strategy must reach, measured as means over the replications.

    Attributes:
        min_recovery_gain: recovery rate minus the reference's, at least (``-0.01`` allows
            one point less, for a strategy that must mainly save money).
        max_cost_ratio: total cost (contacts and complaints) at most this multiple of the
            reference's; ``None`` for no cap.
        max_complaints_per_1000: complaints per 1,000 accounts, at most; ``None`` for no cap.
    """

    min_recovery_gain: float = 0.0
    max_cost_ratio: float | None = None
    max_complaints_per_1000: float | None = None

    def describe(self, reference: str) -> str:
        """The goals as a Spanish sentence, for the statement."""
        gain = self.min_recovery_gain * 100.0
        parts = [f"recuperación de al menos la de `{reference}`" if gain == 0 else
                 f"recuperación de al menos la de `{reference}` {'más' if gain > 0 else 'menos'} "
                 f"{abs(gain):g} puntos"]
        if self.max_cost_ratio is not None:
            parts.append(f"costo total no mayor que {self.max_cost_ratio:.0%} del de `{reference}`")
        if self.max_complaints_per_1000 is not None:
            parts.append(f"no más de {self.max_complaints_per_1000:g} quejas por cada 1,000 cuentas")
        parts.append("ningún contacto bloqueado por las reglas")
        return "; ".join(parts)


@cache
def design_sample(accounts: int, seed: int) -> pd.DataFrame:
    """The fixed sample of the demo portfolio a check runs on (the same in every session)."""
    portfolio = load_portfolio(dataset("portfolios", "demo.csv"))
    return portfolio.sample(accounts, random_state=seed).reset_index(drop=True)


@cache
def _reference_run(reference: str, accounts: int, settings: RunSettings) -> RunResult:
    strategy = load_strategy(dataset("strategies", f"{reference}.yaml"))
    return run_strategy(design_sample(accounts, settings.seed), strategy, load_parameters(), settings)


def _blocked_rules(run: RunResult) -> str:
    """The rules that blocked contacts, most frequent first, with the rule's own words."""
    contacts = pd.concat([table.contacts for table in run.tables], ignore_index=True)
    blocked = contacts[~contacts["allowed"]].groupby(["rule_id", "channel"]).size()
    blocked = blocked.sort_values(ascending=False) / max(run.settings.replications, 1)
    lines = []
    for (rule_id, channel), count in blocked.head(3).items():
        code = rule_id.split(".", 1)[0]
        rule = next((item for item in load_pack(code).rules if item.id == rule_id), None)
        said = f" ({rule.description.split(';')[0].strip().rstrip('.')})" if rule else ""
        lines.append(f"{count:,.0f} por réplica de `{channel}` por la regla {rule_id}{said}")
    return "; ".join(lines)


def _problems(mine: pd.Series, base: pd.Series, goals: DesignGoals, reference: str,
              run: RunResult) -> tuple[list[str], str]:
    """What keeps the strategy from passing, rules first, and the hint for the first problem."""
    problems, hint = [], ""
    if mine["compliance_blocked"] > 0 or mine["compliance_violations"] > 0:
        problems.append(f"Las reglas de contacto bloquearon {mine['compliance_blocked']:,.0f} intentos por "
                        f"réplica: {_blocked_rules(run)}. Una estrategia que pide contactos prohibidos no "
                        "se aprueba, aunque el simulador no los haya ejecutado.")
        hint = ("Revise `ventana` (horas permitidas), `solo_con_datos` y `a_terceros`, y que WhatsApp solo "
                "vaya a quien lo autorizó (vea docs/cumplimiento.md).")
    cap = goals.max_complaints_per_1000
    if cap is not None and mine["complaints_per_1000"] > cap:
        problems.append(f"Contacta de más: genera {mine['complaints_per_1000']:,.1f} quejas por cada 1,000 "
                        f"cuentas (`{reference}`: {base['complaints_per_1000']:,.1f}) y el tope es {cap:g}, "
                        f"con {mine['contacts_per_account']:,.1f} contactos por cuenta contra "
                        f"{base['contacts_per_account']:,.1f}. Cada contacto de más en la semana eleva la "
                        "probabilidad de una queja, y cada queja cuesta.")
        hint = hint or ("Espacie los contactos (`cada_dias` más grande), use `detener_si` para no insistir "
                        "a quien ya prometió o pagó, o ponga un tope en `limites.contactos_por_semana`.")
    if goals.max_cost_ratio is not None and mine["cost_total"] > goals.max_cost_ratio * base["cost_total"]:
        cap = goals.max_cost_ratio * base["cost_total"]
        problems.append(f"Cuesta ${mine['cost_total']:,.0f} por réplica y el tope es ${cap:,.0f} "
                        f"({goals.max_cost_ratio:.0%} de los ${base['cost_total']:,.0f} de `{reference}`).")
        hint = hint or ("Las llamadas y las visitas son lo caro: cambie parte de ellas por SMS, WhatsApp o "
                        "correo, sobre todo en las cuentas que pagan con un recordatorio.")
    wanted = base["recovery_rate"] + goals.min_recovery_gain
    if mine["recovery_rate"] < wanted:
        problems.append(f"Recupera {mine['recovery_rate']:.2%} y se pide al menos {wanted:.2%} "
                        f"(`{reference}` recupera {base['recovery_rate']:.2%}).")
        hint = hint or ("Vigile toda la cartera: un recordatorio antes del vencimiento y un contacto en los "
                        "primeros días de atraso evitan que las cuentas jóvenes envejezcan.")
    return problems, hint


def strategy_design(id: str, title: str, statement: str, *, reference: str, goals: DesignGoals,
                    hints: tuple[str, ...], accounts: int = MAX_ACCOUNTS,
                    settings: RunSettings = CHECK_RUN) -> Exercise:
    """A strategy, written as YAML text, that must meet ``goals`` against ``reference``.

    Args:
        reference: name of a strategy in ``datasets/strategies`` (file name without ``.yaml``);
            loaded here, so a missing file stops the author at registration.
        goals: what the learner's strategy must reach; the rules are always a goal.
        accounts: size of the sample, at most :data:`MAX_ACCOUNTS`.
        settings: the run, at most :data:`MAX_DAYS` days and :data:`MAX_REPLICATIONS`
            replications; its seed also draws the sample of the demo portfolio.
    """
    days, replications, seed = settings.days, settings.replications, settings.seed
    if accounts > MAX_ACCOUNTS or days > MAX_DAYS or replications > MAX_REPLICATIONS:
        raise ValueError(f"el ejercicio {id!r} pide una corrida demasiado grande para una revisión "
                         f"(máximo {MAX_ACCOUNTS} cuentas, {MAX_DAYS} días, {MAX_REPLICATIONS} réplicas)")
    load_strategy(dataset("strategies", f"{reference}.yaml"))
    full = f"{statement}\n\n**Metas** ({accounts} cuentas de la cartera de ejemplo, {days} días, " \
           f"{replications} réplicas, semilla {seed}): {goals.describe(reference)}."

    def judge(answer: object) -> Feedback:
        if not isinstance(answer, str):
            return Feedback(False, "Se esperaba el texto YAML de su estrategia, entre comillas triples "
                                   f"(`\"\"\"nombre: ...\"\"\"`); se recibió {shown(answer)}.")
        try:
            strategy = load_content(load_strategy, answer, None, suffix=".yaml")
        except StrategyError as error:
            said = str(error)
            end = "" if said.endswith((".", "?")) else "."
            return Feedback(False, f"Su estrategia no se pudo leer: {said}{end}",
                            "Compare su texto con un archivo de `datasets/strategies/` y con "
                            "docs/estrategias.md: la sangría, los dos puntos y el nombre exacto de cada "
                            "clave.")
        sample = design_sample(accounts, seed)
        mine_settings = dataclasses.replace(settings, keep_tables=True)  # blocked contacts are read back
        run = run_strategy(sample, strategy, load_parameters(), mine_settings)
        base_run = _reference_run(reference, accounts, settings)
        mine = run.summary.set_index("kpi")["mean"]
        base = base_run.summary.set_index("kpi")["mean"]
        details = {key: float(mine[key]) for key in ("recovery_rate", "cost_total", "complaints_per_1000",
                                                     "contacts_per_account", "compliance_blocked")}
        details["referencia"] = {key: float(base[key]) for key in ("recovery_rate", "cost_total",
                                                                   "complaints_per_1000")}
        problems, hint = _problems(mine, base, goals, reference, run)
        if problems:
            return Feedback(False, " ".join(problems), hint, details=details)
        return Feedback(True, f"`{strategy.name}` recupera {mine['recovery_rate']:.2%} contra "
                              f"{base['recovery_rate']:.2%} de `{reference}`, cuesta "
                              f"${mine['cost_total']:,.0f} (`{reference}`: ${base['cost_total']:,.0f}), "
                              "genera "
                              f"{mine['complaints_per_1000']:,.1f} quejas por cada 1,000 cuentas y ningún "
                              "contacto bloqueado: cumple todas las metas. Con una muestra tan chica es una "
                              "buena señal, no una prueba: confírmelo con `compare`, más cuentas y más "
                              "réplicas.",
                        details=details)

    return Exercise(id, title, full, judge, hints)
