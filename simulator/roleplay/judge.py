"""An offline Spanish judge of what a learner types in a call: the elements it has, the breaches it commits.

Deterministic and local, with no model to download: the text is normalised (lower
case, no accents, abbreviations such as ``q`` or ``ud`` written out), each
misspelt word is corrected towards the word of the lexicon that sounds the same
(Spanish misspellings are mostly phonetic: ``carsel``, ``bamos``, ``enbargo``)
or, for long words, that is one keystroke away (edit distance, with rapidfuzz),
and the result is matched against the patterns of ``juez.yaml``.
Every mark keeps its place in the learner's own sentence, so it can be shown
highlighted. A breach marked ``negable`` does not count inside a clause that
denies it ("usted no va a ir a la cárcel"), unless the clause is a condition
("si no paga, ..."). Disclosure depends on the call: it is judged only when the
person has not been verified as the holder. What the rules miss, a learner trained on the
labelled development rows may still claim as a «posible» breach (``judge_learner.py``), naming
the learner's words that weighed most.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from simulator.errors import DialogueError
from simulator.roleplay.judge_learner import Learner, load_corpus
from simulator.yaml_lines import load_located_yaml, validate_located

__all__ = ["BREACHES", "ELEMENTS", "LEXICON_FILE", "Judgement", "LearnerChoice", "Lexicon", "Mark",
           "corpus_learner", "judge",
           "learner_for", "learner_text", "load_lexicon", "normalise"]

LEXICON_FILE = Path(__file__).with_name("juez.yaml")
#: What a good collector turn may contain, in the order a call usually says it.
ELEMENTS = ("identificacion", "institucion", "pregunta_titular", "verificacion", "proposito", "monto",
            "fecha", "canal_oficial", "resumen", "empatia", "pregunta_abierta")
#: What a collector must never say.
BREACHES = ("amenaza", "insulto", "falsa_autoridad", "divulgacion", "presion_indebida", "cobro_indebido")
Element = Literal["identificacion", "institucion", "pregunta_titular", "verificacion", "proposito", "monto",
                  "fecha", "canal_oficial", "resumen", "empatia", "pregunta_abierta"]
#: How each breach is named to the learner.
BREACH_NAMES = {"amenaza": "amenaza", "insulto": "insulto", "falsa_autoridad": "falsa autoridad",
                "divulgacion": "divulgación", "presion_indebida": "presión indebida",
                "cobro_indebido": "cobro indebido"}
#: Who claims the breaches the rules miss: the learner of the development rows, another one, or nobody.
LearnerChoice = Learner | Literal["corpus"] | None
Breach = Literal["amenaza", "insulto", "falsa_autoridad", "divulgacion", "presion_indebida", "cobro_indebido"]
#: Shortest word corrected by edit distance (a shorter one is too often another real word).
_MIN_EDITED = 8
#: Spelling that sounds the same in Latin-American Spanish, rewritten to one key (order matters).
_SOUNDS = (("ch", "X"), ("nb", "mb"), ("np", "mp"), ("qu", "k"), ("gue", "ge"), ("gui", "gi"),
           ("ge", "je"), ("gi", "ji"), ("ce", "se"), ("ci", "si"), ("c", "k"), ("z", "s"), ("v", "b"),
           ("ll", "y"), ("h", ""), ("w", "gu"))
_WORD = re.compile(r"[^\W\d_]+")
_ESCAPE = re.compile(r"\\[a-zA-Z]")
_NEGATION = re.compile(r"\b(no|nunca|jamas|nadie|ni|tampoco|ningun|ninguna|ninguno)\b")
_GROUP = re.compile(r"<<(\w+)>>")
#: A "no" that does not deny what follows: an order ("no sea abusivo") or a hedge ("no quiero llegar a ...").
_ORDER_OR_HEDGE = re.compile(r"\bno (sea|seas|sean|se haga|se hagan|te hagas)\b|\bdeje de ser\b"
                             r"|\bno (quiero|queremos|quisiera|quisieramos|me gustaria|nos gustaria)\b")
#: "¿Por qué no le pide ...?", "¿y usted no le puede prestar ...?": a question that suggests, not a denial.
_SUGGESTION = re.compile(r"(\bpor ?que |¿\s*(y )?(usted )?)no\b[^.?!]*\?")
#: The debtor's own failure ("el que no paga ..."): its "no" belongs to the payment, not to what follows.
_DEBTOR_FAILS = re.compile(r"\bno (paga|pagar|pague|pagan|pagas|paguen|ha pagado|cumple|cumpla|contesta"
                           r"|responde|deposita|aparece)\b")
_SENTENCE_END = re.compile(r"[.;!?]")
#: How a threat's condition opens: "si no paga", "si hoy no ...", "si para el viernes no", "o paga o ...".
_THREAT_CONDITION = re.compile(
    r"\s*¿?\s*(si (usted |hoy |esto )?no (paga|pagas|deposita|cumple|consigna|se pone|me da|aparece"
    r"|transfiere|regulariza|llama|responde|contesta|se comunica|arregla|abona)"
    r"|si (para )?el [a-z]+ no|si sigue sin|o)\b")
#: A pronoun joined to the end of a verb: "coméntele", "cuénteme".
_CLITIC = re.compile(r"(me|te|le|les|lo|los|la|las|nos|se)$")
_CLAUSE_END = re.compile(r"[,.;:!?¡¿]|\b(pero|aunque|sino|que|porque)\b")
_SCOPE_END = re.compile(_CLAUSE_END.pattern + r"|\bsi\b")
#: A condition up to its comma ("si no paga, ..."): the learner reads what follows it, since most
#: labelled conditions open threats and "si no paga, lo reportamos al buró" would read as one.
_CONDITION_CLAUSE = re.compile(r"\bsi\b[^,.;:!?]*,")


def _plain_char(ch: str) -> str:
    """One character lower case without its accent (``Ñ`` -> ``n``), so offsets stay one to one."""
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    return base.lower() if len(base.lower()) == 1 else ch


class _Rule(BaseModel):
    """How one label is recognised, and why it matters (said to the learner)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    por_que: str = Field(min_length=1)
    patrones: tuple[str, ...] = Field(min_length=1)
    excepto: tuple[str, ...] = ()
    fuera_de: tuple[str, ...] = ()
    negable: bool = False
    en_condicion: bool = True
    solo_sin_titular: bool = False
    solo_con_titular: bool = False
    requiere_alguno: tuple[Element, ...] = ()
    anula: tuple[Breach, ...] = ()

    @field_validator("patrones", "excepto", "fuera_de")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            if _GROUP.search(pattern):
                raise ValueError(f"el patrón {pattern!r} nombra un grupo que 'grupos' no define")
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"el patrón {pattern!r} no es una expresión regular: {error}") from None
        return patterns

    @cached_property
    def compiled(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(pattern) for pattern in self.patrones)


