"""The offline judge of typed collector turns: elements, breaches, the learner's words, tolerance."""

from __future__ import annotations

import json

import pytest

from simulator.errors import DialogueError
from simulator.roleplay.judge import BREACHES, ELEMENTS, LEXICON_FILE, judge, load_lexicon
from simulator.roleplay.judge_learner import load_corpus


def test_a_lawful_opening_has_its_elements_and_no_breach():
    verdict = judge("Buenas tardes, le habla Ana Torres de Banco Azteca. ¿Hablo con el señor Ramírez?")
    assert {"identificacion", "institucion", "pregunta_titular"} <= set(verdict.elements)
    assert verdict.breaches == ()


@pytest.mark.parametrize(("text", "breach", "words"), [
    ("Si no paga vamos a tener que hablar con su esposa.", "amenaza", "hablar con su esposa"),
    ("Le mando el aviso del juzgado mañana.", "falsa_autoridad", "aviso del juzgado"),
    ("Deposite a mi cuenta personal y yo lo aplico.", "cobro_indebido", "mi cuenta"),
    ("Paso a su casa a recoger el dinero en efectivo.", "cobro_indebido", "recoger"),
    ("Es usted un irresponsable.", "insulto", "irresponsable"),
    ("Ya publicamos su deuda en redes sociales.", "presion_indebida", "redes sociales"),
    # exposure announced is a threat, exposure done is undue pressure (datasets/juez/GUIA.md)
    ("Le vamos a subir su foto a Facebook.", "amenaza", "subir su foto a Facebook"),
    ("Con esa oferta no me venga a tomar el pelo, gil.", "insulto", "gil"),
])
def test_a_typed_breach_is_found_and_its_words_named(text, breach, words):
    verdict = judge(text)
    assert breach in verdict.breaches
    assert any(words in said for said in verdict.words(breach)), verdict.words(breach)
    assert words in verdict.explanations()[breach]


def test_disclosure_depends_on_whether_the_holder_was_verified():
    text = "Dígale que tiene una deuda de 3,500 pesos con el banco."
    assert "divulgacion" in judge(text, holder_verified=False).breaches
    assert "divulgacion" not in judge(text, holder_verified=True).breaches
    callback = judge("¿Le puede dejar un recado? Que se comunique Ana al 55 1234 5678, gracias.",
                     holder_verified=False)
    assert callback.breaches == ()


def test_a_denied_threat_is_not_a_threat_but_a_condition_is():
    assert judge("Usted no va a ir a la cárcel por esto; es una deuda civil.").breaches == ()
    assert "amenaza" in judge("Si no paga, se va a ir a la cárcel.").breaches


@pytest.mark.parametrize(("text", "breach"), [
    ("No quiero llegar a medidas más drásticas con usted ni con los suyos.", "amenaza"),  # a hedge
    ("El que no paga termina mal, y usted va por ese camino.", "amenaza"),  # "no" of the payment
    ("¿Y por qué no le pide a su hija que le preste?", "presion_indebida"),  # a suggestion
    ("Oiga, ¿y usted no le puede prestar a su primo?", "presion_indebida"),  # a question that suggests
])
def test_a_no_that_does_not_deny_the_breach_does_not_hide_it(text, breach):
    assert breach in judge(text).breaches


@pytest.mark.parametrize("text", [
    "Si para el quince no está el dinero, vamos por su camioneta.",
    "Si no cumple con el depósito, mañana mismo le estamos tocando el timbre.",
])
def test_a_first_person_move_after_an_unpaid_condition_is_a_threat(text):
    assert "amenaza" in judge(text).breaches


@pytest.mark.parametrize("text", [
    "Si no paga este mes, vamos a seguir llamando para buscar un acuerdo.",
    "Si no le alcanza, vamos a revisar un plan en cuotas.",
    "Si no paga, vamos a tener que reportar el atraso al buró.",
    "si no puede hoy, mañana le marco y vemos",
    "Si no llegamos a nada, le voy a pedir a mi supervisor que revise su caso.",
    # what is taken away or lost is a benefit or a charge, not the person's goods
    "Si paga hoy, le quitamos los intereses moratorios.",
    "Si no paga, no podrá sacar otro crédito con nosotros.",
    "Vamos a sacar un plan a su medida.",
])
def test_a_lawful_next_step_after_an_unpaid_condition_is_not_a_threat(text):
    assert judge(text).breaches == ()


