"""The independent audit: unit cases, and properties showing it agrees with the guard."""

from __future__ import annotations

import ast
import datetime as dt
import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.calendar import Calendar
from simulator.compliance import (
    Attempt,
    ContactGuard,
    ContactHistory,
    RulePack,
    audit_contacts,
    available_packs,
    load_pack,
    register_rule_kind,
    rule_kinds,
)
from simulator.compliance import audit as audit_module
from simulator.compliance import kinds as kinds_module
from simulator.compliance.rules import RuleSpec
from simulator.errors import ComplianceError
from simulator.parameters import load_parameters

ROOT = Path(__file__).resolve().parents[1]
CAL = Calendar()  # day 0 = Monday 2026-01-05
CAL_YEAR_END = Calendar(start=dt.date(2026, 12, 14))  # Christmas and New Year inside
COLUMNS = ["account_id", "time_days", "channel", "rule_id"]
CLASS_OF = {name: channel.contact_class for name, channel in load_parameters().channels.items()}
PACKS = {code: load_pack(code) for code in available_packs()}
# A made-up pack that exercises what the shipped ones do not: channel scopes,
# several ranges a day, other classes after a conversation, limits above one.
PACKS["XX"] = RulePack.model_validate(
    {
        "code": "XX",
        "name": "Sintético",
        "version": "2026.11",
        "source": "Reglas inventadas para las pruebas de propiedades",
        "retrieved": "2026-11-23",
        "notes": "Solo para pruebas, no asesoría legal.",
        "holidays": ["2026-01-06", "2026-12-24", "2027-01-01"],
        "rules": [
            {"id": "XX.horas", "kind": "contact_hours", "description": "Horario partido de prueba",
             "classes": ["visit"], "channels": ["whatsapp", "carta"],
             "hours": {"lunes": ["08:00-12:30", "15:00-19:00"], "sabado": ["09:00-10:00"]}},
            {"id": "XX.whatsapp", "kind": "max_attempts", "description": "Dos WhatsApp en tres días",
             "classes": [], "channels": ["whatsapp"], "max_attempts": 2, "window_days": 3},
            {"id": "XX.pausa", "kind": "min_gap_days", "description": "Pausa de medio día",
             "classes": [], "channels": ["email", "carta"], "gap_days": 0.5},
            {"id": "XX.canales", "kind": "max_channels", "description": "Dos canales en cinco días",
             "classes": ["call", "message"], "max_channels": 2, "window_days": 5},
            {"id": "XX.charla", "kind": "gap_after_conversation", "description": "Pausa tras hablar",
             "classes": ["message", "visit"], "after_classes": ["visit", "message"], "gap_days": 2},
            {"id": "XX.ivr", "kind": "requires_consent", "description": "IVR solo con permiso",
             "classes": [], "channels": ["ivr"]},
            {"id": "XX.identidad", "kind": "identification", "description": "Identificarse en visitas",
             "classes": ["visit"]},
        ],
    }
)  # fmt: skip


def at(day: int, hour: int, minute: int = 0) -> float:
    return day + (hour * 60 + minute) / 1440


def row(account: object, t: float, channel: str, conversation: bool = False, **flags: bool) -> dict:
    base = {"consented": True, "to_third_party": False, "identified": True, "threatening": False}
    return {
        "account_id": account,
        "time_days": t,
        "channel": channel,
        "contact_class": CLASS_OF[channel],
        **base,
        **flags,
        "conversation": conversation,
    }


def table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(audit_module.INPUT_COLUMNS))


def found(contacts: pd.DataFrame, code: str, calendar: Calendar = CAL) -> list[tuple]:
    out = audit_contacts(contacts, PACKS[code], calendar)
    assert list(out.columns) == COLUMNS
    return list(out.itertuples(index=False, name=None))


# --- unit cases -----------------------------------------------------------------------


def test_empty_and_compliant_tables_give_no_rows() -> None:
    assert found(table(), "MX") == []
    assert found(table(row(1, at(1, 10), "llamada"), row(1, at(2, 10), "sms")), "MX") == []


def test_violations_are_listed_per_contact_and_rule_in_order() -> None:
    contacts = table(
        row("A", at(5, 10), "llamada", to_third_party=True),  # Saturday, to a reference
        row("A", at(1, 22), "sms"),  # Tuesday 22:00
        row("B", at(1, 12), "visita", identified=False),
        row("B", at(6, 3), "buro", to_third_party=True),  # not a contact: never audited
    )
    assert found(contacts, "MX") == [
        ("A", at(5, 10), "llamada", "MX.terceros"),
        ("A", at(5, 10), "llamada", "MX.horario"),
        ("A", at(1, 22), "sms", "MX.horario"),
        ("B", at(1, 12), "visita", "MX.identificacion"),
    ]


