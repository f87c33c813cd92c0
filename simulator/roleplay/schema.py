"""Scenario schema: a role-play call as a graph of debtor lines and collector choices.

Keys are Spanish because trainers write these files; attributes are English
through aliases. Conditions are a small declared vocabulary (no ``eval``): a
branch or a debtor line applies when every condition it names holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.compliance.edition import PHRASES
from simulator.roleplay.judge import ELEMENTS
from simulator.roleplay.techniques import AXES, ENDINGS, PERSONAS, PROMISE_ENDINGS, TECHNIQUES

__all__ = [
    "Branch",
    "Choice",
    "Condition",
    "Context",
    "DIFFICULTIES",
    "Effects",
    "HiddenState",
    "LineVariant",
    "ModelPath",
    "Node",
    "Objective",
    "PLACEHOLDERS",
    "Points",
    "Scenario",
    "Typed",
    "TypedRoute",
    "Variant",
    "yaml_keys",
]

DIFFICULTIES = ("facil", "media", "dificil")
#: Names every dialogue text may use in braces, e.g. "le llamo de {institucion}"; a scenario adds its
#: own story values (names, amounts, dates of its story) under ``datos``.
#: The country edition's phrases (:data:`~simulator.compliance.edition.PHRASES`) are placeholders too.
PLACEHOLDERS = ("deudor", "gestor", "institucion", "saldo", "vencido", "dias_atraso", "monto", "fecha",
                "fecha_corta", "minimo", "ideal", "moneda", *PHRASES)

Difficulty = Literal["facil", "media", "dificil"]
#: Who answers the call: the holder, or a third party who must never hear of the debt.
Answerer = Literal["titular", "tercero"]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Change = Annotated[float, Field(ge=-1.0, le=1.0)]
Rating = Annotated[int, Field(ge=-3, le=3)]


Text = Annotated[str, Field(min_length=1)]


def _in_vocabulary(value: str, vocabulary, what: str) -> str:
    if value not in vocabulary:
        raise ValueError(f"{what} desconocida {value!r}; opciones: {', '.join(vocabulary)}")
    return value


TechniqueTag = Annotated[str, AfterValidator(lambda v: _in_vocabulary(v, TECHNIQUES, "técnica"))]
PersonaName = Annotated[str, AfterValidator(lambda v: _in_vocabulary(v, PERSONAS, "persona"))]
EndingKind = Annotated[str, AfterValidator(lambda v: _in_vocabulary(v, ENDINGS, "final"))]
ElementTag = Annotated[str, AfterValidator(lambda v: _in_vocabulary(v, ELEMENTS, "elemento"))]


class _Spanish(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Condition(_Spanish):
    """What must hold for a branch or a debtor line; every named condition must hold."""

    mood_min: Unit | None = Field(default=None, alias="animo_min")
    mood_max: Unit | None = Field(default=None, alias="animo_max")
    willingness_min: Unit | None = Field(default=None, alias="disposicion_min")
    willingness_max: Unit | None = Field(default=None, alias="disposicion_max")
    chance: float | None = Field(default=None, alias="azar", gt=0.0, lt=1.0)
    knows: str | None = Field(default=None, alias="conoce")
    does_not_know: str | None = Field(default=None, alias="no_conoce")
    used_technique: TechniqueTag | None = Field(default=None, alias="uso_tecnica")
    difficulty: tuple[Difficulty, ...] | None = Field(default=None, alias="dificultad", min_length=1)
    amount_within_capacity: bool | None = Field(default=None, alias="monto_hasta_capacidad")
    amount_min_mxn: float | None = Field(default=None, alias="monto_min", ge=0.0)
    amount_max_mxn: float | None = Field(default=None, alias="monto_max", ge=0.0)
    date_within_days: int | None = Field(default=None, alias="fecha_hasta_dias", ge=0)
    date_on_payday: bool | None = Field(default=None, alias="fecha_en_dia_de_pago")

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not self.model_fields_set:
            raise ValueError("la condición 'si' está vacía; quítela o nombre al menos una condición")
        return self


class Branch(_Spanish):
    """One possible next node; the first branch whose condition holds is taken."""

    when: Condition | None = Field(default=None, alias="si")
    node: str = Field(alias="nodo", min_length=1)


class Effects(_Spanish):
    """How a choice moves the debtor's hidden state (before difficulty scaling).

    ``fija_monto`` and ``fija_fecha`` settle the agreed amount or date when the
    collector proposes one in words, replacing what the student typed earlier.
    """

    mood: Change = Field(default=0.0, alias="animo")
    willingness: Change = Field(default=0.0, alias="disposicion")
    tells: tuple[str, ...] = Field(default=(), alias="informa")
    sets_amount_mxn: float | None = Field(default=None, alias="fija_monto", gt=0.0)
    sets_date: dt.date | None = Field(default=None, alias="fija_fecha")


class Points(_Spanish):
    """Ratings from -3 (harmful) to +3 (exemplary) on the axes a choice touches."""

    comunicacion: Rating | None = None
    compromiso: Rating | None = None
    confianza: Rating | None = None
    cumplimiento: Rating | None = None

    @model_validator(mode="after")
    def _rates_something(self) -> Points:
        if not self.model_fields_set:
            raise ValueError("'puntos' debe calificar al menos un eje: " + ", ".join(AXES))
        return self

    def rated(self) -> dict[str, int]:
        """The axes this choice rates, with their rating."""
        return {axis: getattr(self, axis) for axis in AXES if getattr(self, axis) is not None}


class Choice(_Spanish):
    """A line the collector can say, with its lesson and consequences.

    ``verifica: true`` marks the option that confirms the holder's identity with
    a data point only the holder knows (not a name said on the phone): the
    call-script rule lets the debt be mentioned only after such an option.
    """

    text: Text = Field(alias="texto")
    techniques: tuple[TechniqueTag, ...] = Field(default=(), alias="tecnicas")
    effects: Effects = Field(default_factory=Effects, alias="efectos")
    points: Points = Field(alias="puntos")
    feedback: Text = Field(alias="retro")
    asks_for: Literal["monto", "fecha"] | None = Field(default=None, alias="entrada")
    verifies: bool = Field(default=False, alias="verifica")
    goes_to: tuple[Branch, ...] = Field(alias="ir_a", min_length=1)

    @field_validator("goes_to", mode="before")
    @classmethod
    def _single_target(cls, value):
        return [{"nodo": value}] if isinstance(value, str) else value

    @field_validator("goes_to")
    @classmethod
    def _last_branch_unconditional(cls, value):
        if value[-1].when is not None:
            raise ValueError("la última rama de 'ir_a' debe ir sin 'si', para que siempre haya salida")
        return value

    def rating(self) -> int:
        """The sum of its ratings: how the library ranks a step's options (the best has the most)."""
        return sum(self.points.rated().values())

    def targets(self) -> tuple[str, ...]:
        """Every node this choice may lead to."""
        return tuple(branch.node for branch in self.goes_to)


