"""What the collector and the debtor say, in neutral Latin-American Spanish.

The engine decides; these functions only put the decision into words, so the
wording can be improved without touching the model. The collector's offers are
written as the role-play writes them (``$1,700.00``, ``sábado 14 de marzo de
2026``); the debtor speaks as a person does (``mil setecientos pesos el
viernes 13, que es cuando me pagan``), with the phrasings of
``frases_deudor.yaml``, picked by a hash of the call and the turn so that the
same call reads the same and no random stream of the model is touched.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from num2words import num2words
from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.behaviour.paydays import is_payday
from simulator.errors import NegotiationError
from simulator.negotiation.debtor import Account
from simulator.negotiation.model import ReplyKind
from simulator.negotiation.offers import Abono, Aceptar, Escuchar, Liquidacion, Offer, Plan, Terminar
from simulator.spanish_input import format_date, format_pesos, say_amount, say_date
from simulator.yaml_lines import load_located_yaml, validate_located

__all__ = ["PHRASES_FILE", "DebtorVoice", "Phrases", "collector_line", "describe", "load_phrases", "pesos",
           "times"]

PHRASES_FILE = Path(__file__).with_name("frases_deudor.yaml")
#: Fewest phrasings of one move in one tone, so a learner does not hear a form.
MIN_PHRASINGS = 5
_ANGRY = {"enojado", "resistente"}
_EVASIVE = {"evasivo"}
#: Below this sense of fairness a calm debtor sounds tense.
_TENSE_BELOW = 0.4
_TONES = ("sereno", "tenso", "enojado")
Lines = tuple[str, ...]


def _payments(count: int) -> str:
    return f"{count} pago" if count == 1 else f"{count} pagos"


def pesos(value: float) -> str:
    """Whole pesos, as a debrief says an amount: ``$1,700``."""
    return f"${value:,.0f}"


def times(count: int, one: str, many: str) -> str:
    """``1 vez`` / ``3 veces``: a count with its noun in the right number."""
    return f"{count} {one if count == 1 else many}"


def describe(offer: Offer, balance_mxn: float) -> str:
    """An offer in words, e.g. ``un abono de $1,700.00 el sábado 14 de marzo de 2026``."""
    if isinstance(offer, Abono):
        return f"un abono de {format_pesos(offer.amount_mxn)} el {format_date(offer.date)}"
    if isinstance(offer, Liquidacion):
        amount = balance_mxn * (1.0 - offer.discount_pct / 100.0)
        return (f"liquidar con {offer.discount_pct:g} % de descuento: {format_pesos(amount)} "
                f"el {format_date(offer.date)}")
    if isinstance(offer, Plan):
        return (f"un plan de {_payments(offer.instalments)} de {format_pesos(offer.amount_mxn)}, el "
                f"primero el {format_date(offer.first_date)} y luego cada {offer.every_days} días")
    return type(offer).__name__


def collector_line(offer: Offer, balance_mxn: float) -> str:
    """The collector's words for a move."""
    if isinstance(offer, Escuchar):
        return "Cuénteme, ¿cómo está su situación y qué puede hacer para ponerse al corriente?"
    if isinstance(offer, Aceptar):
        return "De acuerdo, tomo su propuesta."
    if isinstance(offer, Terminar):
        return "Gracias por su tiempo; quedo pendiente de su llamada."
    return f"Le propongo {describe(offer, balance_mxn)}."


