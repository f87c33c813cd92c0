"""A role-play session: walk a scenario graph, move the debtor's hidden state, keep the record.

The session is pure Python so that the terminal, the widget and the tests all
drive the same object. A bad move (an option that does not exist, an amount
that cannot be read) raises :class:`DialogueError` and changes nothing, so the
student can simply try again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from simulator.compliance.edition import Edition, load_edition
from simulator.errors import CobranzaError, DialogueError
from simulator.random_streams import seeded_generator
from simulator.roleplay.judge import Judgement, judge
from simulator.roleplay.order import option_orders
from simulator.roleplay.schema import Choice, Condition, Scenario
from simulator.roleplay.story import in_edition, localised, story_values, told
from simulator.roleplay.written import earned, route, techniques, written_feedback
from simulator.spanish_input import format_amount, format_date, parse_amount, parse_date, say_amount, say_date

__all__ = ["LEVELS", "MAX_TURNS", "ChoiceView", "Level", "Line", "Move", "RolePlay"]

#: A call that drags on this long ends with the debtor hanging up.
MAX_TURNS = 40


@dataclass(frozen=True)
class Level:
    """How a difficulty level bends the scenario's debtor.

    Attributes:
        shift: added to the starting mood and willingness.
        hang_up_below: the debtor hangs up when mood falls under this.
        gain: multiplies a choice's positive effects (a hard debtor warms slowly).
        loss: multiplies its negative effects (and cools fast).
    """

    shift: float
    hang_up_below: float
    gain: float
    loss: float


LEVELS = {
    "facil": Level(shift=0.15, hang_up_below=0.05, gain=1.25, loss=0.75),
    "media": Level(shift=0.0, hang_up_below=0.15, gain=1.0, loss=1.0),
    "dificil": Level(shift=-0.15, hang_up_below=0.25, gain=0.7, loss=1.35),
}


@dataclass(frozen=True)
class ChoiceView:
    """An option as the student sees it: its shown number, text and whether it asks for a typed
    value; ``authored`` is its number in the scenario file."""

    index: int
    text: str
    asks_for: str | None
    authored: int


@dataclass(frozen=True)
class Line:
    """One line of the transcript: ``deudor``, ``gestor`` or ``aviso`` (a narrator's note)."""

    speaker: str
    text: str


@dataclass(frozen=True)
class Move:
    """A choice the student made, or an answer typed in their own words, with what it earned.

    ``index`` is the number the student saw (None for a typed answer), ``authored``
    the number in the file of the option whose consequences followed and ``shown``
    the authored numbers in the order they were shown; ``written`` is the judge's
    reading of a typed answer.
    """

    step: int
    node: str
    index: int | None
    authored: int
    shown: tuple[int, ...]
    text: str
    techniques: tuple[str, ...]
    points: dict[str, int]
    feedback: str
    typed: str | None = None
    written: Judgement | None = None


@dataclass
class _Debtor:
    mood: float
    willingness: float
    capacity_mxn: float
    knows: set[str]
    used: set[str] = field(default_factory=set)
    amount: Decimal | None = None
    date: dt.date | None = None


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class RolePlay:
    """One call with a scenario's debtor at a difficulty level, reproducible by seed.

    ``seed`` fixes the chance branches; ``order_seed`` the order in which each step's
    options are shown (:mod:`simulator.roleplay.order`), the authored one when None;
    ``variant`` the version of the story (:mod:`simulator.roleplay.story`), 0 as written;
    ``edition`` the learner's country edition, Mexico's when None.
    Option numbers given to :meth:`choose` are the shown ones.
    """

    def __init__(self, scenario: Scenario, difficulty: str | None = None, seed: int = 0, *,
                 order_seed: int | None = None, variant: int = 0, edition: Edition | None = None) -> None:
        level_name = difficulty or scenario.difficulty
        if level_name not in LEVELS:
            raise DialogueError(f"dificultad desconocida {level_name!r}; opciones: {', '.join(LEVELS)}",
                                field="dificultad")
        self.edition = edition or load_edition()
        scenario = in_edition(told(scenario, variant), self.edition)
        self.scenario = scenario
        self.variant = variant
        self.difficulty = level_name
        self.seed = seed
        self.order_seed = order_seed
        self._orders = option_orders(scenario, order_seed)
        self.level = LEVELS[level_name]
        hidden = scenario.hidden
        self._debtor = _Debtor(
            mood=_clip(hidden.mood + self.level.shift),
            willingness=_clip(hidden.willingness + self.level.shift),
            capacity_mxn=hidden.capacity_mxn,
            knows=set(hidden.knows),
        )
        self._rng = seeded_generator(seed)
        self.transcript: list[Line] = []
        self.moves: list[Move] = []
        self.hung_up_by_patience = False
        self.node = scenario.start
        self._enter(scenario.start)

    @property
    def finished(self) -> bool:
        """Whether the call has reached an ending."""
        return self.scenario.nodes[self.node].ending is not None

    @property
    def mood(self) -> float:
        """The debtor's mood from 0 (furious) to 1 (calm), for a gauge."""
        return self._debtor.mood

    @property
    def debtor_line(self) -> str:
        """What the debtor said last."""
        return next(line.text for line in reversed(self.transcript) if line.speaker == "deudor")

    @property
    def shown_order(self) -> tuple[int, ...]:
        """The authored numbers of the options open now, in the order shown."""
        return self._orders[self.node]

    @property
    def choices(self) -> list[ChoiceView]:
        """The options open now, in the order shown (none once the call has ended)."""
        options = self.scenario.nodes[self.node].choices
        return [ChoiceView(index, self.fill(options[authored].text), options[authored].asks_for, authored)
                for index, authored in enumerate(self.shown_order)]

    @property
    def promised_amount(self) -> Decimal | None:
        """The amount the student typed last, if any."""
        return self._debtor.amount

    @property
    def promised_date(self) -> dt.date | None:
        """The date the student typed last, if any."""
        return self._debtor.date

    def choose(self, index: int, typed: str | None = None) -> Move:
        """Say the option shown as number ``index`` (0-based); ``typed`` is the amount or date it asks for.

        Raises:
            DialogueError: the call has ended, the option does not exist, or the
                typed value is missing or unreadable. The session is unchanged.
        """
        authored = self._authored(index)
        choice = self.scenario.nodes[self.node].choices[authored]
        amount, date = self._read_typed(choice, typed)
        self._keep(amount, date)
        self._apply(choice)
        move = Move(len(self.moves) + 1, self.node, index, authored, self.shown_order, self.fill(choice.text),
                    choice.techniques, choice.points.rated(), self.fill(choice.feedback), typed)
        self.moves.append(move)
        self.transcript.append(Line("gestor", move.text))
        self._enter(self._next_node(choice))
        return move

    @property
    def accepts_writing(self) -> bool:
        """Whether the learner may answer this step in their own words."""
        return not self.finished and self.scenario.nodes[self.node].typed is not None

    def write(self, text: str) -> Move:
        """Answer this step in your own words: judged, then the call goes on where the scenario says.

        An amount or a date the routed option needs is read from the answer
        itself (what the judge marked as ``monto`` or ``fecha``).

        Raises:
            DialogueError: the call has ended, this step takes only options, the
                answer is empty, or it lacks a readable amount or date the step
                needs. The session is unchanged.
        """
        if self.finished:
            raise DialogueError("la llamada ya terminó; inicie una nueva sesión para volver a jugar")
        node = self.scenario.nodes[self.node]
        if node.typed is None:
            raise DialogueError("este paso no acepta respuesta escrita: elija una de las opciones",
                                field="respuesta")
        if not str(text).strip():
            raise DialogueError("escriba su respuesta antes de enviarla", field="respuesta")
        verdict = judge(text, holder_verified=node.typed.holder_verified,
                        institution=self.scenario.context.institution)
        authored = route(node.typed, verdict)
        choice = node.choices[authored]
        amount, date = self._values_in(verdict, choice)
        self._keep(amount, date)
        self._apply(choice)
        points = earned(node.typed, verdict, choice.points.rated())
        move = Move(len(self.moves) + 1, self.node, None, authored, self.shown_order, " ".join(text.split()),
                    techniques(verdict), points, written_feedback(node.typed, verdict), None, verdict)
        self.moves.append(move)
        self.transcript.append(Line("gestor", move.text))
        self._enter(self._next_node(choice))
        return move

    def _values_in(self, verdict: Judgement, choice: Choice) -> tuple[Decimal | None, dt.date | None]:
        """The amount or date ``choice`` asks for, from the first marked words of the answer that read."""
        wanted = choice.asks_for
        if wanted is None:
            return None, None
        for words in verdict.words(wanted):
            try:
                return self._read_typed(choice, words)
            except DialogueError:
                continue
        what, example = (("el monto", "«mil setecientos pesos» o «$1,700»") if wanted == "monto"
                         else ("la fecha", "«el viernes 13» o «mañana»"))
        raise DialogueError(f"su respuesta lleva a un paso que necesita {what}: escríbalo en la respuesta, "
                            f"p. ej. {example}", field=wanted)

    def _keep(self, amount: Decimal | None, date: dt.date | None) -> None:
        if amount is not None:
            self._debtor.amount = amount
        if date is not None:
            self._debtor.date = date

    def _authored(self, index: int) -> int:
        if self.finished:
            raise DialogueError("la llamada ya terminó; inicie una nueva sesión para volver a jugar")
        order = self.shown_order
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(order):
            raise DialogueError(
                f"la opción {index!r} no existe en este paso; elija un número de 0 a {len(order) - 1}",
                field="opcion")
        return order[index]

    def _read_typed(self, choice: Choice, typed: str | None) -> tuple[Decimal | None, dt.date | None]:
        if choice.asks_for is None:
            return None, None
        what = "el monto" if choice.asks_for == "monto" else "la fecha"
        if typed is None or not str(typed).strip():
            raise DialogueError(f"esta opción pide {what}: escríbalo antes de elegirla",
                                field=choice.asks_for)
        try:
            if choice.asks_for == "monto":
                return parse_amount(typed, self.edition.money), None
            return None, parse_date(typed, self.scenario.context.call_date)
        except CobranzaError as error:
            raise DialogueError(error.message, field=choice.asks_for) from None

    def _apply(self, choice: Choice) -> None:
        debtor, effects = self._debtor, choice.effects
        debtor.mood = _clip(debtor.mood + self._scaled(effects.mood))
        debtor.willingness = _clip(debtor.willingness + self._scaled(effects.willingness))
        debtor.knows.update(effects.tells)
        if effects.sets_amount_mxn is not None:
            debtor.amount = Decimal(str(effects.sets_amount_mxn)).quantize(Decimal("0.01"))
        if effects.sets_date is not None:
            debtor.date = effects.sets_date
        debtor.used.update(choice.techniques)

    def _scaled(self, change: float) -> float:
        return change * (self.level.gain if change > 0 else self.level.loss)

    def _next_node(self, choice: Choice) -> str:
        target = next(branch.node for branch in choice.goes_to
                      if branch.when is None or self._holds(branch.when))
        if self.scenario.nodes[target].ending is not None:
            return target
        if self._debtor.mood < self.level.hang_up_below:
            self.hung_up_by_patience = True
            self.transcript.append(Line("aviso", "El deudor perdió la paciencia y cortó la llamada."))
            return self.scenario.hang_up_node()
        if len(self.moves) >= MAX_TURNS:
            self.hung_up_by_patience = True
            self.transcript.append(Line("aviso", "La llamada se alargó sin avanzar y el deudor colgó."))
            return self.scenario.hang_up_node()
        return target

    def _enter(self, name: str) -> None:
        self.node = name
        line = next(variant for variant in self.scenario.nodes[name].debtor
                    if variant.when is None or self._holds(variant.when))
        self.transcript.append(Line("deudor", self.fill(line.text, spoken=True)))

    def _holds(self, when: Condition) -> bool:
        """Whether every condition named holds; the random draw is made last, only if needed."""
        debtor, hidden = self._debtor, self.scenario.hidden
        amount, date = debtor.amount, debtor.date
        checks = (
            (when.mood_min, lambda v: debtor.mood >= v),
            (when.mood_max, lambda v: debtor.mood <= v),
            (when.willingness_min, lambda v: debtor.willingness >= v),
            (when.willingness_max, lambda v: debtor.willingness <= v),
            (when.knows, lambda v: v in debtor.knows),
            (when.does_not_know, lambda v: v not in debtor.knows),
            (when.used_technique, lambda v: v in debtor.used),
            (when.difficulty, lambda v: self.difficulty in v),
            (when.amount_within_capacity,
             lambda v: amount is not None and (float(amount) <= hidden.capacity_mxn) == v),
            (when.amount_min_mxn, lambda v: amount is not None and float(amount) >= v),
            (when.amount_max_mxn, lambda v: amount is not None and float(amount) <= v),
            (when.date_within_days,
             lambda v: date is not None and (date - self.scenario.context.call_date).days <= v),
            (when.date_on_payday, lambda v: date is not None and (date in hidden.paydays) == v),
        )
        if not all(check(value) for value, check in checks if value is not None):
            return False
        return when.chance is None or self._rng.random() < when.chance

    def fill(self, text: str, *, spoken: bool = False) -> str:
        """``text`` with its {placeholders} replaced by this call's names, story values, amount and date.

        ``spoken`` is for the debtor's lines: he says "mil setecientos pesos el
        viernes 17", while the collector reads back the exact figures. Everything is
        told in the call's country edition (:func:`~simulator.roleplay.story.localised`).
        """
        context, debtor = self.scenario.context, self._debtor
        values = story_values(self.scenario, self.edition, spoken=spoken)
        values["monto"] = ((say_amount if spoken else format_amount)(debtor.amount, self.edition.money)
                           if debtor.amount is not None else "el monto acordado")
        if debtor.date is None:
            values["fecha"] = values["fecha_corta"] = "la fecha acordada"
        else:
            values["fecha"] = say_date(debtor.date, context.call_date) if spoken else format_date(debtor.date)
            values["fecha_corta"] = " ".join(format_date(debtor.date).split()[:2])
        text = localised(" ".join(text.split()), self.edition)
        return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def _clip(value: float) -> float:
    """Within [0, 1], rounded so that 0.35 + 0.05 meets a 0.4 threshold as a trainer expects."""
    return round(min(1.0, max(0.0, value)), 6)
