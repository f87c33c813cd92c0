"""The lawful call script: no mention of the debt before verifying the holder, none to a third party."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from simulator.compliance.edition import available_editions
from simulator.roleplay import DEFAULT_LIBRARY, RolePlay, lint_file, load_library, load_scenario
from simulator.roleplay.replay import model_calls
from simulator.roleplay.schema import DIFFICULTIES
from simulator.roleplay.script import mentions_debt, script_problems

PRIMERA = Path(DEFAULT_LIBRARY) / "primera_llamada_30.yaml"
TERCERO = Path(DEFAULT_LIBRARY) / "contesta_tercero.yaml"
OPENER = "le habla {gestor}, de {institucion}. ¿Hablo con el señor Martín Ortega"
VERIFY = "        tecnicas: [verificar_titular, canal_oficial]\n        verifica: true\n"


def _copy(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line_of(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if marker in text)


def _option_line(path: Path, marker: str) -> int:
    """The line of the ``texto:`` key whose (possibly folded) text contains ``marker``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = _line_of(path, marker)
    return next(line for line in range(number, 0, -1) if "texto:" in lines[line - 1])


GOOD, BAD = {"confianza": 3, "cumplimiento": 3}, {"confianza": -3, "cumplimiento": -3}
LAWFUL = {
    "hola": [("Buen día, le habla {gestor}, de {institucion}. ¿Hablo con {deudor}?", GOOD, "quien", False),
             ("Le llamo por su adeudo con {institucion}.", BAD, "fin", False)],
    "quien": [("Para cuidar sus datos, ¿me confirma su fecha de nacimiento?", GOOD, "motivo", True),
              ("Con su nombre me basta: su saldo vencido es de {saldo}.", BAD, "motivo", False)],
    "motivo": [("Le llamo porque su tarjeta tiene un pago vencido de {saldo}.", GOOD, "fin", False)],
}


def _synthetic(tmp_path: Path, changes: dict | None = None, *, answers: str = "titular",
               model: list[int] | None = None):
    """A three-step call (opener, verification, motive) with ``changes`` made to its options."""
    steps = {name: list(options) for name, options in LAWFUL.items()}
    for (name, index), option in (changes or {}).items():
        steps.setdefault(name, [None])[index] = option
    nodes = {name: {"deudor": "¿Bueno?", "opciones": [
        {"texto": text, "puntos": points, "retro": "Por qué.", "ir_a": target, "verifica": verifies}
        for text, points, target, verifies in options]} for name, options in steps.items()}
    nodes["fin"] = {"final": "promesa_de_pago", "deudor": "Queda.", "promesa": {"fecha": "2026-03-13"}}
    nodes["cuelga"] = {"final": "colgo", "deudor": "(Cuelga)"}
    data = {"id": "sintetico", "titulo": "Sintético", "descripcion": "Prueba.", "persona": "olvidadizo",
            "contesta": answers, "objetivo": "Prueba.", "meta": {"finales": ["promesa_de_pago"]},
            "contexto": {"deudor": "Ana Pérez", "institucion": "Financiera Aurora", "producto": "tarjeta",
                         "saldo_mxn": 3000, "dias_atraso": 10, "fecha_llamada": "2026-03-10",
                         "hora_llamada": "10:00"},
            "deudor_oculto": {"animo": 0.5, "disposicion": 0.5, "capacidad_mxn": 1000,
                              "dias_de_pago": ["2026-03-13"]},
            "inicio": "hola", "nodos": nodes,
            "camino_modelo": {level: {"opciones": model or [0, 0, 0]} for level in DIFFICULTIES}}
    path = tmp_path / "sintetico.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario = load_scenario(path)
    return script_problems(scenario, model_calls(scenario))


def _flagged(problems) -> list[tuple[str, ...]]:
    return [problem.loc[:4] for problem in problems]


def test_a_lawful_call_passes(tmp_path):
    assert _synthetic(tmp_path) == []