class LineVariant(_Spanish):
    """A debtor line said when its condition holds (the first matching variant wins)."""

    when: Condition | None = Field(default=None, alias="si")
    text: Text = Field(alias="texto")


class Promise(_Spanish):
    """A promise fixed by the script, used when the student typed no amount or date.

    ``firme: false`` marks a yes that is not a commitment ("sí, sí... ahí lo
    vemos" to end a pressured call): it cannot meet the call's goal.
    """

    amount_mxn: float | None = Field(default=None, alias="monto_mxn", gt=0.0)
    date: dt.date | None = Field(default=None, alias="fecha")
    firm: bool = Field(default=True, alias="firme")


class TypedRoute(_Spanish):
    """A typed answer with every element of ``con`` has the consequences of option ``opcion``.

    An empty ``con`` takes any answer without a breach: where what matters is
    what is not said (a third party, a fraud report).

    ``ejemplo`` is an answer that must take this route: the linter judges it, so
    the declaration and the judge cannot drift apart.
    """

    needs: tuple[ElementTag, ...] = Field(alias="con")
    option: int = Field(alias="opcion", ge=0)
    example: Text = Field(alias="ejemplo")


class Typed(_Spanish):
    """A step the learner may also answer in their own words ("Escribir mi respuesta").

    The answer is judged (:mod:`simulator.roleplay.judge`); the first route whose
    elements are all there decides the option whose consequences follow, ``otro``
    when none is (its consequences, but no credit for what was not said), and
    ``falta`` (``otro`` when not given) when the answer commits a breach.
    ``requiere`` names the elements a good answer has here, explained to the
    learner when missing (none where what matters is what is not said, as with a
    third party); ``titular_verificado`` says whether the person on the line is
    already verified as the holder, which decides what a disclosure is.
    """

    required: tuple[ElementTag, ...] = Field(default=(), alias="requiere")
    holder_verified: bool = Field(alias="titular_verificado")
    routes: tuple[TypedRoute, ...] = Field(default=(), alias="ramas")
    otherwise: int = Field(alias="otro", ge=0)
    breach: int | None = Field(default=None, alias="falta", ge=0)

    def options(self) -> tuple[int, ...]:
        """Every option a typed answer may take."""
        chosen = (*(route.option for route in self.routes), self.otherwise)
        return chosen if self.breach is None else (*chosen, self.breach)


