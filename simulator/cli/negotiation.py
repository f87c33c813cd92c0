"""The ``negotiate`` subcommand of ``python -m simulator``: evaluate, compare and show policies.

Kept here so that ``simulator/cli/main.py`` only registers it. Help and output are
in Spanish; bad input raises a :class:`~simulator.errors.CobranzaError` that the
CLI prints as one line. A policy that fails on some debtors does not stop the
run: how many failed, and the first message, go to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulator.argparse_es import number_between
from simulator.errors import NegotiationError
from simulator.negotiation.debrief import debrief_lines
from simulator.negotiation.debtor import DEFAULT_STRATEGY, draw_debtors
from simulator.negotiation.debtor_model import draw_models
from simulator.negotiation.evaluation import (
    DEFAULT_TIMEOUT,
    METRIC_LABELS,
    METRICS,
    Evaluation,
    evaluate,
    paired_difference,
    play,
)
from simulator.negotiation.model_range import model_spread, recovery_by_model
from simulator.negotiation.registry import PolicyRegistry
from simulator.negotiation.scoring import score
from simulator.parameters import load_parameters
from simulator.strategies import load_strategy

__all__ = ["COMMANDS", "add_commands", "add_policy_folders", "trusted_policies"]


_seconds = number_between(0.0, 3600.0)


def add_commands(commands, positive_int, seed_type) -> None:
    """Register ``negotiate evaluate|compare|show`` on the CLI's subparsers."""
    negotiate = commands.add_parser(
        "negotiate", help="negociación con deudores simulados: evalúa políticas de negociación",
        description="Negocia con deudores simulados (capacidad de pago, ciclo de ingreso y "
                    "reserva ocultos) usando una política escrita como función de Python.",
    )
    actions = negotiate.add_subparsers(dest="negotiate_command", required=True, metavar="ACCION",
                                       parser_class=type(negotiate))
    run = actions.add_parser(
        "evaluate", help="evalúa una política sobre muchos deudores",
        description="Corre la política sobre deudores simulados y muestra cada indicador con su "
                    "intervalo de confianza del 95 %.",
    )
    run.add_argument("--policy", required=True, metavar="POLITICA",
                     help="una incluida (escalera, anclaje, aceptar_primera, exigir_total), MODULO:FUNCION "
                          "o ruta/archivo.py:FUNCION, p. ej. mi_politica.py:negociar")
    _common(run, positive_int, seed_type)
    compare = actions.add_parser(
        "compare", help="compara políticas deudor por deudor",
        description="Evalúa varias políticas con los mismos deudores y muestra la diferencia "
                    "pareada de cada una contra la primera.",
    )
    compare.add_argument("policies", nargs="+", metavar="POLITICA",
                         help="políticas, escritas como en --policy de evaluate; la primera es la "
                              "referencia")
    compare.add_argument("--debtor-models", type=positive_int, metavar="N",
                         help="repite la comparación con N modelos de deudor sacados de los rangos "
                              "documentados (mismos deudores) y muestra en cuántos gana la primera "
                              "política y cuánto varía la diferencia; p. ej. 20")
    _common(compare, positive_int, seed_type)
    show = actions.add_parser(
        "show", help="muestra la conversación con un deudor",
        description="Juega la política con un deudor y muestra la conversación, el puntaje, cómo le "
                    "fue (sus ofertas contra la escalera de concesiones, entre otras cosas) y, al final, lo "
                    "que el gestor no veía (capacidad, reserva, persona).",
    )
    show.add_argument("--policy", required=True, metavar="POLITICA",
                      help="escrita como en --policy de evaluate")
    show.add_argument("--debtor", type=int, default=0, metavar="N",
                      help="número de deudor, desde 0 (0)")
    _common(show, positive_int, seed_type, debtors=False)


def _common(parser: argparse.ArgumentParser, positive_int, seed_type, debtors: bool = True) -> None:
    if debtors:
        parser.add_argument("--debtors", type=positive_int, default=2000, metavar="N",
                            help="deudores simulados (2000)")
    parser.add_argument("--seed", type=seed_type, default=1, metavar="SEMILLA",
                        help="semilla: misma semilla, mismos deudores para toda política (1)")
    parser.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SEGUNDOS",
                        help=f"tiempo máximo de la política por deudor ({DEFAULT_TIMEOUT:g})")
    parser.add_argument("--strategy", default=str(DEFAULT_STRATEGY), metavar="YAML",
                        help="estrategia cuyos límites de negociación aplican (escalonada)")
    parser.add_argument("--parameters", metavar="YAML",
                        help="parámetros del modelo (por omisión, los del paquete)")
    parser.add_argument("--json", action="store_true", help="salida en JSON")
    add_policy_folders(parser)


def add_policy_folders(parser: argparse.ArgumentParser) -> None:
    """The ``--politicas CARPETA`` option of every command that reads strategies."""
    parser.add_argument("--politicas", action="append", default=[], metavar="CARPETA",
                        dest="policy_folders",
                        help="carpeta de confianza con políticas de negociación propias: una "
                             "estrategia puede nombrar archivo:funcion de un archivo.py de esa "
                             "carpeta; se puede repetir. Sin ella, solo las políticas incluidas")


def trusted_policies(args: argparse.Namespace) -> PolicyRegistry:
    """The policies the command line trusted with ``--politicas``."""
    return PolicyRegistry.trusting(args.policy_folders)


def _debtors(args: argparse.Namespace, count: int):
    return draw_debtors(count, args.seed, parameters=load_parameters(args.parameters),
                        strategy=load_strategy(args.strategy, trusted_policies(args)))


