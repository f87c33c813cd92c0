"""The ``dialogue`` subcommand of ``python -m simulator``: list, lint and play scenarios, judge a turn."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.compliance.edition import DEFAULT_EDITION, available_editions, load_edition
from simulator.errors import DialogueError
from simulator.roleplay.cards import write_cards
from simulator.roleplay.engine import RolePlay
from simulator.roleplay.judge import Judgement, judge
from simulator.roleplay.lint import lint_paths
from simulator.roleplay.loader import DEFAULT_LIBRARY, load_library, load_scenario
from simulator.roleplay.longest_path import longest_path
from simulator.roleplay.replay import WRITE, play_path
from simulator.roleplay.schema import DIFFICULTIES, Scenario
from simulator.roleplay.terminal import play_in_terminal
from simulator.roleplay.written import route

__all__ = ["COMMANDS", "add_commands", "parse_choices"]


def add_commands(commands, seed_type) -> None:
    """Register ``dialogue list|lint|play|judge`` on the CLI's subparsers."""
    dialogue = commands.add_parser(
        "dialogue", help="juegos de rol de llamadas de cobranza",
        description="Lista, revisa y juega los escenarios de juego de rol (llamadas simuladas).",
    )
    actions = dialogue.add_subparsers(dest="dialogue_command", required=True, metavar="ACCION",
                                      parser_class=type(dialogue))
    listing = actions.add_parser("list", help="lista los escenarios",
                                 description="Lista los escenarios de la biblioteca.")
    _library_option(listing)
    listing.add_argument("--json", action="store_true", help="salida en JSON")
    lint = actions.add_parser(
        "lint", help="revisa escenarios y señala cada problema con archivo y línea",
        description="Revisa archivos o carpetas de escenarios: esquema, nodos inalcanzables, "
                    "callejones sin salida, ciclos sin salida, opciones sin retroalimentación o "
                    "puntos, técnicas o personas desconocidas; informa cuántas veces la mejor opción "
                    "es la más larga o la primera, y falla si la más larga supera al azar por más de "
                    "10 puntos (con 30 pasos o más). Termina con estado 1 si hay problemas.",
    )
    lint.add_argument("paths", nargs="+", metavar="RUTA", help="archivos .yaml o carpetas")
    _country_option(lint, "edición en que se revisan los escenarios (por omisión, todas: "
                          + ", ".join(available_editions()) + ")")
    play = actions.add_parser(
        "play", help="juega un escenario (interactivo, o sin preguntas con --choices)",
        description="Juega un escenario. Con --choices recorre las opciones indicadas sin "
                    "preguntar; sin --choices abre una llamada interactiva en la terminal. Cada "
                    "--seed muestra las opciones de cada paso en otro orden: vea ese orden con "
                    "--show o jugando en la terminal con la misma --seed. En los pasos que aceptan "
                    "respuesta escrita (la apertura, la objeción principal y el cierre), 'e' en "
                    "--choices responde con el siguiente texto de --escritos, que el juez revisa: "
                    "una falta escrita reprueba la llamada igual que una opción elegida.",
    )
    play.add_argument("scenario", metavar="ID", help="id del escenario o ruta de un archivo .yaml")
    play.add_argument("--choices", metavar="LISTA",
                      help="opciones a elegir, numeradas desde 0 en el orden en que se muestran con "
                           "esa --seed y separadas por comas, p. ej. 0,2,1; 'e' escribe la respuesta "
                           "de ese paso con el siguiente texto de --escritos, p. ej. e,0,0,e")
    play.add_argument("--escritos", metavar="TEXTOS",
                      help="respuestas escritas para los pasos 'e' de --choices, en orden, separadas "
                           "por '|', p. ej. \"Buenas tardes, le habla Andrea Ruiz...|Entonces queda...\"")
    play.add_argument("--inputs", metavar="TEXTOS",
                      help="montos y fechas para las opciones que los piden, en orden, separados "
                           "por '|', p. ej. \"1,700|el sábado\"")
    play.add_argument("--difficulty", choices=DIFFICULTIES, metavar="NIVEL",
                      help="facil, media o dificil (por omisión, la del escenario)")
    play.add_argument("--seed", type=seed_type, default=1,
                      help="semilla de las ramas de azar y del orden en que se muestran las opciones (1)")
    play.add_argument("--variant", type=int, default=0, metavar="N",
                      help="versión de la historia: otro deudor, otros montos y otras fechas (0, la "
                           "del archivo; 'dialogue list' dice cuántas tiene cada escenario)")
    play.add_argument("--show", action="store_true",
                      help="no juega: muestra las opciones del paso siguiente (después de las de "
                           "--choices, si las hay) numeradas como se ven con esa --seed")
    play.add_argument("--json", action="store_true", help="salida en JSON")
    _country_option(play, f"edición del país en que se cuenta la llamada: saludo, documento, autoridad y "
                          f"montos ({DEFAULT_EDITION} por omisión)")
    _library_option(play)
    judged = actions.add_parser(
        "judge", help="juzga lo que escribió un gestor: elementos presentes y faltas",
        description="Juzga una respuesta escrita del gestor sin conexión: qué elementos tiene "
                    "(identificación, institución, propósito, monto, fecha, canal oficial, "
                    "resumen, empatía, pregunta abierta...) y qué faltas comete (amenaza, insulto, "
                    "falsa autoridad, divulgación a un tercero, presión indebida, cobro indebido), "
                    "con las palabras que las delatan. Termina con estado 1 si hay alguna falta.",
    )
    judged.add_argument("--text", required=True, metavar="TEXTO", help="lo que escribió el gestor")
    judged.add_argument("--holder-verified", choices=("yes", "no", "si", "sí"), default=None,
                        metavar="yes|no",
                        help="si ya se verificó que habla con el titular (por omisión yes, o lo que "
                             "declara el paso con --node); con no, dar detalles de la deuda es divulgación")
    judged.add_argument("--scenario", metavar="ID",
                        help="escenario cuyo paso se responde (id o ruta de un .yaml); pide --node")
    judged.add_argument("--node", metavar="NODO",
                        help="paso del escenario que acepta respuesta escrita: se explican los elementos "
                             "que pide y se dice a qué paso sigue la llamada")
    judged.add_argument("--json", action="store_true", help="salida en JSON")
    _library_option(judged)
    cards = actions.add_parser(
        "cards", help="tarjetas imprimibles para practicar una llamada en vivo, en tríos",
        description="Escribe, por escenario, una página HTML para imprimir con tres tarjetas (una hoja "
                    "carta o A4 cada una): la del deudor (lo que solo él sabe), la del gestor (el "
                    "expediente y el guion) y la del observador (la lista para calificar).",
    )
    cards.add_argument("scenario", metavar="ID", help="id del escenario, ruta de un .yaml, o 'todos'")
    cards.add_argument("--out", required=True, metavar="CARPETA", help="carpeta donde escribirlas")
    cards.add_argument("--variant", type=int, default=0, metavar="N",
                       help="versión de la historia (0, la del archivo)")
    _country_option(cards, f"edición del país de las tarjetas ({DEFAULT_EDITION} por omisión)")
    _library_option(cards)