class Node(_Spanish):
    """A point in the call: the debtor speaks, then the collector chooses (or types) or the call ends."""

    debtor: tuple[LineVariant, ...] = Field(alias="deudor", min_length=1)
    choices: tuple[Choice, ...] = Field(default=(), alias="opciones")
    ending: EndingKind | None = Field(default=None, alias="final")
    points: Points | None = Field(default=None, alias="puntos")
    summary: Text | None = Field(default=None, alias="resumen")
    promise: Promise | None = Field(default=None, alias="promesa")
    typed: Typed | None = Field(default=None, alias="escrito")

    @field_validator("debtor", mode="before")
    @classmethod
    def _single_line(cls, value):
        return [{"texto": value}] if isinstance(value, str) else value

    @field_validator("debtor")
    @classmethod
    def _last_variant_unconditional(cls, value):
        if value[-1].when is not None:
            raise ValueError("la última variante de 'deudor' debe ir sin 'si', "
                             "para que siempre haya respuesta")
        return value

    @model_validator(mode="after")
    def _ending_or_choices(self) -> Node:
        if self.ending and self.choices:
            raise ValueError("un nodo con 'final' no lleva 'opciones'")
        if self.ending is None and (self.points or self.summary or self.promise):
            raise ValueError("'puntos', 'resumen' y 'promesa' de nodo solo van en nodos con 'final'")
        if self.typed is not None:
            wrong = [option for option in self.typed.options() if option >= len(self.choices)]
            if wrong:
                raise ValueError(f"'escrito' nombra la opción {wrong[0]}, pero el nodo tiene "
                                 f"{len(self.choices)} opciones (se cuentan desde 0)")
        return self