class Lexicon(BaseModel):
    """Abbreviations and the rule of every element and breach (``juez.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    abreviaturas: dict[str, str]
    grupos: dict[str, tuple[str, ...]] = {}
    elementos: dict[Element, _Rule]
    faltas: dict[Breach, _Rule]

    @model_validator(mode="before")
    @classmethod
    def _expand_groups(cls, data):
        """Write each ``<<grupo>>`` in a pattern as the alternation of its words (``grupos``)."""
        if not isinstance(data, dict) or not isinstance(data.get("grupos"), dict):
            return data
        groups = {name: "(?:" + "|".join(words) + ")" for name, words in data["grupos"].items()}

        def expand(pattern):
            return _GROUP.sub(lambda found: groups.get(found.group(1), found.group(0)), pattern) \
                if isinstance(pattern, str) else pattern

        for section in ("elementos", "faltas"):
            for rule in (data.get(section) or {}).values():
                for key in ("patrones", "excepto", "fuera_de"):
                    if isinstance(rule, dict) and isinstance(rule.get(key), list):
                        rule[key] = [expand(pattern) for pattern in rule[key]]
        return data

    @model_validator(mode="after")
    def _every_label(self) -> Lexicon:
        missing = [name for name in ELEMENTS if name not in self.elementos]
        missing += [name for name in BREACHES if name not in self.faltas]
        if missing:
            raise ValueError(f"faltan reglas para: {', '.join(missing)}")
        return self

    def rule(self, label: str) -> _Rule:
        return self.elementos[label] if label in self.elementos else self.faltas[label]  # type: ignore[index]

    @cached_property
    def vocabulary(self) -> tuple[str, ...]:
        """The words the patterns and their exceptions are written with: what a typo is corrected towards.

        An exception's words count too, so that "clave" (an exception) is not read as "clabe" (a pattern).
        """
        words = {word for rule in (*self.elementos.values(), *self.faltas.values())
                 for pattern in (*rule.patrones, *rule.excepto, *rule.fuera_de)
                 for word in re.findall(r"[a-z]{4,}", _ESCAPE.sub(" ", pattern))}
        return tuple(sorted(words))

    @cached_property
    def known(self) -> frozenset[str]:
        return frozenset(self.vocabulary)

    @cached_property
    def by_sound(self) -> dict[str, str]:
        """Each vocabulary word under its sound key; a key two words share is left out."""
        keys: dict[str, set[str]] = {}
        for word in self.vocabulary:
            keys.setdefault(_sound(word), set()).add(word)
        return {key: next(iter(words)) for key, words in keys.items() if len(words) == 1}


@cache
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The judge's lexicon, checked once per process (a bad file names its line)."""
    return validate_located(Lexicon, load_located_yaml(path, DialogueError), DialogueError, str(path))


