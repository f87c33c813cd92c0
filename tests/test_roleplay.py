"""The dialogue engine, its scoring, its loader and linter, on small known scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import DialogueError
from simulator.roleplay import LEVELS, RolePlay, debrief, lint_file, load_scenario
from simulator.roleplay.replay import play_path
from simulator.roleplay.terminal import context_card

MINIMAL = Path(__file__).parent / "data" / "dialogo_minimo.yaml"


@pytest.fixture()
def scenario():
    return load_scenario(MINIMAL)


def test_best_path_scores_high_and_keeps_the_typed_promise(scenario):
    session, result = play_path(scenario, [0, 0], ["800"])
    assert session.finished and result.ending == "promesa_de_pago"
    assert result.passed and min(result.scores.values()) >= 90
    assert result.promise == {"monto_mxn": 800.0, "fecha": "2026-03-13",
                              "texto": "$800.00 el viernes 13 de marzo de 2026", "firme": True}
    assert result.objective_met and result.objective["ideal"]
    assert session.transcript[-1].text == "Queda, ochocientos pesos el viernes."


def test_a_threat_scores_zero_on_compliance_and_says_why(scenario):
    _, result = play_path(scenario, [1])
    assert result.scores["cumplimiento"] == 0 and not result.passed
    assert {breach["tecnica"] for breach in result.breaches} == {"amenaza", "afirmacion_legal_falsa"}
    assert any("prohibido" in line for line in result.lines())


def test_taking_cash_fails_even_with_a_promise(scenario):
    _, result = play_path(scenario, [0, 1])
    assert result.ending == "promesa_de_pago"
    assert result.scores["cumplimiento"] == 0 and not result.passed


def test_an_amount_above_capacity_leads_elsewhere(scenario):
    session, _ = play_path(scenario, [0, 0], ["1,500.00"])
    assert session.node == "duda"
    assert session.debtor_line == "mil quinientos pesos no sé si me alcance."


@pytest.mark.parametrize("typed", [None, "", "mil y pico", "-5"])
def test_an_unreadable_amount_is_refused_and_the_session_goes_on(scenario, typed):
    session = RolePlay(scenario, seed=1)
    session.choose(0)
    before = list(session.transcript)
    with pytest.raises(DialogueError) as error:
        session.choose(0, typed)
    assert error.value.field == "monto" and error.value.message
    assert session.transcript == before and session.node == "monto"
    session.choose(0, "900")
    assert session.finished


@pytest.mark.parametrize("index", [-1, 2, 99, "1", True])
def test_an_out_of_range_choice_is_refused(scenario, index):
    session = RolePlay(scenario, seed=1)
    with pytest.raises(DialogueError, match="no existe"):
        session.choose(index)
    assert session.node == "hola" and not session.moves


def test_a_finished_call_refuses_more_choices(scenario):
    session, _ = play_path(scenario, [1])
    with pytest.raises(DialogueError, match="ya terminó"):
        session.choose(0)


def test_difficulty_changes_the_starting_mood_and_a_hard_debtor_hangs_up(scenario):
    moods = [RolePlay(scenario, level).mood for level in ("facil", "media", "dificil")]
    assert moods == sorted(moods, reverse=True) and len(set(moods)) == 3
    assert RolePlay(scenario, "dificil").debtor_line == "¿Qué quiere?"
    with pytest.raises(DialogueError, match="dificultad"):
        RolePlay(scenario, "imposible")


def test_seeded_draws_vary_between_seeds_and_repeat_within_one(scenario):
    endings = {seed: play_path(scenario, [0, 0, 0], ["5000"], seed=seed)[0].node for seed in range(40)}
    assert set(endings.values()) == {"promesa", "cuelga"}
    assert all(play_path(scenario, [0, 0, 0], ["5000"], seed=seed)[0].node == node
               for seed, node in endings.items())


def test_an_unfinished_call_has_no_ending_and_does_not_pass(scenario):
    session = RolePlay(scenario)
    session.choose(0)
    result = debrief(session)
    assert result.ending is None and not result.passed


def _broken(tmp_path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "dialogo_minimo.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        ("        ir_a: cuelga\n", "        ir_a: colgar\n", "ir_a: colgar", "no existe: 'colgar'"),
        ("tecnicas: [amenaza, afirmacion_legal_falsa]", "tecnicas: [amenasa]", "amenasa",
         "técnica desconocida"),
        ("        retro: Amenaza y afirmación falsa.\n", "", "Pague o le", "falta este campo"),
        ("        puntos: {comunicacion: -3, confianza: -3}\n", "", "Pague o le", "falta este campo"),
        ("persona: olvidadizo\n", "", None, "falta este campo"),
        ("persona: olvidadizo", "persona: distraido", "distraido", "persona desconocida"),
        ("          - si: {azar: 0.5}\n            nodo: promesa\n          - nodo: cuelga\n",
         "          - nodo: duda\n", "  duda:", "ciclo sin salida"),
        ("    final: colgo\n    deudor: \"(Cuelga)\"\n    puntos: {compromiso: -3}\n",
         "    deudor: \"(Cuelga)\"\n", "  cuelga:", "sin salida"),
        ("  monto:\n", "  huerfano:\n    deudor: hola\n    final: queja\n  monto:\n", "  huerfano:",
         "no se alcanza"),
        ("texto: \"¿Bueno?\"", "texto: \"¿Bueno? {saldoo}\"", "saldoo", "marcador desconocido"),
        ("  animo: 0.5\n", "  animo: [0.5\n  disposicion: 0.5\n", "  disposicion", "YAML inválido"),
    ],
)
def test_linter_names_file_line_and_problem(tmp_path, old, new, marker, expected):
    path = _broken(tmp_path, old, new)
    problems = [problem for problem in lint_file(path) if expected in problem.message]
    assert problems, [str(problem) for problem in lint_file(path)]
    assert problems[0].file == str(path)
    if marker is not None:
        lines = path.read_text(encoding="utf-8").splitlines()
        expected_line = next(number for number, text in enumerate(lines, 1) if marker in text)
        assert problems[0].line == expected_line, str(problems[0])
    with pytest.raises(DialogueError):
        load_scenario(path)


def test_every_difficulty_the_schema_accepts_has_a_level():
    from simulator.roleplay.schema import DIFFICULTIES

    assert tuple(LEVELS) == DIFFICULTIES


def test_the_trainer_guide_documents_every_vocabulary_word():
    from simulator.roleplay import ENDINGS, PERSONAS, TECHNIQUES
    from simulator.roleplay.schema import Condition

    guide = (Path(__file__).parents[1] / "docs" / "juego_de_rol.md").read_text(encoding="utf-8")
    conditions = [field.alias for field in Condition.model_fields.values()]
    missing = [word for word in [*TECHNIQUES, *PERSONAS, *ENDINGS, *conditions] if f"`{word}" not in guide]
    assert missing == []


def test_a_date_proposed_in_words_replaces_the_typed_one():
    from simulator.roleplay import DEFAULT_LIBRARY

    scenario = load_scenario(DEFAULT_LIBRARY / "negociacion_abono.yaml")
    _, result = play_path(scenario, [0, 0, 0, 0, 0, 0, 0, 0, 0], ["1,700", "20/04/2026"], seed=1)
    assert result.promise["monto_mxn"] == 1700.0 and result.promise["fecha"] == "2026-03-14"



def test_the_context_card_calls_the_balance_what_it_is(scenario):
    card = context_card(RolePlay(scenario, seed=1))
    assert "Saldo total: $3,000.00 · días de atraso: 10" in card
    assert "Llamada: martes 10 de marzo de 2026 a las 10:00" in card
    assert not any("vencido" in line for line in card)  # the total balance is not the past-due amount


def test_the_card_separates_the_balance_from_what_is_past_due():
    scenario = load_scenario(Path(__file__).parents[1] / "datasets" / "dialogues" / "primera_llamada_30.yaml")
    assert "Saldo total: $18,640.50 · vencido: $2,350.00 · días de atraso: 32" in context_card(
        RolePlay(scenario, seed=1))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  saldo_mxn: 3000\n", "  saldo_mxn: 3000\n  vencido_mxn: 3500\n", "no puede ser mayor que 'saldo_mxn'"),
    ("texto: \"¿Bueno?\"", "texto: \"¿Bueno? Debo {vencido}\"", "no tiene 'vencido_mxn'"),
])
def test_past_due_must_be_declared_and_within_the_balance(tmp_path, old, new, message):
    with pytest.raises(DialogueError, match=message):
        load_scenario(_broken(tmp_path, old, new))