@pytest.mark.parametrize(("text", "breach", "verified"), [
    # threats asked or hinted rather than stated
    ("¿Prefiere que vayamos a buscarlo a su trabajo?", "amenaza", True),
    ("Esta semana le llega una visita que no le va a gustar.", "amenaza", True),
    ("Acuérdese que tenemos su dirección y la de su mamá.", "amenaza", True),
    ("si no pagás, le contamos a tu viejo", "amenaza", True),
    # pressure through whoever answers, through relatives' money, and by comparison
    ("Usted como su hermano debería prestarle para la cuota.", "presion_indebida", False),
    ("Consiga la plata con su familia, para eso están.", "presion_indebida", True),
    ("Hasta su hija paga a tiempo; usted no tiene excusa.", "presion_indebida", True),
    ("Ya contactamos a su empleador para informarle de su deuda.", "presion_indebida", True),
])
def test_veiled_threats_and_pressure_are_found(text, breach, verified):
    assert breach in judge(text, holder_verified=verified).breaches


@pytest.mark.parametrize("text", [
    "Si no recibimos el pago, le vamos a marcar de nuevo el jueves.",
    "Me dice que le contaron que vamos a ir a su casa; eso no lo hacemos.",
    "Nunca vamos a publicar su nombre en ninguna parte.",  # the learner alone once claimed a threat
    "Le aclaro que no soy abogado ni del Poder Judicial; soy asesor de la financiera.",
    "La ley no permite que le quitemos nada sin una orden judicial.",
    "Si su hermana quiere ayudarle, es decisión de ustedes; yo le ofrezco el plan.",
])
def test_a_denied_or_quoted_breach_is_claimed_by_nobody(text):
    assert judge(text).breaches == ()


def test_exposure_announced_is_a_threat_not_undue_pressure():
    assert judge("Vamos a publicar su deuda en redes sociales.").breaches == ("amenaza",)


def test_a_condition_is_its_own_clause_for_the_payment_day():
    verdict = judge("Mañana le quitamos su mototaxi si no paga hoy.")
    assert "amenaza" in verdict.breaches and verdict.words("fecha") == ["hoy"]


@pytest.mark.parametrize(("text", "label"), [
    ("Para seguir, dígame su clave de internet.", "canal_oficial"),  # "clave" is not the payment "clabe"
    ("si no responde hoy, mañana publicamos su nombre en el grupo", "presion_indebida"),  # not "respondo"
])
def test_another_form_of_a_lexicon_word_is_not_corrected_into_it(text, label):
    verdict = judge(text)
    assert label not in verdict.elements + verdict.breaches


@pytest.mark.parametrize("text", [
    "lo bamos a meter a la carsel",              # phonetic misspellings
    "LO VAMOS A METER A LA CARCEL",              # capitals, no accents
    "q no se le olvide q lo vamos a meter a la cárcel",  # abbreviations
])
def test_misspellings_capitals_and_abbreviations_do_not_hide_a_threat(text):
    assert "amenaza" in judge(text).breaches


def test_lawful_facts_that_sound_hard_are_not_breaches():
    for text in ("El atraso se reporta al buró de crédito cada mes.",
                 "Si lo desea, puede presentar una queja ante la CONDUSEF.",
                 "Solo un juez puede ordenar un embargo, y usted tendría derecho a defenderse.",
                 "Una demanda la decidiría el departamento jurídico del banco, no yo."):
        assert judge(text).breaches == (), text


def test_sensitive_data_is_not_verification():
    assert "verificacion" in judge("Por su seguridad, ¿me confirma su fecha de nacimiento?").elements
    assert "verificacion" not in judge("Para verificar, ¿me da su NIP?").elements


def test_a_summary_needs_the_amount_or_the_date():
    assert "resumen" in judge("Entonces quedamos en $1,700 el viernes 13 en la sucursal.").elements
    assert "resumen" not in judge("Entonces quedamos así.").elements