def test_frequency_rules_are_per_account_and_count_ties_in_table_order() -> None:
    contacts = table(
        row(1, at(1, 9), "sms"),
        row(2, at(1, 9), "sms"),  # another account: independent
        row(1, at(1, 9), "sms"),  # same instant: the second one is the extra contact
        row(1, at(3, 9), "llamada"),  # other channel in the same week
        row(1, at(2, 9), "sms"),  # out of time order in the table: sorted by time first
    )
    assert found(contacts, "CO") == [
        (1, at(1, 9), "sms", "CO.un_contacto_diario"),
        (1, at(3, 9), "llamada", "CO.un_canal_semanal"),
    ]


def test_us_conversation_gap_and_holidays() -> None:
    contacts = table(
        row(7, at(14, 10), "llamada", conversation=True),  # MLK Day: holidays allowed
        row(7, at(16, 10), "llamada"),
        row(7, at(16, 11), "email", consented=False),
    )
    assert found(contacts, "US") == [
        (7, at(16, 10), "llamada", "US.tras_conversacion"),
        (7, at(16, 11), "email", "US.exclusion_electronica"),
    ]


def test_bad_input_is_reported_in_spanish() -> None:
    with pytest.raises(ComplianceError, match="faltan columnas") as err:
        audit_contacts(table().drop(columns=["conversation"]), PACKS["MX"], CAL)
    assert err.value.field == "conversation"
    bad = table(row(1, 0.5, "sms"), row(1, 0.6, "sms"))
    bad.loc[1, "contact_class"] = "fax"
    with pytest.raises(ComplianceError, match="desconocida") as err:
        audit_contacts(bad, PACKS["MX"], CAL)
    assert err.value.row == 2
    empty = table(row(1, 0.5, "sms"))
    empty["consented"] = empty["consented"].astype(object)
    empty.loc[0, "consented"] = None
    with pytest.raises(ComplianceError, match="vacío"):
        audit_contacts(empty, PACKS["MX"], CAL)


def test_every_rule_kind_has_its_own_audit() -> None:
    shipped = {r.kind for pack in PACKS.values() for r in pack.rules}
    assert shipped <= set(audit_module.audited_kinds())
    assert audit_module._EDGE_MINUTES == kinds_module.EDGE_MINUTES
    assert audit_module._SLACK_DAYS == kinds_module.SLACK_DAYS