@dataclass(frozen=True)
class Mark:
    """One label found in the learner's text, at ``text[start:end]``; ``guessed`` when no rule saw it."""

    label: str
    start: int
    end: int
    guessed: bool = False

    @property
    def breach(self) -> bool:
        return self.label in BREACHES


@dataclass(frozen=True)
class Judgement:
    """What a typed turn contains and commits, with where each mark sits in the learner's text."""

    text: str
    marks: tuple[Mark, ...]

    @property
    def elements(self) -> tuple[str, ...]:
        found = {mark.label for mark in self.marks if not mark.breach}
        return tuple(name for name in ELEMENTS if name in found)

    @property
    def breaches(self) -> tuple[str, ...]:
        found = {mark.label for mark in self.marks if mark.breach}
        return tuple(name for name in BREACHES if name in found)

    def words(self, label: str) -> list[str]:
        """The learner's own words behind ``label``, e.g. ``['a la cárcel']``."""
        return [self.text[mark.start:mark.end] for mark in self.marks if mark.label == label]

    def missing(self, required: Iterable[str]) -> tuple[str, ...]:
        """Required elements the turn does not have, in call order."""
        wanted = set(required)
        return tuple(name for name in ELEMENTS if name in wanted and name not in self.elements)

    def explanations(self, required: Iterable[str] = ()) -> dict[str, str]:
        """Why each breach is wrong (naming the words) and why each missing required element matters."""
        lexicon = load_lexicon()
        said = {name: f"«{'», «'.join(self.words(name))}»: {self._how_found(name)}"
                      f"{lexicon.rule(name).por_que}" for name in self.breaches}
        return said | {name: lexicon.rule(name).por_que for name in self.missing(required)}

    def _how_found(self, label: str) -> str:
        if all(mark.guessed for mark in self.marks if mark.label == label):
            return (f"posible {BREACH_NAMES[label]}: se parece a frases etiquetadas con esa falta"
                    " (lo detectó el parecido, no una regla). ")
        return ""


