"""The simulated debtor talks like a person: varied phrasings, amounts and dates in words, no forms."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from simulator.behaviour.paydays import is_payday
from simulator.errors import NegotiationError
from simulator.negotiation.debtor import draw_debtors
from simulator.negotiation.model import ReplyKind
from simulator.negotiation.offers import Abono, Escuchar, Liquidacion, Plan
from simulator.negotiation.session import Negotiation
from simulator.negotiation.texts import MIN_PHRASINGS, PHRASES_FILE, DebtorVoice, load_phrases
from simulator.spanish_input import say_amount

_MOVES = (Escuchar(), Abono(20000.0, 0), Plan(4, 6000.0, 0, 15), Abono(900.0, 5), Liquidacion(10.0, 2),
          Escuchar())


def _calls(count: int, seed: int = 3) -> list[Negotiation]:
    calls = []
    for debtor in draw_debtors(count, seed):
        negotiation = Negotiation(debtor)
        for move in _MOVES:
            if negotiation.finished:
                break
            negotiation.respond(move)
        calls.append(negotiation)
    return calls


@pytest.fixture(scope="module")
def calls() -> list[Negotiation]:
    return _calls(300)


def _debtor_turns(negotiation: Negotiation):
    return [turn for turn in negotiation.history
            if turn.reply.kind in (ReplyKind.ACEPTA, ReplyKind.CONTRAOFERTA, ReplyKind.RECHAZA,
                                   ReplyKind.CUELGA)]


def test_every_move_has_five_phrasings_in_every_tone():
    phrases = load_phrases()
    for move in ("acepta", "cuelga", "rechaza", "apertura", "contraoferta"):
        for tone in ("sereno", "tenso", "enojado"):
            lines = getattr(phrases, move).of(tone)
            assert len(set(lines)) >= MIN_PHRASINGS, (move, tone)
    for move in ("evasiva", "titubeo", "repite"):
        assert len(set(getattr(phrases, move))) >= MIN_PHRASINGS, move


def test_the_debtor_never_reads_out_a_form(calls):
    said = [turn.reply.text for call in calls for turn in _debtor_turns(call)]
    assert len(said) > 600
    for text in said:
        # only a day of the month may be in figures ("el viernes 13"), never an amount
        assert "$" not in text and "pago(s)" not in text and not re.search(r"\d{3}|\d[.,]\d", text), text


def test_each_proposal_says_its_amount_in_words_and_its_payday(calls):
    checked = paydays = 0
    for call in calls:
        account = call.debtor.account
        for turn in _debtor_turns(call):
            counter = turn.reply.counter
            if not isinstance(counter, Abono) or turn.reply.evasive:
                continue
            assert say_amount(Decimal(round(counter.amount_mxn))) in turn.reply.text
            later = isinstance(counter.date, dt.date) and counter.date > account.today + dt.timedelta(days=1)
            if later and is_payday(counter.date, account.income_cycle, account.payday):
                assert "cuando me pagan" in turn.reply.text
                paydays += 1
            checked += 1
    assert checked > 100 and paydays > 20


def test_the_same_move_is_said_in_many_ways(calls):
    openings: Counter[str] = Counter()
    for call in calls:
        first = call.history[0].reply
        if first.kind == ReplyKind.CONTRAOFERTA and not first.evasive:
            openings[first.text.split(" ")[0]] += 1
    assert len(openings) >= 8  # several tones x five phrasings, not one template


def test_the_same_call_reads_the_same():
    first, again = _calls(20), _calls(20)
    assert [c.transcript() for c in first] == [c.transcript() for c in again]


def test_a_proposal_never_opens_a_sentence_in_lower_case(calls):
    for call in calls:
        for turn in _debtor_turns(call):
            assert not re.search(r"(?<!\.)[.?!] [a-záéíóúñ]", turn.reply.text), turn.reply.text


def test_a_phrase_file_without_the_proposal_is_refused_with_its_line(tmp_path):
    text = PHRASES_FILE.read_text(encoding="utf-8")
    broken = text.replace('"Va, está bien. Gracias por entenderme."', '"Va, está bien."', 1).replace(
        "Lo que sí le puedo dar es {propuesta}.", "Lo que sí le puedo dar es eso.", 1)
    path = tmp_path / "frases.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(NegotiationError, match="propuesta") as refused:
        load_phrases(path)
    assert "frases.yaml" in str(refused.value)


def test_a_plan_and_a_settlement_are_said_as_a_person_says_them():
    debtor = draw_debtors(1, 5)[0]
    voice = DebtorVoice("puntual", debtor.account)
    today = debtor.account.today
    plan = voice.proposal(Plan(3, 650.0, today + dt.timedelta(days=1), 15))
    assert plan.startswith("tres pagos de seiscientos cincuenta pesos cada quincena, empezando mañana")
    settlement = voice.proposal(Liquidacion(40.0, today))
    assert settlement.startswith("el total con el cuarenta por ciento de descuento")
    assert "hoy mismo" in settlement
