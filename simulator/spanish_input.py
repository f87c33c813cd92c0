"""Read the amounts and dates a student types during a role-play call.

Students write the way collectors talk: ``1,700``, ``1.700,50``, ``dos mil quinientos``,
``el sábado``, ``la quincena``. Reading all of them (day first, as in Latin America) keeps the
exercise about negotiation rather than syntax. Anything doubtful is refused with an
:class:`InputError` that quotes what was read and shows a form that works, so the student
simply retypes; no other exception escapes for any text.

Ambiguous amounts: a dot or comma followed by exactly three digits groups thousands
(``1.700`` and ``1,700`` are 1700); followed by one or two digits it is the decimal point
(``1,5`` is 1.50); four or more digits after it (``1.2345``) are refused.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

from simulator.calendar import MONTH_LABELS, WEEKDAY_LABELS, WEEKDAY_NAMES, spanish_date
from simulator.errors import CobranzaError

__all__ = ["MXN", "InputError", "Money", "format_amount", "format_date", "format_number", "format_pesos",
           "parse_amount", "parse_date", "say_amount", "say_date"]

_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal(100_000_000)
_MAX_DAYS = 366
_DATE_HINT = "escriba una fecha como 15/12/2026, 15 de diciembre, el viernes, mañana o en 3 días"

_SMALL = ("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis "
          "diecisiete dieciocho diecinueve veinte veintiuno veintidos veintitres veinticuatro veinticinco "
          "veintiseis veintisiete veintiocho veintinueve").split()
_TENS = "treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
_HUNDREDS = ("ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos "
             "novecientos").split()
_WORDS = {
    **{word: n for n, word in enumerate(_SMALL, 1)},
    **{word: 10 * n for n, word in enumerate(_TENS, 3)},
    **{word: 100 * n for n, word in enumerate(_HUNDREDS, 1)},
    **{word[:-2] + "as": 100 * n for n, word in enumerate(_HUNDREDS[1:], 2)},
    "un": 1, "una": 1, "veintiun": 21, "veintiuna": 21, "cien": 100,
}
_SCALES = {"mil": 1000, "millon": 10**6, "millones": 10**6}

_SPACED_THOUSANDS = re.compile(r"\b[0-9]{1,3}(?: [0-9]{3})+\b")
_NUMERAL = re.compile(r"(?P<int>[0-9]+|[1-9][0-9]{0,2}(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*)"
                      r"(?:(?P<dec>[.,])(?P<frac>[0-9]{1,2}))?")

_PREFIX = re.compile(r"^(?:(?:para|hasta|a|en|dentro de|el|la|este|esta|proximo|proxima|dia)\s+)+")
_SUFFIX = re.compile(r"\s+(?:proximo|proxima|que viene)$")
_OFFSETS = {"hoy": 0, "manana": 1, "pasado manana": 2, "ayer": -1, "antier": -2, "anteayer": -2}
_WEEKDAY_INDEX = {name: i for i, name in enumerate(WEEKDAY_NAMES)}  # unaccented, as typed text is folded
_MONTH_INDEX = {**{m: i for i, m in enumerate(MONTH_LABELS, 1)},
                **{m[:3]: i for i, m in enumerate(MONTH_LABELS, 1)},
                "set": 9, "sept": 9, "setiembre": 9}
_ISO = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
_NUMERIC = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{4}|[0-9]{2}))?")
_TEXTUAL = re.compile(r"(\S+) (?:de )?([a-z]+)(?: (?:del? )?([0-9]{4}))?")
_RELATIVE = re.compile(r"(?:(\S+) )?(dias?|semanas?|mes|meses)")
_END_OF_MONTH = re.compile(r"(?:fin|finales) del? (?:este )?mes")


class InputError(CobranzaError):
    """An amount or date typed in a role-play that cannot be read safely."""


@dataclass(frozen=True)
class Money:
    """How a country writes and says its currency: Mexico writes ``$1,700.00``, Colombia ``$1.700.000``,
    Peru ``S/ 1,700.00``. ``codes`` are the words a learner may type after the amount (``mxn``, ``m.n``)."""

    symbol: str = "$"
    thousands: str = ","
    decimal: str = "."
    decimals: int = 2
    unit: str = "peso"
    units: str = "pesos"
    cents: str = "centavos"
    codes: tuple[str, ...] = ("mxn", "m.n", "mn")

    @property
    def step(self) -> Decimal:
        """The smallest amount written: 0.01, or 1 where cents are not used."""
        return Decimal(1).scaleb(-self.decimals)

    @property
    def hint(self) -> str:
        """The example quoted when an amount cannot be read."""
        return f"escriba una cantidad como {format_amount(Decimal(1700), self)} o 1700"

    def negative(self) -> re.Pattern[str]:
        """A minus sign or ``menos`` at the start, after the symbol if any."""
        return re.compile(rf"^(?:{re.escape(_plain(self.symbol))}\s*)?(?:[-−]|menos\s)")

    def currency(self) -> re.Pattern[str]:
        """The symbol before, or the currency words after, an amount (folded as :func:`_plain` folds)."""
        words = "|".join(re.escape(_plain(word)) for word in (self.unit, self.units, *self.codes))
        symbol = re.escape(_plain(self.symbol))
        return re.compile(rf"^{symbol}\s*|(?:\s+de)?\s+(?:{words})(?:\s+(?:{words}))?$")


#: Mexican pesos, the course's first edition and every function's default.
MXN = Money()


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces, no trailing period: 'Mañana.' and 'manana' read alike."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return " ".join("".join(c for c in decomposed if unicodedata.category(c) != "Mn").split()).rstrip(" .")


def _shown(text: str) -> str:
    """What the student typed, tidied and shortened for quoting back in a message."""
    tidy = " ".join(text.split())
    return tidy if len(tidy) <= 40 else tidy[:40] + "…"


def _numeral(token: str, shown: str, hint: str) -> Decimal:
    """A number in digits, deciding separators by the three-digit rule of the module docstring."""
    match = _NUMERAL.fullmatch(token)
    if not match or (match["sep"] and match["sep"] == match["dec"]):
        raise InputError(f"no pude leer un monto en '{shown}': tras el punto o la coma van uno o dos "
                         f"decimales (1700.50) o grupos de tres dígitos (1,700); {hint}")
    return Decimal(f"{re.sub('[.,]', '', match['int'])}.{match['frac'] or 0}")


def _group(tokens: list[str], shown: str, hint: str) -> Decimal:
    """Value below a scale word: one numeral, or words such as 'quinientos cincuenta y cinco'."""
    if len(tokens) == 1 and tokens[0][0] in "0123456789":
        return _numeral(tokens[0], shown, hint)
    total, room, after_y = 0, 999, False
    for token in tokens:
        if token == "y" and room == 9 and not after_y:
            after_y = True
            continue
        value = _WORDS.get(token)
        if value is None or value > room:
            raise InputError(f"no pude leer un monto en '{shown}'; {hint}")
        total, after_y = total + value, False
        room = 99 if value >= 100 else 9 if value >= 30 and value % 10 == 0 else 0
    if after_y:
        raise InputError(f"no pude leer un monto en '{shown}'; {hint}")
    return Decimal(total)


def _spoken(tokens: list[str], shown: str, hint: str) -> Decimal:
    """Combine groups and scale words, largest scale first: 'un millón doscientos mil', '1.5 mil'."""
    total, group, last_scale = Decimal(0), [], None
    for token in tokens:
        scale = _SCALES.get(token)
        if scale is None:
            group.append(token)
            continue
        if (last_scale is not None and scale >= last_scale) or (not group and scale > 1000):
            raise InputError(f"no pude leer un monto en '{shown}'; {hint}")
        total += (_group(group, shown, hint) if group else 1) * scale
        group, last_scale = [], scale
    return total + (_group(group, shown, hint) if group else 0)


def parse_amount(text: str, money: Money = MXN) -> Decimal:
    """Read an amount in ``money`` as students write it: digits, words or both.

    Args:
        text: e.g. ``1,700.00``, ``1.700,50``, ``$ 1 700``, ``2 mil``, ``mil setecientos``; either
            separator reads in every country, by the three-digit rule of the module docstring.

    Returns:
        The amount, rounded to centavos (to ``money.decimals``).

    Raises:
        InputError: empty, negative, zero, unreadable, ambiguous or over 100,000,000.
    """
    hint = money.hint
    shown = _shown(text)
    if not shown:
        raise InputError(f"no escribió ningún monto; {hint}")
    plain = _plain(text)
    if money.negative().match(plain):
        raise InputError(f"el monto '{shown}' es negativo; {hint}, sin signo de menos")
    plain = re.sub(r"(?<=[0-9])(?=[a-z])", " ", plain)
    plain = _SPACED_THOUSANDS.sub(lambda m: m[0].replace(" ", ""), money.currency().sub("", plain))
    if not plain:
        raise InputError(f"no pude leer un monto en '{shown}'; {hint}")
    value = _spoken(plain.split(), shown, hint)
    if value == 0:
        raise InputError(f"el monto '{shown}' es cero; {hint}")
    if value > _MAX_AMOUNT:
        raise InputError(f"el monto '{shown}' pasa de {format_amount(_MAX_AMOUNT, money)}; revise los ceros "
                         f"y {hint}")
    return value.quantize(_CENT, ROUND_HALF_UP).quantize(money.step, ROUND_HALF_UP)


def _month_after(day: date, months: int) -> tuple[int, int]:
    """Year and month ``months`` after the month of ``day``."""
    index = day.month - 1 + months
    return day.year + index // 12, index % 12 + 1


def _clamped(year: int, month: int, day: int) -> date:
    """That day of the month, or the month's last day when it is shorter (31 in November → 30)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _exact(day: int, month: int, year: int, shown: str) -> date:
    """A calendar date that must exist, refused with the reason when it does not."""
    if not 1 <= month <= 12:
        raise InputError(f"la fecha '{shown}' no existe: no hay mes {month}; escriba primero el día y "
                         "luego el mes, como 15/12/2026")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InputError(f"la fecha '{shown}' no existe: {MONTH_LABELS[month - 1]} de {year} tiene {last} "
                         f"días; escriba un día del 1 al {last}")
    return date(year, month, day)