def _report_failures(result: Evaluation, total: int) -> None:
    if result.failed:
        print(f"aviso: la política {result.policy} falló con {result.failed} de {total} deudor(es); "
              f"cuentan como sin acuerdo. Primer error: {result.first_failure}", file=sys.stderr)


def _lines(summary: dict) -> list[str]:
    lines = []
    for metric, label in METRIC_LABELS.items():
        item = summary[metric]
        if item["mean"] is None:
            lines.append(f"  {label}: sin datos")
        else:
            low, high = item["ci95"]
            lines.append(f"  {label}: {item['mean']:,.3f}  [IC 95 %: {low:,.3f} a {high:,.3f}]")
    return lines


def _evaluate(args: argparse.Namespace) -> int:
    policy = trusted_policies(args).command_line_policy(args.policy)
    debtors = _debtors(args, args.debtors)
    result = evaluate(policy, debtors, name=args.policy, timeout=args.timeout)
    _report_failures(result, len(debtors))
    summary = result.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print("\n".join([f"Política {args.policy} · {len(debtors)} deudores · semilla {args.seed}",
                         *_lines(summary)]))
    return 0


def _compare(args: argparse.Namespace) -> int:
    registry = trusted_policies(args)
    policies = {spec: registry.command_line_policy(spec) for spec in args.policies}
    debtors = _debtors(args, args.debtors)
    results = {}
    for spec, policy in policies.items():
        results[spec] = evaluate(policy, debtors, name=spec, timeout=args.timeout)
        _report_failures(results[spec], len(debtors))
    reference = next(iter(results.values()))
    output = {
        "policies": {spec: result.summary() for spec, result in results.items()},
        "paired_differences": {
            spec: {metric: paired_difference(result, reference, metric) for metric in METRICS}
            for spec, result in list(results.items())[1:]
        },
    }
    if args.debtor_models:
        means = recovery_by_model(policies, debtors, draw_models(args.debtor_models, args.seed),
                                  timeout=args.timeout)
        for spec in output["paired_differences"]:
            output["paired_differences"][spec]["debtor_models"] = model_spread(means[args.policies[0]],
                                                                               means[spec])
    if args.json:
        print(json.dumps(output, ensure_ascii=False))
        return 0
    lines = [f"{len(debtors)} deudores · semilla {args.seed} · referencia: {args.policies[0]}"]
    for spec, summary in output["policies"].items():
        lines += [f"Política {spec}", *_lines(summary)]
    for spec, differences in output["paired_differences"].items():
        lines += [f"Diferencia pareada {spec} menos {args.policies[0]}", *_lines(differences)]
        if "debtor_models" in differences:
            lines.append(_model_line(differences["debtor_models"], args.policies[0]))
    print("\n".join(lines))
    return 0


def _model_line(spread: dict, first: str) -> str:
    return (f"  Con {spread['n']} modelos de deudor: {first} recupera más en "
            f"{100 * spread['share_first_wins']:.0f} % de ellos; diferencia media por cuenta "
            f"{spread['difference_mean']:,.1f} (2.5 % a 97.5 % de los modelos: "
            f"{spread['difference_p2_5']:,.1f} a {spread['difference_p97_5']:,.1f})")


def _show(args: argparse.Namespace) -> int:
    if args.debtor < 0:
        raise NegotiationError(f"el número de deudor debe ser 0 o más; se recibió {args.debtor}",
                               field="--debtor")
    policy = trusted_policies(args).command_line_policy(args.policy)
    debtor = _debtors(args, args.debtor + 1)[args.debtor]
    negotiation = play(policy, debtor, args.timeout)
    result = score(negotiation).to_dict()
    hidden = {"persona": debtor.persona, "capacity_mxn": round(debtor.capacity_mxn, 2),
              "reservation": round(debtor.reservation, 4), "aspiration": round(debtor.aspiration, 4),
              "overpromiser": debtor.overpromiser, "evasive": debtor.evasive}
    transcript = [{"quien": who, "texto": text} for who, text in negotiation.transcript()]
    debrief = debrief_lines(negotiation)
    if args.json:
        print(json.dumps({"transcript": transcript, "score": result, "debrief": debrief, "hidden": hidden},
                         ensure_ascii=False, indent=2))
        return 0
    account = debtor.account
    print(f"Cuenta {account.account_id}: saldo ${account.balance_mxn:,.2f}, vencido "
          f"${account.overdue_mxn:,.2f}, {account.days_past_due} días de atraso, cobra "
          f"{account.income_cycle}; hoy es {account.today.isoformat()} a las {account.call_time:%H:%M}")
    for line in transcript:
        print(f"{line['quien'].upper()}: {line['texto']}")
    print(f"Final: {result['ending_label']} · recuperación esperada ${result['expected_recovery_mxn']:,.2f}"
          f" · costo del tiempo ${result['time_cost_mxn']:,.2f} · relación {result['relationship']:.0f}/100"
          f" · cumplimiento {result['compliance']:.0f}/100"
          + ("" if result["ladder"] is None else f" · escalera {result['ladder']:.0f}/100"))
    print("Cómo le fue:")
    for line in debrief:
        print(f"  - {line}")
    print(f"Lo que no se veía: persona {hidden['persona']}, capacidad por pago "
          f"${hidden['capacity_mxn']:,.2f}, reserva {hidden['reservation']:.2f}")
    return 0


def _negotiate(args: argparse.Namespace) -> int:
    handlers = {"evaluate": _evaluate, "compare": _compare, "show": _show}
    return handlers[args.negotiate_command](args)


COMMANDS = {"negotiate": _negotiate}
