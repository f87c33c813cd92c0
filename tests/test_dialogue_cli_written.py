"""Written answers in ``python -m simulator dialogue play`` (``e`` in --choices) and in the terminal."""

from __future__ import annotations

import json

import pytest

from simulator.roleplay import RolePlay, load_library
from simulator.roleplay.terminal import play_in_terminal

OPENING = "Buenas tardes, mi nombre es Andrea Ruiz, le llamo de {institucion}. ¿Hablo con {titular}?"
THREAT = "Buenas tardes, ¿está Martín? Dígale que si no paga lo vamos a meter a la cárcel."
DISCLOSURE = "Hola, llamo del banco porque Martín debe 2,350 pesos de su tarjeta."
CASH = "No se preocupe, el sábado paso a su casa a recoger el dinero en efectivo."
VALUES = {"monto": "1,250", "fecha": "el sábado"}


@pytest.fixture(scope="module")
def library():
    return load_library()


def _opening(library, scenario_id: str, holder: str) -> str:
    return OPENING.format(institucion=library[scenario_id].context.institution, titular=holder)


def _to_the_next_written_step(library, opening: str) -> tuple[list[str], list[str]]:
    """The --choices and --inputs (seed 1) of a typed opening, then the first option shown until a step
    takes writing again."""
    session = RolePlay(library["recoger_efectivo"], seed=1, order_seed=1)
    session.write(opening)
    choices, inputs = ["e"], []
    while not session.accepts_writing:
        asks = session.choices[0].asks_for
        if asks:
            inputs.append(VALUES[asks])
        session.choose(0, VALUES.get(asks or ""))
        choices.append("0")
    return choices, inputs


def _play(cli, scenario_id: str, choices: list[str], written: list[str], inputs: list[str] = ()):
    args = ["dialogue", "play", scenario_id, "--choices", ",".join(choices), "--escritos", "|".join(written),
            "--seed", "1", "--json"]
    done = cli(*args, *(["--inputs", "|".join(inputs)] if inputs else []))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_written_breaches_fail_the_call_and_name_the_words(cli, library):
    opening = _opening(library, "recoger_efectivo", "la señora Rosa María Pineda")
    prefix, inputs = _to_the_next_written_step(library, opening)
    plays = [("primera_llamada_30", ["e"], [THREAT], [], "amenaza", "revelar_a_terceros", "cárcel"),
             ("primera_llamada_30", ["e"], [DISCLOSURE], [], "divulgacion", "revelar_a_terceros", "2,350"),
             ("recoger_efectivo", [*prefix, "e"], [opening, CASH], inputs, "cobro_indebido",
              "cobro_en_efectivo", "recoger")]
    for scenario_id, choices, written, values, breach, technique, words in plays:
        result = _play(cli, scenario_id, choices, written, values)
        typed = result["written"][-1]
        assert breach in typed["breaches"] and words in " ".join(typed["words"][breach]), scenario_id
        assert words in typed["explanations"][breach]
        assert not result["passed"] and technique in {found["tecnica"] for found in result["breaches"]}


def test_a_written_lawful_opening_continues_the_call(cli, library):
    result = _play(cli, "primera_llamada_30", ["e"],
                   [_opening(library, "primera_llamada_30", "el señor Martín Ortega")])
    [typed] = result["written"]
    assert typed["step"] == 1 and typed["node"] == "contesta" and typed["breaches"] == []
    assert {"identificacion", "institucion", "pregunta_titular"} <= set(typed["elements"])
    assert not result["finished"] and result["transcript"][-1]["texto"] == "Sí, soy yo. ¿Qué se le ofrece?"
    assert result["choices"][0]["elegida"] is None


def test_the_text_output_names_the_breach_words(cli):
    done = cli("dialogue", "play", "primera_llamada_30", "--choices", "e", "--escritos", THREAT)
    assert done.returncode == 0, done.stderr
    assert "Paso 1, respuesta escrita" in done.stdout and "amenaza («" in done.stdout
    assert "no aprobada" in done.stdout


def test_wrong_use_of_e_names_the_step(cli, library):
    opening = _opening(library, "primera_llamada_30", "el señor Martín Ortega")
    not_here = cli("dialogue", "play", "primera_llamada_30", "--choices", "e,e", "--escritos",
                   f"{opening}|Gracias.")
    assert not_here.returncode == 2 and "paso 2: este paso no acepta respuesta escrita" in not_here.stderr
    too_few = cli("dialogue", "play", "primera_llamada_30", "--choices", "e,e", "--escritos", opening)
    assert too_few.returncode == 2 and "paso 2: 'e' pide una respuesta escrita" in too_few.stderr
    too_many = cli("dialogue", "play", "primera_llamada_30", "--choices", "e", "--escritos",
                   f"{opening}|otra")
    assert too_many.returncode == 2 and "sobran 1 respuesta(s) escrita(s)" in too_many.stderr
    shown = json.loads(cli("dialogue", "play", "primera_llamada_30", "--show", "--json").stdout)
    assert shown["escrito"] is True
    assert "Traceback" not in not_here.stderr + too_few.stderr + too_many.stderr


def test_the_terminal_takes_a_written_answer_with_e(library):
    typed = iter(["e", "", "e", THREAT, "e", "q"])
    out: list[str] = []
    session = RolePlay(library["primera_llamada_30"])
    result = play_in_terminal(session, read=lambda _prompt: next(typed), write=out.append)
    said = "\n".join(out)
    assert "[e] Escribir mi respuesta" in said and "escriba su respuesta antes de enviarla" in said
    assert "FALTA (amenaza)" in said and "cárcel" in said and session.moves[0].written is not None
    assert "el paso 2 no acepta respuesta escrita" in said and len(session.moves) == 1
    assert not result.passed and any(found["tecnica"] == "amenaza" for found in result.breaches)