def test_a_distractor_that_mentions_the_debt_early_is_not_flagged(tmp_path):
    # The option rated worst at each step reveals the debt: that is its lesson, not the model.
    assert _synthetic(tmp_path, {("quien", 1): ("Su adeudo es de $3,000.", BAD, "motivo", False)}) == []


@pytest.mark.parametrize("opener", [
    "Le habla {gestor}, del área de cobranza de {institucion}. ¿Hablo con {deudor}?",
    "Le habla {gestor}, de {institucion}, por su adeudo. ¿Hablo con {deudor}?",
    "Le habla {gestor}: su saldo es de {saldo}. ¿Hablo con {deudor}?",
    "Le habla {gestor}, por un pago de 1,700 pesos. ¿Hablo con {deudor}?",
])
def test_the_debt_in_the_opener_is_flagged(tmp_path, opener):
    problems = _synthetic(tmp_path, {("hola", 0): (opener, GOOD, "quien", False)})
    assert _flagged(problems) == [("nodos", "hola", "opciones", 0)]
    assert "antes de verificar" in problems[0].message


def test_a_name_only_confirmation_does_not_verify(tmp_path):
    # The holder said «sí, soy yo» and the collector moves on: the motive and amount come too early.
    problems = _synthetic(tmp_path, {("quien", 0): ("Gracias, señor.", GOOD, "motivo", False)})
    assert _flagged(problems)[0] == ("nodos", "motivo", "opciones", 0)
    assert "nunca verifica" in problems[-1].message and problems[-1].loc == ("camino_modelo",)


def test_a_best_rated_option_off_the_model_path_is_flagged(tmp_path):
    # Tied with the verification, stating the amount is as "best" as verifying.
    problems = _synthetic(tmp_path, {("quien", 1): ("Su saldo es de {saldo}.", GOOD, "motivo", False)})
    assert _flagged(problems) == [("nodos", "quien", "opciones", 1)]


def test_the_recovery_after_a_weak_opener_follows_the_script_too(tmp_path):
    # A rude opener that says nothing of the debt leads to an apology that names the collections area.
    problems = _synthetic(tmp_path, {
        ("hola", 1): ("¿Quién habla?", BAD, "disculpa", False),
        ("disculpa", 0): ("Le habla {gestor}, de cobranza de {institucion}.", GOOD, "quien", False)})
    assert _flagged(problems) == [("nodos", "disculpa", "opciones", 0)]
    lawful = _synthetic(tmp_path, {
        ("hola", 1): ("¿Quién habla?", BAD, "disculpa", False),
        ("disculpa", 0): ("Le habla {gestor}, de {institucion}.", GOOD, "quien", False)})
    assert lawful == []


def test_a_model_path_through_a_worse_option_is_flagged(tmp_path):
    problems = _synthetic(tmp_path, model=[0, 1, 0])
    assert ("nodos", "quien", "opciones", 1) in _flagged(problems)


def test_a_third_party_never_hears_of_the_debt(tmp_path):
    problems = _synthetic(tmp_path, answers="tercero")
    assert _flagged(problems) == [("nodos", "motivo", "opciones", 0)]
    assert "a un tercero" in problems[0].message


@pytest.mark.parametrize("scenario", sorted(load_library()), ids=str)
def test_every_library_scenario_follows_the_script(scenario):
    loaded = load_library()[scenario]
    assert script_problems(loaded, model_calls(loaded)) == []


def test_cobranza_in_the_opener_is_flagged_at_its_line(tmp_path):
    path = _copy(tmp_path, PRIMERA, OPENER, "le habla {gestor}, del área de cobranza de {institucion}. "
                 "¿Hablo con el señor Martín Ortega")
    problems = [problem for problem in lint_file(path) if "menciona la deuda" in problem.message]
    assert len(problems) == 1, [str(problem) for problem in problems]
    assert problems[0].file == str(path)
    assert problems[0].line == _option_line(path, "del área de cobranza")
    assert "'contesta'" in problems[0].message and "opción 0" in problems[0].message
    assert "'cobranza'" in problems[0].message