def _day_month(day: int, month: int, year: str | None, today: date, shown: str) -> date:
    """A day and month; without a year, the next time it comes (today included); '26' is 2026."""
    if year is not None:
        return _exact(day, month, int(year) + (2000 if len(year) == 2 else 0), shown)
    found = _exact(day, month, today.year, shown)
    return found if found >= today else _exact(day, month, today.year + 1, shown)


def _number(token: str) -> int | None:
    """A small count or day written in digits or words ('3', 'tres', 'una', 'primero')."""
    if re.fullmatch(r"[0-9]{1,4}", token):
        return int(token)
    return 1 if token == "primero" else _WORDS.get(token)


def _read_date(plain: str, today: date, shown: str) -> date:
    """Resolve a normalized date expression against today; range checks are the caller's."""
    plain = _SUFFIX.sub("", _PREFIX.sub("", plain))
    if plain in _OFFSETS:
        return today + timedelta(days=_OFFSETS[plain])
    if plain in _WEEKDAY_INDEX:
        return today + timedelta(days=(_WEEKDAY_INDEX[plain] - today.weekday() - 1) % 7 + 1)
    if _END_OF_MONTH.fullmatch(plain):
        return _clamped(today.year, today.month, 31)
    if plain == "quincena":
        paydays = (_clamped(today.year, today.month, 15), _clamped(today.year, today.month, 31))
        return next((d for d in paydays if d >= today), _clamped(*_month_after(today, 1), 15))
    if (match := _RELATIVE.fullmatch(plain)) and (count := _number(match[1] or "1")) is not None:
        if match[2].startswith("mes"):
            return _clamped(*_month_after(today, count), today.day)
        return today + timedelta(days=count * (7 if match[2].startswith("semana") else 1))
    if match := _ISO.fullmatch(plain):
        return _exact(int(match[3]), int(match[2]), int(match[1]), shown)
    if match := _NUMERIC.fullmatch(plain):
        return _day_month(int(match[1]), int(match[2]), match[3], today, shown)
    match = _TEXTUAL.fullmatch(plain)
    if match and match[2] in _MONTH_INDEX and (day := _number(match[1])) is not None:
        return _day_month(day, _MONTH_INDEX[match[2]], match[3], today, shown)
    if (day := _number(plain)) is not None and day <= 99:
        if not 1 <= day <= 31:
            raise InputError(f"la fecha '{shown}' no existe: los meses van del día 1 al 31; "
                             "escriba un día como el 15")
        found = _clamped(today.year, today.month, day)
        return found if found >= today else _clamped(*_month_after(today, 1), day)
    weekday, _, rest = plain.partition(" ")
    if weekday in _WEEKDAY_INDEX and rest:
        found = _read_date(rest, today, shown)
        if found.weekday() != _WEEKDAY_INDEX[weekday]:
            raise InputError(f"la fecha '{shown}' no cuadra: ese día es {format_date(found)}; "
                             "escriba solo la fecha, como 15/12/2026")
        return found
    raise InputError(f"no pude leer una fecha en '{shown}'; {_DATE_HINT}")