def test_marks_point_at_the_learners_own_words():
    text = "Le habla Ána Pérez; lo vamos a meter a la carsel."
    verdict = judge(text)
    for mark in verdict.marks:
        assert 0 <= mark.start < mark.end <= len(text)
    assert verdict.words("amenaza") == ["carsel"]


def test_missing_elements_come_with_why_they_matter():
    verdict = judge("Hola, ¿cómo está?")
    assert verdict.missing(["identificacion", "institucion", "pregunta_abierta"]) == ("identificacion",
                                                                                         "institucion")
    why = verdict.explanations(["identificacion"])
    assert set(why) == {"identificacion"} and "nombre" in why["identificacion"]


def test_the_lexicon_covers_every_label_and_refuses_a_bad_pattern(tmp_path):
    lexicon = load_lexicon()
    assert set(lexicon.elementos) == set(ELEMENTS) and set(lexicon.faltas) == set(BREACHES)
    broken = tmp_path / "juez.yaml"
    broken.write_text(LEXICON_FILE.read_text(encoding="utf-8").replace(
        "'\\b(irresponsable|", "'\\b((irresponsable|", 1), encoding="utf-8")
    with pytest.raises(DialogueError, match="expresión regular") as refused:
        load_lexicon(broken)
    assert "juez.yaml" in str(refused.value) and "línea" in str(refused.value)


def test_the_same_text_gives_the_same_judgement():
    text = "Entiendo. ¿Qué día le pagan? Podemos dejarlo en $900 el viernes en OXXO con su referencia."
    assert judge(text) == judge(text)


def test_the_command_line_names_the_breach_and_fails(cli):
    done = cli("dialogue", "judge", "--text", "si no paga le vamos a avisar a su jefe", "--json")
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["breaches"] == ["amenaza"] and result["next"] is None
    assert "avisar a su jefe" in result["explanations"]["amenaza"]
    lawful = cli("dialogue", "judge", "--text", "Le habla Ana de Banco Azteca, ¿hablo con Luis Pérez?")
    assert lawful.returncode == 0 and "Faltas: ninguna" in lawful.stdout


def test_the_command_line_judges_a_scenario_step_and_says_where_the_call_goes(cli):
    step = ("dialogue", "judge", "--scenario", "primera_llamada_30", "--node")
    opening = "Buenas tardes, le habla Ana de Banco del Valle. ¿Hablo con el señor Martín Ortega?"
    lawful = cli(*step, "contesta", "--text", opening, "--json")
    assert lawful.returncode == 0 and json.loads(lawful.stdout)["next"] == "titular"
    # the step says the holder is not verified yet: the debt said to whoever answers is a disclosure
    told = cli(*step, "contesta", "--text", "Hola, ¿está Martín? Es por su deuda de 2,350 pesos.", "--json")
    result = json.loads(told.stdout)
    assert told.returncode == 1 and result["breaches"] == ["divulgacion"]
    assert {"identificacion", "institucion"} <= set(result["explanations"])  # the step's missing elements
    wrong = cli(*step, "titular", "--text", "hola")
    assert wrong.returncode != 0 and "contesta" in wrong.stderr  # names the steps that do take writing


def test_one_mark_per_stretch_of_words():
    verdict = judge("Buenas tardes, le habla Ana Torres de Banco Azteca.")
    assert len(verdict.words("identificacion")) == 1


@pytest.mark.parametrize(("text", "quote"), [
    ("Son $4,200 para el viernes.", "$4,200"),
    ("Quedan S/ 1,700.50 por pagar.", "S/ 1,700.50"),
    ("Pague $ 1.700,00 el lunes.", "$ 1.700,00"),
    ("Son mil setecientos pesos.", "mil setecientos pesos"),
])
def test_a_quoted_amount_is_never_cut(text, quote):
    assert judge(text, learner=None).words("monto") == [quote]


def test_every_quote_covers_whole_words():
    rows = load_corpus().head(400)
    cut = [(text, text[mark.start:mark.end]) for text in rows["texto"] for mark in judge(text).marks
           if text[mark.start - 1:mark.start + 1].isalnum() and mark.start > 0
           or text[mark.end - 1:mark.end + 1].isalnum() and mark.end < len(text)]
    assert cut == []