@dataclass(frozen=True)
class _Normalised:
    """The normalised text and, piece by piece, where each piece came from in the original."""

    text: str
    starts: tuple[int, ...]        # start of each piece in ``text``
    pieces: tuple[tuple[int, int, int, int], ...]  # (start, end) in ``text``, (start, end) in the original

    def _point(self, index: int, at: int, end: bool) -> int:
        start, stop, original_start, original_stop = self.pieces[index]
        if stop - start == original_stop - original_start:  # same length: character for character
            return original_start + (at - start)
        return original_stop if end else original_start  # a rewritten word maps as a whole

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` (a non-empty match) sits in the learner's text."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        return self._point(first, start, False), self._point(last, end, True)


def _sound(word: str) -> str:
    """``carsel`` and ``carcel`` -> ``karsel``: one key for spellings that sound alike."""
    for spelling, key in _SOUNDS:
        word = word.replace(spelling, key)
    return re.sub(r"(.)\1+", r"\1", word)


def normalise(text: str, lexicon: Lexicon | None = None) -> str:
    """The text as the rules read it: lower case, no accents, abbreviations and typos corrected."""
    return _normalise(text, lexicon or load_lexicon()).text


def learner_text(text: str) -> str:
    """What the learner reads: the normalised text with each leading condition blanked, offsets kept."""
    return _without_conditions(normalise(text))


def _without_conditions(normal: str) -> str:
    return _CONDITION_CLAUSE.sub(lambda found: " " * len(found.group()), normal)


def learner_for(rows: pd.DataFrame) -> Learner:
    """A learner trained on labelled ``rows`` (``texto``, ``etiquetas``), read as the rules read them."""
    return Learner.fit([learner_text(text) for text in rows["texto"]], list(rows["etiquetas"]), BREACHES)


@cache
def corpus_learner() -> Learner:
    """The learner of every development row, trained once per process (a few seconds)."""
    return learner_for(load_corpus())


def _corrected(word: str, lexicon: Lexicon) -> str:
    plain = "".join(_plain_char(ch) for ch in word)
    if plain in lexicon.abreviaturas:
        return lexicon.abreviaturas[plain]
    if plain in lexicon.known or len(plain) < 4:
        return plain
    alike = lexicon.by_sound.get(_sound(plain))
    if alike is not None:
        return alike
    if len(plain) < _MIN_EDITED:
        return plain
    best = process.extractOne(plain, lexicon.vocabulary, scorer=Levenshtein.distance, score_cutoff=1)
    return plain if best is None or _other_ending(plain, best[0]) else best[0]


def _other_ending(word: str, candidate: str) -> bool:
    """True when ``word`` differs from ``candidate`` only in its last letter: another form, not a typo.

    "responde" is not a typo of "respondo", "comentele" of "comenteme" (another pronoun), nor
    "pelotudo" of the stem "pelotud"; a plural ("atrasadas") is still read as its singular.
    """
    word, candidate = _CLITIC.sub("", word), _CLITIC.sub("", candidate)
    stem = len(os.path.commonprefix([word, candidate]))
    return stem >= len(candidate) - 1 and word[stem:] != "s"


def _normalise(text: str, lexicon: Lexicon) -> _Normalised:
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    position = cursor = 0

    def add(piece: str, original_start: int, original_end: int) -> None:
        nonlocal position
        parts.append(piece)
        pieces.append((position, position + len(piece), original_start, original_end))
        position += len(piece)

    for found in _WORD.finditer(text):
        if found.start() > cursor:
            add("".join(_plain_char(ch) for ch in text[cursor:found.start()]), cursor, found.start())
        add(_corrected(found.group(), lexicon), found.start(), found.end())
        cursor = found.end()
    if cursor < len(text) or not pieces:
        add("".join(_plain_char(ch) for ch in text[cursor:]), cursor, len(text))
    return _Normalised("".join(parts), tuple(piece[0] for piece in pieces), tuple(pieces))


def _denied(normal: str, start: int) -> bool:
    """True when the clause before ``start`` denies what follows and is not a condition.

    "No sea ..." is an order and "no quiero llegar a ..." a hedge, not denials: "no sea abusivo" still
    insults. In "el que no paga termina mal" the "no" denies the payment, not the threat.
    """
    ends = [found.end() for found in _CLAUSE_END.finditer(normal, 0, start)]
    begin = ends[-1] if ends else 0
    clause = normal[begin:start]
    if re.match(r"\s*si\b", clause) or _ORDER_OR_HEDGE.search(clause) or _suggests(normal, begin):
        return False
    return bool(_NEGATION.search(_DEBTOR_FAILS.sub(" ", clause)))


def _suggests(normal: str, begin: int) -> bool:
    """True when the clause at ``begin`` is a suggesting question, «¿por qué no le pide ...?»."""
    found = _SUGGESTION.search(normal, max(0, begin - 8))
    return found is not None and found.start() <= begin


def _conditional(normal: str, start: int) -> bool:
    """True when the sentence holding ``start`` is a threat's condition ("si no paga, ..."), not a deed."""
    ends = [found.end() for found in _SENTENCE_END.finditer(normal, 0, start)]
    sentence = normal[ends[-1] if ends else 0:start]
    return bool(_THREAT_CONDITION.match(sentence))


def _excepted(rule: _Rule, normal: str) -> bool:
    """True when the turn says one of the rule's exceptions and does not deny it."""
    said = [hit.start() for pattern in rule.excepto for hit in re.finditer(pattern, normal)]
    return any(not _denied(normal, start) for start in said)


def _spans(rule: _Rule, normal: str) -> list[tuple[int, int]]:
    found = [found.span() for pattern in rule.compiled for found in pattern.finditer(normal)]
    return [(start, end) for start, end in found if end > start]


def _silenced(rule: _Rule, normal: str) -> bool:
    """True when the turn says the rule's exception or denies every match ("nunca vamos a publicar ..."):
    the rules heard the words and ruled them out, so the learner may not claim the label either."""
    if _excepted(rule, normal):
        return True
    spans = _spans(rule, normal)
    return rule.negable and bool(spans) and all(_denied(normal, start) for start, _ in spans)


def _matches(rule: _Rule, normal: str) -> list[tuple[int, int]]:
    """Where the rule's patterns match, unless an exception is said (and not denied) in the turn."""
    if _excepted(rule, normal):
        return []
    spans = [span for span in _spans(rule, normal) if not (rule.negable and _denied(normal, span[0]))]
    spans = [span for span in spans if not any(re.search(pattern, _clause(normal, *span))
                                               for pattern in rule.fuera_de)]
    return [span for span in spans if rule.en_condicion or not _conditional(normal, span[0])]


def _clause(normal: str, start: int, end: int) -> str:
    """The clause around ``normal[start:end]``: what a date or a name belongs to.

    A condition is a clause of its own: in "mañana le quitamos la moto si no paga hoy", "hoy" is
    the payment's day and "mañana" the threat's.
    """
    before = [found.end() for found in _SCOPE_END.finditer(normal, 0, start)]
    after = _SCOPE_END.search(normal, end)
    return normal[before[-1] if before else 0:after.start() if after else len(normal)]


def _in_token(text: str, at: int) -> bool:
    """True when ``text[at]`` is part of a word or an amount: a letter, a digit, a mark between digits."""
    if not 0 <= at < len(text):
        return False
    if text[at].isalnum():
        return True
    return text[at] in ".,'" and 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()


def _whole(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to whole words and amounts: a quote never shows «$4» of «$4,200»."""
    while _in_token(text, start) and _in_token(text, start - 1):
        start -= 1
    while _in_token(text, end - 1) and _in_token(text, end):
        end += 1
    return start, end


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside a longer one of the same label: one mark per stretch of words."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda span: span[0] - span[1]):
        if not any(outer_start <= start and end <= outer_end for outer_start, outer_end in kept):
            kept.append((start, end))
    return kept


def judge(text: str, *, holder_verified: bool = True, institution: str | None = None,
          lexicon: Lexicon | None = None, learner: LearnerChoice = "corpus") -> Judgement:
    """The elements and breaches of one typed collector turn.

    Args:
        holder_verified: whether the person on the line has been verified as the
            account holder; debt details said to anyone else are a disclosure.
        institution: the name of the institution the call is for, when known:
            saying it names the institution even if the lexicon lacks the name.
        learner: who claims the breaches the rules miss: the one trained on the
            development rows, another (leave-group-out), or ``None`` for rules only.
    """
    lexicon = lexicon or load_lexicon()
    normal = _normalise(text, lexicon)
    found: dict[str, list[tuple[int, int]]] = {}
    guessed: dict[str, list[tuple[int, int]]] = {}
    if institution:
        named = _normalise(institution, lexicon).text.strip()
        spans = [hit.span() for hit in re.finditer(rf"\b{re.escape(named)}\b", normal.text)] if named else []
        if spans:
            found["institucion"] = spans
    applies = {name: rule for name, rule in (*lexicon.elementos.items(), *lexicon.faltas.items())
               if not (rule.solo_sin_titular and holder_verified
                       or rule.solo_con_titular and not holder_verified)}
    for name, rule in applies.items():
        spans = _matches(rule, normal.text)
        if spans:
            found[name] = found.get(name, []) + spans
    if learner is not None:
        learner = corpus_learner() if isinstance(learner, str) else learner
        missed = [name for name in BREACHES
                  if name in applies and name not in found and not _silenced(applies[name], normal.text)]
        read = _without_conditions(normal.text)
        guessed = {name: learner.evidence(read, name) for name in learner.claims(read, missed)}
    for name, rule in lexicon.elementos.items():
        if rule.requiere_alguno and not any(other in found for other in rule.requiere_alguno):
            found.pop(name, None)
        # a channel to a personal account is no channel, even when only the learner saw the account
        if any(breach in found or breach in guessed for breach in rule.anula):
            found.pop(name, None)
    marks = sorted({Mark(name, start, end, guessed=name in guessed)
                    for name, spans in (*found.items(), *guessed.items())
                    for start, end in _outermost([_whole(text, *normal.original(*span)) for span in spans])},
                   key=lambda mark: (mark.start, mark.end, mark.label))
    return Judgement(text, tuple(marks))