def parse_date(text: str, today: date) -> date:
    """Read a payment date as students say it, day before month, relative to the call's date.

    Args:
        text: e.g. ``mañana``, ``el sábado``, ``15/12``, ``15 de diciembre de 2026``, ``en 3 días``,
            ``la quincena`` (the next 15th or month end, today included), ``fin de mes``.
        today: the date of the call.

    Returns:
        The date, from today up to 366 days ahead.

    Raises:
        InputError: empty, unreadable, nonexistent, already past or too far ahead.
    """
    shown = _shown(text)
    if not shown:
        raise InputError(f"no escribió ninguna fecha; {_DATE_HINT}")
    try:
        found = _read_date(_plain(text.replace(",", " ")), today, shown)
    except (ValueError, OverflowError):  # outside the years a date can hold
        raise InputError(f"no pude leer una fecha en '{shown}'; {_DATE_HINT}") from None
    if found < today:
        raise InputError(f"la fecha '{shown}' ({format_date(found)}) ya pasó: hoy es {format_date(today)}; "
                         "escriba una fecha de hoy en adelante, como mañana o el viernes")
    if (found - today).days > _MAX_DAYS:
        raise InputError(f"la fecha '{shown}' ({format_date(found)}) está a más de {_MAX_DAYS} días de hoy; "
                         "escriba una fecha dentro del próximo año")
    return found