def _country_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--country", choices=available_editions(), type=str.upper, metavar="PAIS",
                        help=help_text)


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", default=str(DEFAULT_LIBRARY), metavar="CARPETA",
                        help="carpeta de escenarios (datasets/dialogues)")


def parse_choices(text: str) -> list[int | str]:
    """``"0,e,1"`` as indices, with ``e`` (:data:`~simulator.roleplay.replay.WRITE`) for a written answer.

    Raises:
        DialogueError: naming the item that is neither a whole number nor ``e``.
    """
    choices: list[int | str] = []
    for position, item in enumerate(text.split(","), start=1):
        if item.strip().lower() == WRITE:
            choices.append(WRITE)
            continue
        try:
            choices.append(int(item.strip()))
        except ValueError:
            raise DialogueError(f"la opción número {position} ({item.strip()!r}) no es un número entero "
                                f"ni '{WRITE}' (respuesta escrita)", field="--choices") from None
    return choices


def _scenario(args: argparse.Namespace) -> Scenario:
    if args.scenario.endswith((".yaml", ".yml")) or Path(args.scenario).is_file():
        return load_scenario(args.scenario)
    library = load_library(args.library)
    if args.scenario not in library:
        raise DialogueError(f"no hay un escenario con id {args.scenario!r}; vea "
                            "'python -m simulator dialogue list'", file=args.library)
    return library[args.scenario]


def _dialogue(args: argparse.Namespace) -> int:
    if args.dialogue_command == "list":
        return _list(args)
    if args.dialogue_command == "lint":
        return _lint(args)
    if args.dialogue_command == "judge":
        return _judge(args)
    if args.dialogue_command == "cards":
        return _cards(args)
    scenario = _scenario(args)
    edition = load_edition(args.country or DEFAULT_EDITION)
    if args.choices is None and not args.show:
        play_in_terminal(RolePlay(scenario, args.difficulty, args.seed, order_seed=args.seed,
                                  variant=args.variant, edition=edition))
        return 0
    inputs = args.inputs.split("|") if args.inputs else []
    written = args.escritos.split("|") if args.escritos else []
    session, outcome = play_path(scenario, parse_choices(args.choices) if args.choices else [], inputs,
                                 difficulty=args.difficulty, seed=args.seed, order_seed=args.seed,
                                 variant=args.variant, written=written, edition=edition)
    if args.show:
        return _show(session, args.json)
    result = {**outcome.to_dict(), "finished": session.finished, "country": edition.code,
              "written": [{"step": move.step, "node": move.node, "text": move.written.text,
                           **_judged(move.written, session.scenario.nodes[move.node].typed.required)}
                          for move in session.moves if move.written is not None]}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for line in result["transcript"]:
            print(f"{line['quien'].upper()}: {line['texto']}")
        for typed in result["written"]:
            print(f"Paso {typed['step']}, respuesta escrita. Elementos: "
                  + (", ".join(typed["elements"]) or "ninguno") + ". Faltas: "
                  + (", ".join(f"{name} («{'», «'.join(typed['words'][name])}»)"
                               for name in typed["breaches"]) or "ninguna") + ".")
        print(f"Final: {result['ending_label']} · total {result['total']}/100 · "
              + ("meta cumplida" if result["objective_met"] else "meta no cumplida") + " · "
              + ("aprobada" if result["passed"] else "no aprobada"))
    return 0