def test_without_the_marker_every_later_mention_is_flagged(tmp_path):
    path = _copy(tmp_path, PRIMERA, VERIFY, "        tecnicas: [verificar_titular, canal_oficial]\n")
    messages = [problem.message for problem in lint_file(path)]
    assert any("nunca verifica" in message for message in messages)
    flagged = [message for message in messages if "antes de verificar" in message]
    assert any("'confirma'" in message and "'pago mínimo'" in message for message in flagged)


def test_a_best_option_that_states_the_amount_first_is_flagged(tmp_path):
    # The distractor that skips verification becomes the best-rated option at its step.
    old = "        puntos: {comunicacion: 1, confianza: -1, cumplimiento: -2}\n"
    path = _copy(tmp_path, PRIMERA, old, "        puntos: {comunicacion: 3, confianza: 3, cumplimiento: 3}\n")
    problems = [problem for problem in lint_file(path) if "'titular', la opción 1" in problem.message]
    assert problems and problems[0].line == _option_line(path, "Le llamo porque su tarjeta tiene un pago")


def test_a_third_party_never_hears_of_the_debt_even_after_verifying(tmp_path):
    old = "Es un asunto que solo puedo"
    path = _copy(tmp_path, TERCERO, old, "Es por el saldo de su préstamo, que solo puedo")
    problems = [problem for problem in lint_file(path) if "a un tercero" in problem.message]
    assert len(problems) == 1 and "'no_esta'" in problems[0].message
    assert problems[0].line == _option_line(path, "Es por el saldo de su préstamo")


@pytest.mark.parametrize(("source", "old", "new", "expected"), [
    (PRIMERA, VERIFY, VERIFY.replace("true", "quizas"), "se esperaba sí/no"),
    (TERCERO, "contesta: tercero", "contesta: vecina", "valor no permitido"),
])
def test_markers_are_validated_in_spanish(tmp_path, source, old, new, expected):
    path = _copy(tmp_path, source, old, new)
    problems = lint_file(path)
    assert problems and expected in problems[0].message
    assert problems[0].line == _line_of(path, new.strip().splitlines()[-1])


@pytest.mark.parametrize(("text", "found"), [
    ("Le habla Andrea, del área de cobranza de Banco del Valle.", "cobranza"),
    ("Tiene un adeudo con nosotros.", "adeudo"),
    ("Su deuda sigue creciendo.", "deuda"),
    ("Su saldo es de {saldo}.", "saldo"),
    ("Lleva {dias_atraso} días.", "{dias_atraso}"),
    ("Son $1,700.00 este lunes.", "$1"),
    ("Un abono de 1,700 pesos.", "1,700 pesos"),
    ("Tiene dos pagos vencidos.", "vencidos"),
    ("Le habla Andrea, de Banco del Valle. ¿Hablo con el señor Ortega?", None),
    ("¿Me confirma su fecha de nacimiento? Nunca le pediré su NIP.", None),
    ("¿Hablo con {deudor}?", None),
])
def test_debt_words(text, found):
    assert mentions_debt(text) == found


def test_the_linter_plays_each_model_call_once_per_level(monkeypatch):
    """The goal checks and the script check read the same replay instead of playing the call twice
    (once per level in each country edition)."""
    played = Counter()
    start = RolePlay.__init__

    def counted(self, scenario, difficulty=None, *args, **kwargs):
        edition = kwargs.get("edition")
        played[id(scenario), difficulty, edition and edition.code] += 1  # each variant is its own scenario
        start(self, scenario, difficulty, *args, **kwargs)

    monkeypatch.setattr(RolePlay, "__init__", counted)
    assert lint_file(PRIMERA) == []
    stories = 1 + len(load_scenario(PRIMERA).variants)
    assert set(played.values()) == {1}
    assert len(played) == stories * len(DIFFICULTIES) * len(available_editions())