def test_audit_does_not_use_the_guard() -> None:
    tree = ast.parse((ROOT / "simulator/compliance/audit.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"simulator.compliance.guard", "simulator.compliance.kinds"}
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert not names & {"compile", "ContactGuard", "check", "broken_rules", "minute_ranges"}


def test_a_kind_without_audit_is_refused() -> None:
    name = "solo_para_pruebas_sin_auditoria"
    if name not in rule_kinds():

        @register_rule_kind(name)
        class _Untested(RuleSpec):
            pass

    pack = RulePack.model_validate(
        {
            **PACKS["MX"].model_dump(exclude={"rules"}),
            "rules": [{"id": "MX.x", "kind": name, "description": "Regla sin auditoría"}],
        }
    )
    with pytest.raises(ComplianceError, match="no hay auditoría"):
        audit_contacts(table(row(1, 0.5, "sms")), pack, CAL)


def test_docs_examples_run() -> None:
    result = doctest.testfile(
        str(ROOT / "docs" / "cumplimiento.md"),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
    )
    assert result.attempted >= 3 and result.failed == 0


# --- properties: the guard and the audit agree ----------------------------------------

CHANNELS = sorted(CLASS_OF)
MOSTLY_TRUE = st.sampled_from([True] * 9 + [False])
MOSTLY_FALSE = st.sampled_from([False] * 9 + [True])

step = st.tuples(
    st.integers(0, 2),  # account
    st.sampled_from([0, 30, 60, 360, 720, 1440, 2880, 7 * 1440, 1439, 4321]),  # gap (min)
    st.integers(0, 47).map(lambda half_hours: half_hours * 30),  # clock minute
    st.sampled_from(CHANNELS),
    MOSTLY_TRUE,  # consented
    MOSTLY_FALSE,  # to_third_party
    MOSTLY_TRUE,  # identified
    MOSTLY_FALSE,  # threatening
    st.booleans(),  # conversation
)


def attempts_from(steps: list[tuple]) -> list[tuple[int, Attempt, bool]]:
    """Turn drawn steps into time-ordered (account, attempt, conversation) triples.

    Times sit on a half-hour grid, so equal times and exact window and clock
    edges happen often.
    """
    out, now = [], 0
    for account, gap, clock, channel, ok, third, ident, threat, talk in steps:
        now += gap
        snapped = (now // 1440) * 1440 + clock
        now = max(now, snapped)
        a = Attempt(
            now / 1440,
            channel,
            CLASS_OF[channel],
            consented=ok,
            to_third_party=third,
            identified=ident,
            threatening=threat,
        )
        out.append((account, a, talk))
    return out


def log(executed: list[tuple[int, Attempt, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "account_id": acc,
                "time_days": a.time_days,
                "channel": a.channel,
                "contact_class": a.contact_class,
                "consented": a.consented,
                "to_third_party": a.to_third_party,
                "identified": a.identified,
                "threatening": a.threatening,
                "conversation": talk,
            }
            for acc, a, talk in executed
        ],
        columns=list(audit_module.INPUT_COLUMNS),
    )


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    code=st.sampled_from(sorted(PACKS)),
    calendar=st.sampled_from([CAL, CAL_YEAR_END]),
    steps=st.lists(step, max_size=40),
)
def test_what_the_guard_allows_the_audit_accepts(code, calendar, steps) -> None:
    guard = ContactGuard(PACKS[code], calendar)
    histories: dict[int, ContactHistory] = {}
    executed = []
    for account, a, talk in attempts_from(steps):
        history = histories.setdefault(account, ContactHistory())
        if guard.check(history, a).allowed:
            history.record(a, talk)
            executed.append((account, a, talk))
    violations = audit_contacts(log(executed), PACKS[code], calendar)
    assert violations.empty, violations


@SETTINGS
@given(
    code=st.sampled_from(sorted(PACKS)),
    calendar=st.sampled_from([CAL, CAL_YEAR_END]),
    steps=st.lists(step, max_size=40),
)
def test_without_the_guard_the_audit_finds_exactly_what_it_would_block(code, calendar, steps) -> None:
    guard = ContactGuard(PACKS[code], calendar)
    histories: dict[int, ContactHistory] = {}
    executed, expected = [], []
    for account, a, talk in attempts_from(steps):
        history = histories.setdefault(account, ContactHistory())
        broken = guard.broken_rules(history, a)
        decision = guard.check(history, a)
        assert decision.allowed == (not broken)
        assert decision.allowed or decision.rule_id == broken[0]
        expected += [(account, a.time_days, a.channel, rule_id) for rule_id in broken]
        history.record(a, talk)  # executed anyway: compliance off
        executed.append((account, a, talk))
    found_rows = audit_contacts(log(executed), PACKS[code], calendar)
    assert list(found_rows.itertuples(index=False, name=None)) == expected


def test_large_random_log_agrees_with_the_guard() -> None:
    """A bigger log than hypothesis draws, at a fixed seed, for every pack."""
    rng = np.random.default_rng(20261123)
    n = 4000
    accounts = rng.integers(0, 150, n)
    times = np.sort(rng.uniform(0, 120, n).round(4))
    channels = rng.choice(CHANNELS, n)
    flags = rng.random((n, 5)) < [0.95, 0.03, 0.97, 0.02, 0.4]
    rows = [
        (
            int(accounts[i]),
            Attempt(
                float(times[i]),
                str(channels[i]),
                CLASS_OF[str(channels[i])],
                consented=bool(flags[i, 0]),
                to_third_party=bool(flags[i, 1]),
                identified=bool(flags[i, 2]),
                threatening=bool(flags[i, 3]),
            ),
            bool(flags[i, 4]),
        )
        for i in range(n)
    ]
    for code, pack in PACKS.items():
        guard, histories, expected = ContactGuard(pack, CAL), {}, []
        for account, a, talk in rows:
            history = histories.setdefault(account, ContactHistory())
            expected += [(account, a.time_days, a.channel, r) for r in guard.broken_rules(history, a)]
            history.record(a, talk)
        got = audit_contacts(log(rows), pack, CAL)
        assert list(got.itertuples(index=False, name=None)) == expected, code
        assert len(expected) > 50, code  # the log really exercises the rules
