"""The judge's learner: a second, deterministic, offline signal that names the words it weighed."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest

from simulator.roleplay.judge import corpus_learner, judge

#: Undue pressure through a relative that no rule of juez.yaml names; the learner claims it.
VEILED = "Una hermana de verdad le cubriría la deuda a su hermano."
LAWFUL = ("Si no llegamos a un acuerdo, la institución puede iniciar un proceso judicial conforme a la ley; "
          "un juez decide, y usted puede defenderse.")


def test_the_learner_claims_a_breach_the_rules_miss_as_a_possible_one_naming_its_words():
    assert judge(VEILED, learner=None).breaches == ()
    verdict = judge(VEILED)
    assert verdict.breaches == ("presion_indebida",)
    words = verdict.words("presion_indebida")
    assert words and set(words) <= set(re.findall(r"\w+", VEILED))
    explanation = verdict.explanations()["presion_indebida"]
    assert explanation.startswith("«" + "», «".join(words) + "»: posible presión indebida")


def test_a_breach_the_rules_see_is_not_called_possible():
    verdict = judge("Si no paga, se va a ir a la cárcel.")
    assert "posible" not in verdict.explanations()["amenaza"]
    assert not any(mark.guessed for mark in verdict.marks)


def test_a_lawful_sentence_with_legal_process_words_stays_clean():
    assert judge(LAWFUL).breaches == ()


def test_same_text_same_verdict_in_another_process():
    code = ("from simulator.roleplay.judge import judge; "
            f"print(repr(judge({VEILED!r}).marks))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == repr(judge(VEILED).marks)


def test_the_learner_trains_without_network(monkeypatch: pytest.MonkeyPatch):
    def refuse(*args, **kwargs):
        raise OSError("sin red")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    corpus_learner.cache_clear()
    assert judge(VEILED).breaches == ("presion_indebida",)