def _show(session: RolePlay, as_json: bool) -> int:
    """The next step's options as this seed shows them: how to write --choices for it."""
    options = [{"opcion": option.index, "texto": option.text, "pide": option.asks_for}
               for option in session.choices]
    if as_json:
        print(json.dumps({"paso": len(session.moves) + 1, "deudor": session.debtor_line,
                          "opciones": options, "escrito": session.accepts_writing},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"Paso {len(session.moves) + 1}. DEUDOR: {session.debtor_line}")
    for option in options:
        print(f"  [{option['opcion']}] {option['texto']}")
    if session.accepts_writing:
        print(f"  [{WRITE}] Escribir mi respuesta (ponga '{WRITE}' en --choices y el texto en --escritos)")
    if session.finished:
        print("La llamada ya terminó.")
    return 0


def _list(args: argparse.Namespace) -> int:
    rows = [
        {"id": scenario.id, "title": scenario.title, "persona": scenario.persona,
         "difficulty": scenario.difficulty, "decisions": longest_path(scenario).decisions,
         "endings": sorted({node.ending for node in scenario.nodes.values() if node.ending}),
         "variants": len(scenario.variants) + 1}
        for scenario in load_library(args.library).values()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            versions = f"{row['variants']} variantes" if row["variants"] > 1 else ""
            print(f"{row['id']:<28} {row['persona']:<20} {row['difficulty']:<8} {versions:<12} "
                  f"{row['title']}")
    return 0


def _lint(args: argparse.Namespace) -> int:
    report = lint_paths(args.paths, [args.country] if args.country else None)
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    for line in report.tells.lines():
        print(line)
    print(f"{report.files} archivo(s) revisado(s), {len(report.problems)} problema(s)")
    return 1 if report.problems else 0


def _cards(args: argparse.Namespace) -> int:
    scenarios = (list(load_library(args.library).values()) if args.scenario == "todos"
                 else [_scenario(args)])
    edition = load_edition(args.country or DEFAULT_EDITION)
    for path in write_cards(scenarios, args.out, args.variant, edition):
        print(path)
    return 0


def _judge(args: argparse.Namespace) -> int:
    typed, institution, next_node = None, None, None
    if (args.scenario is None) != (args.node is None):
        raise DialogueError("--scenario y --node van juntos: el paso se busca dentro del escenario",
                            field="--node")
    if args.scenario is not None:
        scenario = _scenario(args)
        node = scenario.nodes.get(args.node)
        if node is None or node.typed is None:
            steps = ", ".join(name for name, step in scenario.nodes.items() if step.typed is not None)
            raise DialogueError(f"el paso {args.node!r} de {scenario.id!r} no acepta respuesta escrita; "
                                f"los que sí: {steps}", field="--node")
        typed, institution = node.typed, scenario.context.institution
    verified = (args.holder_verified != "no" if args.holder_verified is not None
                else typed is None or typed.holder_verified)
    verdict = judge(args.text, holder_verified=verified, institution=institution)
    if typed is not None:
        choice = scenario.nodes[args.node].choices[route(typed, verdict)]
        next_node = choice.goes_to[-1].node  # the unconditional branch; earlier ones depend on the call
    result = {**_judged(verdict, typed.required if typed else ()), "next": next_node}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print("Elementos: " + (", ".join(verdict.elements) or "ninguno"))
        print("Faltas: " + (", ".join(verdict.breaches) or "ninguna"))
        for label, why in result["explanations"].items():
            print(f"  {label}: {why}")
    return 1 if verdict.breaches else 0


def _judged(verdict: Judgement, required: tuple[str, ...] = ()) -> dict:
    """A typed answer's elements and breaches, the words behind each, and why what is wrong matters."""
    return {"elements": list(verdict.elements), "breaches": list(verdict.breaches),
            "explanations": verdict.explanations(required),
            "words": {label: verdict.words(label) for label in (*verdict.elements, *verdict.breaches)}}


COMMANDS = {"dialogue": _dialogue}