class Context(_Spanish):
    """What the collector knows before dialling: shown to the student as a card.

    ``saldo_mxn`` is the whole balance and ``vencido_mxn`` the part past due: a
    collector asks for what brings the account current, not for the balance.
    """

    debtor: str = Field(alias="deudor", min_length=1)
    collector: str = Field(default="Andrea Ruiz", alias="gestor", min_length=1)
    institution: str = Field(alias="institucion", min_length=1)
    product: str = Field(alias="producto", min_length=1)
    balance_mxn: float = Field(alias="saldo_mxn", ge=0.0)
    overdue_mxn: float | None = Field(default=None, alias="vencido_mxn", ge=0.0)
    days_past_due: int = Field(alias="dias_atraso", ge=-60, le=3650)
    call_date: dt.date = Field(alias="fecha_llamada")
    call_time: str = Field(alias="hora_llamada", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    notes: str | None = Field(default=None, alias="notas")

    @model_validator(mode="after")
    def _overdue_within_balance(self) -> Context:
        if self.overdue_mxn is not None and self.overdue_mxn > self.balance_mxn:
            raise ValueError("'vencido_mxn' no puede ser mayor que 'saldo_mxn': lo vencido es parte del "
                             "saldo")
        return self


class HiddenState(_Spanish):
    """The debtor's state the student cannot see; difficulty shifts mood and willingness."""

    mood: Unit = Field(alias="animo")
    willingness: Unit = Field(alias="disposicion")
    capacity_mxn: float = Field(alias="capacidad_mxn", ge=0.0)
    knows: tuple[str, ...] = Field(default=(), alias="conoce")
    paydays: tuple[dt.date, ...] = Field(default=(), alias="dias_de_pago")


class ModelPath(_Spanish):
    """The exemplary call at one level: option indices (from 0, in file order) and the values typed."""

    choices: tuple[Annotated[int, Field(ge=0)], ...] = Field(alias="opciones", min_length=1)
    inputs: tuple[str, ...] = Field(default=(), alias="entradas")


class Objective(_Spanish):
    """The goal of the call in checkable terms, so the score reads what was agreed.

    A promise ending (or any ending, with ``con_promesa``, e.g. a dispute sent
    on while the undisputed part is paid) only meets the goal when the promise
    is firm (amount, date and an official channel) and the amount fits the
    debtor's capacity; the minimum is what still counts, the ideal is what the
    model call reaches.
    """

    endings: tuple[EndingKind, ...] = Field(alias="finales", min_length=1)
    with_promise: bool = Field(default=False, alias="con_promesa")
    amount_min_mxn: float | None = Field(default=None, alias="monto_min", gt=0.0)
    amount_ideal_mxn: float | None = Field(default=None, alias="monto_ideal", gt=0.0)
    on_payday: bool = Field(default=False, alias="fecha_en_dia_de_pago")
    date_within_days: int | None = Field(default=None, alias="fecha_hasta_dias", ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> Objective:
        promises = self.with_promise or any(ending in PROMISE_ENDINGS for ending in self.endings)
        asks_money = (self.amount_min_mxn, self.amount_ideal_mxn, self.date_within_days) != (None, None, None)
        if (asks_money or self.on_payday) and not promises:
            raise ValueError("monto y fecha de la meta solo aplican si 'finales' incluye "
                             + " o ".join(PROMISE_ENDINGS) + ", o con 'con_promesa: true'")
        if (self.amount_min_mxn is not None and self.amount_ideal_mxn is not None
                and self.amount_ideal_mxn < self.amount_min_mxn):
            raise ValueError("'monto_ideal' no puede ser menor que 'monto_min'")
        return self

    def expects_promise(self, ending: str | None) -> bool:
        """Whether a call ending in ``ending`` must carry a firm promise to meet the goal."""
        return ending in PROMISE_ENDINGS or (self.with_promise and ending in self.endings)


#: A story value: a text, an amount in pesos or a date.
StoryValue = str | float | dt.date
StoryKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Variant(_Spanish):
    """The same call told again: other debtor, amounts times ``escala``, dates ``semanas`` later.

    Only text values of ``datos`` are rewritten by name; amounts and dates follow
    the scale and the shift, so they stay consistent with every rule of the call.
    """

    debtor: str | None = Field(default=None, alias="deudor", min_length=1)
    scale: float = Field(default=1.0, alias="escala", ge=0.25, le=4.0)
    weeks: int = Field(default=0, alias="semanas", ge=-260, le=260)
    data: dict[StoryKey, str] = Field(default_factory=dict, alias="datos")


class Scenario(_Spanish):
    """A whole role-play scenario, as loaded from ``datasets/dialogues/*.yaml``.

    ``contesta`` says who picks up: ``titular`` (the default), or ``tercero`` when
    the call is answered by someone who is not the holder, so the exemplary call
    never mentions the debt at all.
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(alias="titulo", min_length=1)
    description: str = Field(alias="descripcion", min_length=1)
    persona: PersonaName
    difficulty: Difficulty = Field(default="media", alias="dificultad")
    answers: Answerer = Field(default="titular", alias="contesta")
    goal: str = Field(alias="objetivo", min_length=1)
    objective: Objective = Field(alias="meta")
    context: Context = Field(alias="contexto")
    hidden: HiddenState = Field(alias="deudor_oculto")
    start: str = Field(alias="inicio", min_length=1)
    hang_up: str | None = Field(default=None, alias="al_colgar")
    nodes: dict[str, Node] = Field(alias="nodos", min_length=1)
    model_paths: dict[Difficulty, ModelPath] | None = Field(default=None, alias="camino_modelo")
    data: dict[StoryKey, StoryValue] = Field(default_factory=dict, alias="datos")
    variants: tuple[Variant, ...] = Field(default=(), alias="variantes")

    @field_validator("model_paths")
    @classmethod
    def _every_level(cls, value):
        missing = [level for level in DIFFICULTIES if value is not None and level not in value]
        if missing:
            raise ValueError("'camino_modelo' lleva una llamada ejemplar por nivel; falta: "
                             + ", ".join(missing))
        return value

    @field_validator("data")
    @classmethod
    def _story_keys_free(cls, value):
        taken = [name for name in value if name in PLACEHOLDERS]
        if taken:
            raise ValueError(f"{{{taken[0]}}} ya es un marcador de todos los escenarios; use otro nombre "
                             "en 'datos'")
        return value

    def model_path(self, level: str | None = None) -> ModelPath | None:
        """The exemplary call at ``level`` (the scenario's own level by default)."""
        return None if self.model_paths is None else self.model_paths[level or self.difficulty]

    def hang_up_node(self) -> str | None:
        """Where an impatient debtor goes: ``al_colgar`` or the first ``colgo`` ending."""
        if self.hang_up is not None:
            return self.hang_up
        return next((name for name, node in self.nodes.items() if node.ending == "colgo"), None)


def yaml_keys() -> set[str]:
    """Every Spanish key the schema accepts, to suggest one when a key is misspelt."""
    models = (Condition, Branch, Effects, Points, Choice, LineVariant, Promise, TypedRoute, Typed, Node,
              Context, HiddenState, ModelPath, Objective, Variant, Scenario)
    return {field.alias or name for model in models for name, field in model.model_fields.items()}