class _ByTone(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sereno: Lines = Field(min_length=MIN_PHRASINGS)
    tenso: Lines = Field(min_length=MIN_PHRASINGS)
    enojado: Lines = Field(min_length=MIN_PHRASINGS)

    def of(self, tone: str) -> Lines:
        return getattr(self, tone)


class Phrases(BaseModel):
    """The debtor's phrasings by move and tone (see ``frases_deudor.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    acepta: _ByTone
    cuelga: _ByTone
    rechaza: _ByTone
    apertura: _ByTone
    contraoferta: _ByTone
    evasiva: Lines = Field(min_length=MIN_PHRASINGS)
    titubeo: Lines = Field(min_length=MIN_PHRASINGS)
    repite: Lines = Field(min_length=MIN_PHRASINGS)

    @field_validator("apertura", "contraoferta")
    @classmethod
    def _say_the_proposal(cls, value: _ByTone) -> _ByTone:
        for tone in _TONES:
            for line in value.of(tone):
                if line.count("{propuesta}") != 1 or line.replace("{propuesta}", "").count("{"):
                    raise ValueError(f"cada frase lleva {{propuesta}} una vez y ninguna otra marca: {line!r}")
                if line.split("{propuesta}")[0].rstrip()[-1:] in ("", ".", "?", "!"):
                    raise ValueError(f"{{propuesta}} no puede abrir una oración: {line!r}")
        return value

    @field_validator("evasiva")
    @classmethod
    def _say_the_amount(cls, value: Lines) -> Lines:
        for line in value:
            if line.count("{monto}") != 1 or line.replace("{monto}", "").count("{"):
                raise ValueError(f"cada evasiva lleva {{monto}} una vez y ninguna otra marca: {line!r}")
        return value


@cache
def load_phrases(path: Path = PHRASES_FILE) -> Phrases:
    """The debtor's phrasings, checked once per process."""
    located = load_located_yaml(path, NegotiationError)
    return validate_located(Phrases, located, NegotiationError, str(path))


def _spokenformat_pesos(value: float) -> str:
    return say_amount(Decimal(round(value)))


def _after(prefix: str, text: str) -> str:
    """``prefix`` then ``text`` with its first letter in lower case (after any ``¿`` or ``¡``)."""
    marks = len(text) - len(text.lstrip("¿¡"))
    return prefix + text[:marks] + text[marks:marks + 1].lower() + text[marks + 1:]


@dataclass(frozen=True)
class DebtorVoice:
    """One debtor as a speaker: tone from its persona and the call's mood, dates said from its paydays."""

    persona: str
    account: Account

    def _pick(self, lines: Lines, *key: object) -> str:
        """The same line for the same call, turn and move; different ones as the call goes on."""
        digest = zlib.crc32("|".join(map(str, (self.account.account_id, *key))).encode())
        return lines[digest % len(lines)]

    def _tone(self, fairness: float) -> str:
        if self.persona in _ANGRY:
            return "enojado"
        return "tenso" if fairness < _TENSE_BELOW else "sereno"

    def _when(self, date: dt.date | int) -> str:
        today = self.account.today
        day = date if isinstance(date, dt.date) else today + dt.timedelta(days=date)
        if day == today:
            return "hoy mismo"
        if day == today + dt.timedelta(days=1):
            return "mañana"
        said = f"el {say_date(day, today)}"
        if is_payday(day, self.account.income_cycle, self.account.payday):
            return f"{said}, que es cuando me pagan"
        return said

    def proposal(self, offer: Offer) -> str:
        """An offer as the debtor says it, e.g. ``mil setecientos pesos el viernes 13``."""
        if isinstance(offer, Abono):
            return f"{_spokenformat_pesos(offer.amount_mxn)} {self._when(offer.date)}"
        if isinstance(offer, Plan):
            count = ("un solo pago" if offer.instalments == 1
                     else f"{num2words(offer.instalments, lang='es')} pagos")
            every = {7: "cada semana", 14: "cada catorce días", 15: "cada quincena", 30: "cada mes"}.get(
                offer.every_days, f"cada {num2words(offer.every_days, lang='es')} días")
            often = "" if offer.instalments == 1 else f" {every}"
            return (f"{count} de {_spokenformat_pesos(offer.amount_mxn)}{often}, "
                    f"empezando {self._when(offer.first_date)}")
        if isinstance(offer, Liquidacion):
            amount = self.account.balance_mxn * (1.0 - offer.discount_pct / 100.0)
            percent = num2words(round(offer.discount_pct), lang="es")
            return (f"el total con el {percent} por ciento de descuento, o sea unos "
                    f"{_spokenformat_pesos(amount)}, {self._when(offer.date)}")
        raise NegotiationError(f"el deudor no propone {type(offer).__name__}")

    def line(self, kind: ReplyKind, counter: Offer | None, *, turn: int, fairness: float,
             evasive: bool = False, opening: bool = False, repeat: bool = False) -> str:
        """The debtor's answer: ``acepta``, ``contraoferta``, ``rechaza`` or ``cuelga``."""
        phrases, tone = load_phrases(), self._tone(fairness)
        if kind in (ReplyKind.ACEPTA, ReplyKind.CUELGA):
            table = phrases.acepta if kind == ReplyKind.ACEPTA else phrases.cuelga
            return self._pick(table.of(tone), turn, kind)
        if kind == ReplyKind.RECHAZA or counter is None:
            return self._pick(phrases.rechaza.of(tone), turn, kind)
        if evasive:
            amount = counter.amount_mxn if isinstance(counter, Abono | Plan) else 0.0
            text = self._pick(phrases.evasiva, turn).format(monto=f"unos {_spokenformat_pesos(amount)}")
        else:
            table = phrases.apertura if opening else phrases.contraoferta
            text = self._pick(table.of(tone), turn, kind, opening).format(propuesta=self.proposal(counter))
        if self.persona in _EVASIVE and not repeat:
            text = _after(self._pick(phrases.titubeo, turn, "titubeo"), text)
        return _after(self._pick(phrases.repite, turn, "repite"), text) if repeat else text