def format_number(value: Decimal, money: Money = MXN, decimals: int | None = None) -> str:
    """``value`` with ``money``'s separators and ``decimals`` places (its own by default): ``1.700.000``."""
    places = money.decimals if decimals is None else decimals
    plain = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,.{places}f}"
    return plain.translate(str.maketrans(",.", money.thousands + money.decimal))


def format_amount(value: Decimal, money: Money = MXN) -> str:
    """An amount as the dialogue shows it, e.g. ``$1,700.00``; :func:`parse_amount` reads it back."""
    return f"{money.symbol}{format_number(value, money)}"


def format_pesos(value: float) -> str:
    """A peso amount computed as a float (the negotiation, the exercises), shown as :func:`format_amount`."""
    return format_amount(Decimal(str(round(value, 2))))


def format_date(d: date) -> str:
    """A date as the dialogue says it, e.g. ``sábado 21 de noviembre de 2026``; parse_date reads it back."""
    return f"{spanish_date(d)} de {d.year}"


def say_amount(value: Decimal, money: Money = MXN) -> str:
    """An amount as a debtor says it, e.g. ``mil setecientos pesos``: a person does not speak in forms."""
    cents = value.quantize(money.step, ROUND_HALF_UP)
    pesos, centavos = int(cents), int((cents % 1) * 100)
    words = _before_noun(num2words(pesos, lang="es"))
    of = "de " if words.endswith(("millón", "millones")) else ""
    spoken = f"{words} {of}{money.unit if pesos == 1 else money.units}"
    return spoken + (f" con {_before_noun(num2words(centavos, lang='es'))} {money.cents}" if centavos else "")


def say_date(d: date, today: date) -> str:
    """A date as a debtor says it, e.g. ``viernes 17``, naming the month only when it is not this one."""
    month = "" if (d.year, d.month) == (today.year, today.month) else f" de {MONTH_LABELS[d.month - 1]}"
    return f"{WEEKDAY_LABELS[d.weekday()]} {d.day}{month}"


def _before_noun(words: str) -> str:
    """``uno`` shortens before a noun: un peso, veintiún pesos, treinta y un centavos."""
    if words.endswith("veintiuno"):
        return words[:-len("veintiuno")] + "veintiún"
    return words[:-1] if words.endswith("uno") else words
