"""Unit tests for the compliance guard, the rule kinds, the packs and the loader."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from simulator.calendar import Calendar
from simulator.compliance import (
    ALLOWED,
    Attempt,
    ContactGuard,
    ContactHistory,
    Decision,
    RulePack,
    RuleSpec,
    available_packs,
    load_pack,
    register_rule_kind,
    rule_kinds,
)
from simulator.errors import ComplianceError
from simulator.parameters import load_parameters

PACKS_DIR = Path(__file__).resolve().parents[1] / "simulator" / "compliance" / "packs"
CAL = Calendar()  # day 0 = Monday 2026-01-05
MONDAY, TUESDAY, SATURDAY, SUNDAY = 0, 1, 5, 6

CLASS_OF = {name: channel.contact_class for name, channel in load_parameters().channels.items()}


def at(day: int, hour: int, minute: int = 0) -> float:
    """Simulation time (days) of a local clock time on a simulation day."""
    return day + (hour * 60 + minute) / 1440


def attempt(t: float, channel: str = "llamada", **flags: bool) -> Attempt:
    return Attempt(t, channel, CLASS_OF[channel], **flags)


class Account:
    """One account driven through a guard: executes only what is allowed."""

    def __init__(self, code: str) -> None:
        self.guard = ContactGuard(load_pack(code), CAL)
        self.history = ContactHistory()

    def try_(self, t: float, channel: str = "llamada", talk: bool = False, **flags: bool) -> str:
        a = attempt(t, channel, **flags)
        decision = self.guard.check(self.history, a)
        if decision.allowed:
            self.history.record(a, talk)
        return decision.rule_id


def pack_with(*rules: dict, holidays: tuple[str, ...] = ()) -> RulePack:
    return RulePack.model_validate(
        {
            "code": "XX",
            "name": "Prueba",
            "version": "2026.11",
            "source": "Reglas inventadas para las pruebas",
            "retrieved": "2026-11-23",
            "notes": "Solo para pruebas, no asesoría legal.",
            "holidays": list(holidays),
            "rules": list(rules),
        }
    )


def rule(kind: str, **params: object) -> dict:
    return {"id": f"XX.{kind}", "kind": kind, "description": "Regla de prueba", **params}


def run(pack: RulePack, steps: list[tuple[float, str, bool]]) -> list[str]:
    """Feed (time, channel, conversation) steps through a guard; return the rule ids."""
    guard, history, out = ContactGuard(pack, CAL), ContactHistory(), []
    for t, channel, talk in steps:
        a = attempt(t, channel)
        decision = guard.check(history, a)
        if decision.allowed:
            history.record(a, talk)
        out.append(decision.rule_id)
    return out


# --- attempts and history -------------------------------------------------------------


def test_attempt_rejects_unknown_class() -> None:
    with pytest.raises(ValueError, match="clase de contacto desconocida"):
        Attempt(0.5, "sms", "sms")


def test_history_keeps_time_order_and_skips_non_contacts() -> None:
    h = ContactHistory()
    h.record(attempt(2.0, "sms"), False)
    h.record(attempt(1.0, "llamada"), True)  # recorded late
    h.record(attempt(2.0, "email"), False)
    h.record(attempt(3.0, "buro"), False)  # not a contact
    assert [e.time_days for e in h] == [1.0, 2.0, 2.0]
    assert [e.channel for e in h.since(1.0)] == ["sms", "email"]
    assert [h.count_since(t) for t in (0.5, 1.0, 2.0)] == [len(h.since(t)) for t in (0.5, 1.0, 2.0)]
    assert [h.count_since(t) for t in (0.5, 1.0, 2.0)] == [3, 2, 0]
    assert h.last_time() == 2.0 and len(h) == 3


# --- packs ----------------------------------------------------------------------------


def test_available_packs_and_default() -> None:
    assert available_packs() == ["CL", "CO", "EC", "MX", "PE", "US"]
    assert load_pack().code == "MX"
    assert load_pack("co").code == "CO"


@pytest.mark.parametrize("code", ["CL", "CO", "EC", "MX", "PE", "US"])
def test_pack_metadata(code: str) -> None:
    pack = load_pack(code)
    assert pack.code == code
    assert re.fullmatch(r"\d{4}\.\d{1,2}", pack.version)
    assert "asesoría legal" in pack.notes
    assert pack.retrieved.year >= 2026 and len(pack.source) > 20
    for year in (2026, 2027):
        assert sum(d.year == year for d in pack.holidays) >= 7
    assert dt.date(year=2026, month=1, day=1) in pack.holidays
    assert all(r.id.startswith(code + ".") for r in pack.rules)
    kinds = {r.kind for r in pack.rules}
    assert {"no_third_party", "no_threats", "contact_hours"} <= kinds


def test_every_shipped_kind_is_registered() -> None:
    used = {r.kind for code in available_packs() for r in load_pack(code).rules}
    expected = {
        "contact_hours",
        "max_attempts",
        "min_gap_days",
        "max_channels",
        "gap_after_conversation",
        "requires_consent",
        "no_third_party",
        "identification",
        "no_threats",
    }
    assert used == expected
    assert expected <= set(rule_kinds())


def test_load_by_path(tmp_path: Path) -> None:
    target = tmp_path / "mi_pais.yaml"
    target.write_text((PACKS_DIR / "pe.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_pack(target).code == "PE"
    assert load_pack(str(target)).rule_ids == load_pack("PE").rule_ids


def test_unknown_code_lists_available() -> None:
    with pytest.raises(ComplianceError) as err:
        load_pack("AR")
    text = str(err.value)
    assert "'AR'" in text and "CL, CO, EC, MX, PE, US" in text


def test_missing_file() -> None:
    with pytest.raises(ComplianceError, match="no se encontró"):
        load_pack("/no/existe/paquete.yaml")


# Each case: (text to replace in co.yaml, replacement, marker on the expected line, field)
BROKEN = [
    ("max_attempts: 1", "max_attempts: uno", "max_attempts: uno", "rules[5].max_attempts"),
    ("max_channels: 1\n", "max_channels: 1\n    maximo: 3\n", "maximo: 3", "rules[6].maximo"),
    ("kind: max_channels", "kind: max_canales", "kind: max_canales", "rules[6].kind"),
    ('sabado: ["08:00-15:00"]', 'sabadoo: ["08:00-15:00"]', "sabadoo", "rules[4].hours.sabadoo"),
    ('sabado: ["08:00-15:00"]', 'sabado: ["15:00-08:00"]', "15:00-08:00",
     "rules[4].hours.sabado[1]"),
    ('version: "2026.11"', "version: 2026.11", "version: 2026.11", "version"),
    ("id: CO.amenazas", "id: CO.terceros", "- id: CO.terceros\n    kind: no_threats",
     "rules[2].id"),
    ("id: CO.amenazas", "id: MX.amenazas", "id: MX.amenazas", "rules[2].id"),
    ("classes: [call, visit, message]", "classes: [call, none]", "classes: [call, none]",
     "rules[4].classes"),
    ("window_days: 1\n", "window_days: -1\n", "window_days: -1", "rules[5].window_days"),
    ("    window_days: 7\n", "", "- id: CO.un_canal_semanal", "rules[6].window_days"),
    ("classes: [call, visit, message]", "classes:\n      llamada: 1", "classes:\n      llamada",
     "rules[4].classes"),
    ("holidays_allowed: false", "holidays_allowed: quizas", "holidays_allowed: quizas",
     "rules[4].holidays_allowed"),
]  # fmt: skip


def _line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "marker", "field"), BROKEN)
def test_malformed_pack_is_located(tmp_path: Path, old: str, new: str, marker: str, field: str) -> None:
    source = (PACKS_DIR / "co.yaml").read_text(encoding="utf-8")
    assert old in source
    broken = source.replace(old, new, 1)
    target = tmp_path / "co_roto.yaml"
    target.write_text(broken, encoding="utf-8")
    with pytest.raises(ComplianceError) as err:
        load_pack(target)
    e = err.value
    assert e.file == str(target)
    assert e.field == field
    assert e.line == _line_of(broken, marker)
    assert str(target) in str(e) and f"línea {e.line}" in str(e)
    assert not re.search(r"\b(Input should|Field required|Extra inputs)\b", str(e))  # Spanish


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("code: MX\nrules: [\n  - a\n", 3, "YAML"),
        ("", 1, "mapa"),
        ("- a\n- b\n", 1, "mapa"),
        ("code: MX\nholidays:\n  - 2026-13-01\n", 3, "2026-13-01"),
    ],
)
def test_unreadable_yaml_is_located(tmp_path: Path, text: str, line: int, words: str) -> None:
    target = tmp_path / "roto.yaml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(ComplianceError) as err:
        load_pack(target)
    assert err.value.line == line and words in str(err.value)


def test_missing_top_level_field_points_at_file_start(tmp_path: Path) -> None:
    source = (PACKS_DIR / "pe.yaml").read_text(encoding="utf-8")
    target = tmp_path / "sin_fuente.yaml"
    target.write_text(re.sub(r"(?ms)^source: .*?^retrieved", "retrieved", source), "utf-8")
    with pytest.raises(ComplianceError, match="falta este campo") as err:
        load_pack(target)
    assert err.value.field == "source"


# --- rule kinds -----------------------------------------------------------------------

HOURS = rule("contact_hours", hours={"lunes": ["09:00-12:00", "14:00-18:00"], "Sábado": ["10:00-11:00"]})


def test_contact_hours_edges_days_and_scope() -> None:
    pack = pack_with(HOURS, holidays=("2026-01-12",))
    blocked = "XX.contact_hours"
    cases = [
        (at(MONDAY, 8, 59), "llamada", blocked),
        (at(MONDAY, 9), "llamada", ALLOWED),
        (at(MONDAY, 11, 59), "sms", ALLOWED),
        (at(MONDAY, 12), "visita", blocked),
        (at(MONDAY, 14), "llamada", ALLOWED),
        (at(MONDAY, 18), "llamada", blocked),
        (at(TUESDAY, 10), "llamada", blocked),  # weekday absent
        (at(SATURDAY, 10, 30), "whatsapp", ALLOWED),  # accents in keys are accepted
        (at(SUNDAY, 10), "llamada", blocked),
        (at(7, 10), "llamada", blocked),  # Monday 2026-01-12 is a holiday
        (at(MONDAY, 3), "carta", ALLOWED),  # letters are not in the default classes
        (at(SUNDAY, 3), "buro", ALLOWED),  # not a contact
    ]
    guard, history = ContactGuard(pack, CAL), ContactHistory()
    for t, channel, expected in cases:
        assert guard.check(history, attempt(t, channel)).rule_id == expected, (t, channel)


def test_contact_hours_holidays_allowed_and_channel_scope() -> None:
    pack = pack_with(
        rule(
            "contact_hours",
            classes=[],
            channels=["whatsapp"],
            hours={"lunes": ["09:00-18:00"]},
            holidays_allowed=True,
        ),
        holidays=("2026-01-12",),
    )
    assert run(pack, [(at(7, 10), "whatsapp", False)]) == [ALLOWED]
    assert run(pack, [(at(7, 20), "whatsapp", False), (at(7, 20), "sms", False)]) == [
        "XX.contact_hours",
        ALLOWED,
    ]


def test_max_attempts_rolling_window() -> None:
    pack = pack_with(rule("max_attempts", classes=["call"], max_attempts=2, window_days=7))
    steps = [
        (at(0, 10), "llamada", False),
        (at(1, 10), "ivr", False),
        (at(2, 10), "llamada", False),  # third call within 7 days
        (at(2, 11), "sms", False),  # messages are not counted
        (at(7, 10), "llamada", False),  # the day-0 call left the window exactly now
        (at(7, 11), "llamada", False),  # day-1 and day-7 calls are inside
        (at(8, 10), "llamada", False),  # day-1 call left; day-7 inside -> allowed
    ]
    assert run(pack, steps) == [ALLOWED, ALLOWED, "XX.max_attempts", ALLOWED, ALLOWED,
                                "XX.max_attempts", ALLOWED]  # fmt: skip


def test_min_gap_days() -> None:
    pack = pack_with(rule("min_gap_days", classes=["message", "letter"], gap_days=2))
    steps = [
        (at(0, 10), "sms", False),
        (at(1, 10), "carta", False),
        (at(1, 11), "llamada", False),
        (at(2, 9, 59), "email", False),
        (at(2, 10), "email", False),
    ]
    assert run(pack, steps) == ["permitido", "XX.min_gap_days", ALLOWED, "XX.min_gap_days",
                                ALLOWED]  # fmt: skip


def test_max_channels_counts_the_attempts_own_channel() -> None:
    pack = pack_with(rule("max_channels", max_channels=2, window_days=7))
    steps = [
        (at(0, 10), "sms", False),
        (at(1, 10), "sms", False),
        (at(1, 11), "llamada", False),
        (at(2, 10), "email", False),  # third distinct channel
        (at(2, 11), "llamada", False),  # already used
        (at(7, 10), "email", False),  # day-0 sms out, but day-1 sms and llamada still in
        (at(8, 11), "email", False),  # only llamada (day 2) left in the window
    ]
    assert run(pack, steps) == [ALLOWED, ALLOWED, ALLOWED, "XX.max_channels", ALLOWED,
                                "XX.max_channels", ALLOWED]  # fmt: skip


def test_gap_after_conversation_only_after_talks_on_listed_classes() -> None:
    pack = pack_with(rule("gap_after_conversation", classes=["call"], after_classes=["call"], gap_days=7))
    steps = [
        (at(0, 10), "llamada", False),  # no conversation
        (at(1, 10), "llamada", True),  # conversation
        (at(2, 10), "sms", True),  # messages are neither blocked nor triggers
        (at(4, 10), "ivr", False),
        (at(8, 9), "llamada", False),
        (at(8, 10), "llamada", False),
    ]
    assert run(pack, steps) == [ALLOWED, ALLOWED, ALLOWED, "XX.gap_after_conversation",
                                "XX.gap_after_conversation", ALLOWED]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "flag", "bad"),
    [
        ("requires_consent", "consented", False),
        ("no_third_party", "to_third_party", True),
        ("identification", "identified", False),
        ("no_threats", "threatening", True),
    ],
)
def test_flag_rules(kind: str, flag: str, bad: bool) -> None:
    guard = ContactGuard(pack_with(rule(kind, classes=["message"])), CAL)
    h = ContactHistory()
    assert guard.check(h, attempt(at(0, 10), "sms", **{flag: bad})).rule_id == f"XX.{kind}"
    assert guard.check(h, attempt(at(0, 10), "sms", **{flag: not bad})).allowed
    assert guard.check(h, attempt(at(0, 10), "llamada", **{flag: bad})).allowed  # out of scope
    assert guard.check(h, attempt(at(0, 10), "buro", **{flag: bad})).allowed  # not a contact


def test_first_rule_in_pack_order_and_all_broken_rules() -> None:
    pack = pack_with(
        rule("no_threats"),
        rule("contact_hours", hours={"lunes": ["09:00-18:00"]}),
        rule("no_third_party"),
    )
    guard, h = ContactGuard(pack, CAL), ContactHistory()
    a = attempt(at(SUNDAY, 23), "llamada", to_third_party=True, threatening=True)
    assert guard.check(h, a) == Decision(False, "XX.no_threats")
    assert guard.broken_rules(h, a) == ["XX.no_threats", "XX.contact_hours", "XX.no_third_party"]
    assert guard.check(h, attempt(at(MONDAY, 10))) == Decision(True, ALLOWED)


@pytest.mark.parametrize("code", ["CL", "CO", "EC", "MX", "PE", "US"])
def test_check_by_scope_matches_every_rule_in_pack_order(code: str) -> None:
    """The guard picks the rules covering a (class, channel) once; it must still
    answer the first broken rule of the whole pack, for every channel and time."""
    rng = random.Random(code)
    guard, history = ContactGuard(load_pack(code), CAL), ContactHistory()
    channels = sorted(CLASS_OF)
    blocked = 0
    for step in range(600):
        a = attempt(step * 0.2 + rng.random() * 0.2, rng.choice(channels),
                    consented=rng.random() < 0.8, to_third_party=rng.random() < 0.1)
        broken = guard.broken_rules(history, a)
        decision = guard.check(history, a)
        assert decision.rule_id == (broken[0] if broken else ALLOWED)
        blocked += not decision.allowed
        if decision.allowed and rng.random() < 0.7:
            history.record(a, rng.random() < 0.3)
    assert len(history) >= 20 and blocked >= 30  # both answers were exercised


def test_rule_kind_validation_messages() -> None:
    with pytest.raises(ValueError, match="no cubre nada"):
        pack_with(rule("no_threats", classes=[]))
    with pytest.raises(ValueError, match="ya está registrado"):
        register_rule_kind("no_threats")(RuleSpec)


# --- the packs' own rules -------------------------------------------------------------


WEEKDAYS_5 = {0: ("07:00", "22:00"), 1: ("07:00", "22:00"), 2: ("07:00", "22:00"),
              3: ("07:00", "22:00"), 4: ("07:00", "22:00")}  # fmt: skip
HOURS_BY_PACK = {
    "MX": WEEKDAYS_5,
    "CO": {**{d: ("07:00", "19:00") for d in range(5)}, 5: ("08:00", "15:00")},
    "CL": {d: ("08:00", "20:00") for d in range(6)},
    "PE": {d: ("07:00", "20:00") for d in range(5)},
    "EC": {d: ("07:00", "20:00") for d in range(5)},
    "US": {d: ("08:00", "21:00") for d in range(7)},
}


@pytest.mark.parametrize("code", sorted(HOURS_BY_PACK))
def test_pack_hours_week_by_week(code: str) -> None:
    """Opening and closing minute of every weekday, in a week without holidays."""
    guard = ContactGuard(load_pack(code), CAL)
    week = 14  # Monday 2026-01-19 (a US holiday, where holidays are allowed)

    def allowed(day: int, clock: str, channel: str) -> bool:
        hour, minute = (int(part) for part in clock.split(":"))
        t = at(week + day, hour, minute)
        return guard.check(ContactHistory(), attempt(t, channel)).allowed

    for day in range(7):
        for channel in ("llamada", "visita", "sms"):
            if day not in HOURS_BY_PACK[code]:
                assert not any(allowed(day, f"{h:02d}:00", channel) for h in range(24))
                continue
            opens, closes = HOURS_BY_PACK[code][day]
            o_h, c_h = int(opens[:2]), int(closes[:2])  # all edges are on the hour
            assert not allowed(day, f"{o_h - 1:02d}:59", channel), (day, channel)
            assert allowed(day, opens, channel), (day, channel)
            assert allowed(day, f"{c_h - 1:02d}:59", channel), (day, channel)
            assert not allowed(day, closes, channel), (day, channel)
        assert allowed(day, "03:00", "carta")  # letters are never time-bound


def test_mx_hours() -> None:
    mx = Account("MX")
    assert mx.try_(at(SATURDAY, 10)) == "MX.horario"
    assert mx.try_(at(SUNDAY, 12), "sms") == "MX.horario"
    assert mx.try_(at(TUESDAY, 21, 59)) == ALLOWED
    assert mx.try_(at(TUESDAY, 22)) == "MX.horario"
    assert mx.try_(at(TUESDAY, 6, 59)) == "MX.horario"
    assert mx.try_(at(TUESDAY, 7)) == ALLOWED
    assert mx.try_(at(28, 10)) == "MX.horario"  # Monday 2026-02-02, Constitution Day
    assert mx.try_(at(SUNDAY, 3), "carta") == ALLOWED  # letters are not time-bound
    assert mx.try_(at(TUESDAY, 12), "sms", consented=False) == "MX.datos_autorizados"
    assert mx.try_(at(TUESDAY, 12), identified=False) == "MX.identificacion"


def test_co_frequency_channels_and_hours() -> None:
    co = Account("CO")
    assert co.try_(at(TUESDAY, 9), "sms") == ALLOWED
    assert co.try_(at(TUESDAY, 16), "sms") == "CO.un_contacto_diario"
    assert co.try_(at(TUESDAY, 16), "llamada") == "CO.un_contacto_diario"
    assert co.try_(at(3, 9), "llamada") == "CO.un_canal_semanal"  # Thursday, other channel
    assert co.try_(at(3, 9), "sms") == ALLOWED  # same channel, two days later
    assert co.try_(at(SATURDAY, 14, 59), "sms") == ALLOWED
    assert co.try_(at(7, 10), "sms") == "CO.horario"  # Monday 2026-01-12, Epiphany (moved)
    assert co.try_(at(8, 14), "sms") == ALLOWED  # Tuesday
    assert co.try_(at(12, 15), "sms") == "CO.horario"  # Saturday 15:00
    assert co.try_(at(13, 10), "sms") == "CO.horario"  # Sunday
    assert co.try_(at(16, 10), "email", consented=False) == "CO.canal_autorizado"


def test_cl_calls_visits_and_other_channels() -> None:
    calls = Account("CL")
    assert calls.try_(at(MONDAY, 10)) == ALLOWED
    assert calls.try_(at(3, 10), "visita") == "CL.llamada_visita_semanal"
    assert calls.try_(at(7, 9, 59)) == "CL.llamada_visita_semanal"
    assert calls.try_(at(7, 10)) == ALLOWED  # exactly seven days later
    assert calls.try_(at(7, 11), "sms") == ALLOWED  # other channels have their own limit
    assert calls.try_(at(12, 19, 59), "visita") == "CL.llamada_visita_semanal"
    assert calls.try_(at(13, 10)) == "CL.horario"  # Sunday
    other = Account("CL")
    assert other.try_(at(MONDAY, 11), "sms") == ALLOWED
    assert other.try_(at(TUESDAY, 11), "email") == "CL.separacion_otros_medios"
    assert other.try_(at(2, 11), "carta") == ALLOWED  # exactly two days later
    assert other.try_(at(4, 12), "whatsapp") == "CL.otros_medios_semanal"  # third in a week
    assert other.try_(at(SUNDAY, 10), "sms") == "CL.horario"


def test_pe_hours() -> None:
    pe = Account("PE")
    assert pe.try_(at(MONDAY, 19, 59), "visita") == ALLOWED
    assert pe.try_(at(MONDAY, 20)) == "PE.horario"
    assert pe.try_(at(SATURDAY, 10)) == "PE.horario"
    assert pe.try_(at(SATURDAY, 10), "carta") == ALLOWED
    assert pe.try_(at(87, 10)) == "PE.horario"  # Thursday 2026-04-02, Holy Thursday


def test_us_call_frequency_and_conversation_gap() -> None:
    us = Account("US")
    for day in range(7):
        assert us.try_(at(day, 9)) == ALLOWED
    assert us.try_(at(6, 20)) == "US.siete_llamadas"  # 8th call in 7 days
    assert us.try_(at(6, 20), "sms") == ALLOWED
    assert us.try_(at(7, 9)) == ALLOWED  # the first call just left the window
    talk = Account("US")
    assert talk.try_(at(MONDAY, 10), talk=True) == ALLOWED
    assert talk.try_(at(3, 10)) == "US.tras_conversacion"
    assert talk.try_(at(3, 10), "email") == ALLOWED
    assert talk.try_(at(7, 10)) == ALLOWED
    assert talk.try_(at(13, 10), "sms") == ALLOWED  # Sunday is fine
    assert talk.try_(at(14, 21), "sms") == "US.horario"
    assert talk.try_(at(14, 12), "email", consented=False) == "US.exclusion_electronica"
    assert Account("US").try_(at(14, 12)) == ALLOWED  # MLK Day 2026-01-19 is allowed


def test_ec_one_contact_a_day() -> None:
    ec = Account("EC")
    assert ec.try_(at(MONDAY, 10), "sms") == ALLOWED
    assert ec.try_(at(MONDAY, 15)) == "EC.un_contacto_diario"
    assert ec.try_(at(MONDAY, 16), "visita") == ALLOWED  # the law counts phone and messages
    assert ec.try_(at(TUESDAY, 10)) == ALLOWED
    assert ec.try_(at(TUESDAY, 20)) == "EC.horario"
    assert ec.try_(at(3, 10), identified=False) == "EC.identificacion"


@pytest.mark.parametrize("code", ["CL", "CO", "EC", "MX", "PE", "US"])
def test_third_parties_and_threats_blocked_everywhere(code: str) -> None:
    guard, h = ContactGuard(load_pack(code), CAL), ContactHistory()
    for channel in ("llamada", "visita", "sms", "carta"):
        a = attempt(at(TUESDAY, 12), channel, to_third_party=True)
        assert guard.check(h, a).rule_id == f"{code}.terceros"
        a = attempt(at(TUESDAY, 12), channel, threatening=True)
        assert guard.check(h, a).rule_id == f"{code}.amenazas"
    assert guard.check(h, attempt(at(TUESDAY, 12), "buro", to_third_party=True)).allowed
