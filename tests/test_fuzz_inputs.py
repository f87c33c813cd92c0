"""Fuzzed input for every loader a trainer, manager or student can feed (issue: reliability).

Each property feeds about a thousand generated inputs and allows two outcomes
only: success, or the loader's documented error with a Spanish message that
says where the problem is. Anything else (a KeyError, a pydantic traceback, a
crash) fails. The portfolio (CSV and .xlsx) and the typed amounts and dates have their own
properties beside their loaders (test_portfolio_schema.py, test_portfolio_formats.py,
test_spanish_input.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli.main import build_parser
from simulator.errors import DialogueError, NegotiationError, StrategyError
from simulator.negotiation.form import MOVES, offer_from_form
from simulator.paths import dataset
from simulator.roleplay import RolePlay, load_scenario
from simulator.strategies import load_strategy

pytestmark = pytest.mark.slow

THOUSAND = settings(max_examples=1000, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Values a person might type where YAML expects something else.
ODD_VALUES = st.sampled_from([
    "", "-1", "0", "1e309", "nan", ".inf", "null", "~", "yes", "[]", "{}", "[1, 2", "{a: 1",
    "'sin cerrar", '"', "&ancla", "*ancla", "!!python/object/apply:os.system ['ls']", "99999999999999999999",
    "treinta", "lunes", "[9, 25]", "[19, 9]", "-5", "0.5", "{\"90+\": 1.5}", "llamada", "paloma",
]) | st.text(max_size=12)

#: One edit of a YAML text, line by line.
YAML_EDIT = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("value"), st.integers(0, 10_000), ODD_VALUES),
    st.tuples(st.just("key"), st.integers(0, 10_000), st.sampled_from(["x", "dai", "canall", "", "  "])),
    st.tuples(st.just("indent"), st.integers(0, 10_000), st.integers(-4, 4)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.text(max_size=20)),
    st.tuples(st.just("cut"), st.integers(0, 10_000)),
    st.tuples(st.just("anchors"), st.integers(0, 10_000), st.integers(1, 12), st.integers(1, 9)),
)


def nested_anchors(width: int, depth: int) -> list[str]:
    """Top-level keys where each level repeats the previous anchor ``width`` times."""
    lines = [f"z0: &z0 [{', '.join(['x'] * width)}]"]
    lines += [f"z{level}: &z{level} [{', '.join([f'*z{level - 1}'] * width)}]" for level in range(1, depth)]
    return lines


def edit_yaml(text: str, edit) -> str:
    """Apply one edit; line numbers wrap around the text's length."""
    lines = text.splitlines()
    kind, at = edit[0], edit[1] % max(len(lines), 1)
    if kind == "drop":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "value" and ":" in lines[at]:
        key = lines[at].split(":", 1)[0]
        lines[at] = f"{key}: {edit[2]}"
    elif kind == "key" and ":" in lines[at]:
        lines[at] = lines[at].replace(lines[at].strip().split(":", 1)[0], edit[2], 1)
    elif kind == "indent":
        shift = edit[2]
        lines[at] = " " * shift + lines[at] if shift >= 0 else lines[at][-shift:]
    elif kind == "insert":
        lines.insert(at, edit[2])
    elif kind == "cut":
        lines = lines[:at]
    elif kind == "anchors":
        lines = nested_anchors(edit[2], edit[3]) + lines
    return "\n".join(lines) + "\n"


def _load_edited(source: Path, edits, loader, error_type, fuzz_cases, label: str):
    text = source.read_text(encoding="utf-8")
    for edit in edits:
        text = edit_yaml(text, edit)
    fuzz_cases[label] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        try:
            return loader(path)
        except error_type as error:
            assert error.message.strip(), "an error without a message"
            assert str(path) in str(error), f"the message does not name the file: {error}"
            if error.line is not None:
                assert 1 <= error.line <= len(text.splitlines()) + 1, f"line {error.line} is not in the file"
            return None


STRATEGIES = sorted(Path(dataset("strategies")).glob("*.yaml"))
SCENARIOS = sorted(Path(dataset("dialogues")).glob("*.yaml"))


@THOUSAND
@given(source=st.sampled_from(STRATEGIES), edits=st.lists(YAML_EDIT, min_size=1, max_size=3))
def test_edited_strategy_files_load_or_name_the_problem(source, edits, fuzz_cases):
    _load_edited(source, edits, load_strategy, StrategyError, fuzz_cases, "estrategia YAML")


@THOUSAND
@given(source=st.sampled_from(SCENARIOS), edits=st.lists(YAML_EDIT, min_size=1, max_size=3))
def test_edited_dialogue_files_load_or_name_the_problem(source, edits, fuzz_cases):
    _load_edited(source, edits, load_scenario, DialogueError, fuzz_cases, "diálogo YAML")


TYPED = st.one_of(st.text(max_size=25), st.text(alphabet="0123456789 .,%$-/", max_size=12),
                  st.sampled_from(["1,500", "el viernes", "20", "3", "100", "99.99", "mañana", "0"]))


@THOUSAND
@given(move=st.sampled_from(list(MOVES) + ["otra"]), amount=TYPED, date=TYPED, discount=TYPED,
       instalments=TYPED, every_days=st.sampled_from([7, 15, 30]))
def test_the_negotiation_form_reads_or_names_the_field(move, amount, date, discount, instalments,
                                                        every_days, fuzz_cases):
    fuzz_cases["control de negociación"] += 1
    try:
        offer_from_form(move, dt.date(2026, 3, 10), amount=amount, date=date, discount=discount,
                        instalments=instalments, every_days=every_days)
    except NegotiationError as error:
        assert error.field in {"jugada", "monto", "fecha", "quita", "pagos"} and error.message.strip()


@pytest.fixture(scope="module")
def asking_call():
    """A call advanced to the first option that asks for a typed amount or date."""
    scenario = load_scenario(dataset("dialogues", "negociacion_abono.yaml"))
    path = scenario.model_path()
    session = RolePlay(scenario, seed=1)
    for step, index in enumerate(path.choices):
        if session.choices[index].asks_for:
            return scenario, path.choices[:step], index
        session.choose(index)
    pytest.fail("the model call never asks for a typed value")


@THOUSAND
@given(typed=st.one_of(st.none(), TYPED))
def test_a_value_typed_in_a_call_is_read_or_refused_and_the_call_goes_on(typed, asking_call, fuzz_cases):
    scenario, before, index = asking_call
    fuzz_cases["juego de rol: monto o fecha escritos"] += 1
    session = RolePlay(scenario, seed=1)
    for choice in before:
        session.choose(choice)
    moves = len(session.moves)
    try:
        session.choose(index, typed)
    except DialogueError as error:
        assert error.field in {"monto", "fecha"} and error.message.strip()
        assert len(session.moves) == moves and session.choices[index].asks_for  # nothing changed
    else:
        assert len(session.moves) == moves + 1


COMMANDS = ["run", "compare", "sweep", "bench", "plan-test", "calibrate", "validate", "dialogue",
            "negotiate", "progress", "correr", ""]
FLAGS = ["--days", "--seed", "--replications", "--workers", "--shards", "--portfolio", "--strategy",
         "--json", "--backend", "--compliance", "--param", "--accounts", "--metric", "--power", "--alpha",
         "--challenger-share", "--out", "--db", "--csv", "--debtors", "--timeout", "--split", "--dias"]
VALUES = st.sampled_from(["7", "-1", "0", "1.5", "nan", "1e99", "", "abc", "dask", "off", "agentes=5:40:5",
                          "agentes=40:5:5", "x=1", "2", "0.8", "1.1"]) | st.text(max_size=8)


@THOUSAND
@given(command=st.sampled_from(COMMANDS),
       rest=st.lists(st.one_of(st.sampled_from(FLAGS), VALUES), max_size=8))
def test_command_line_flags_parse_or_exit_with_a_spanish_usage_error(command, rest, fuzz_cases):
    fuzz_cases["opciones de la línea de comandos"] += 1
    argv = ([command] if command else []) + rest
    stderr, stdout = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
            build_parser().parse_args(argv)
    except SystemExit as stop:
        if stop.code == 0:  # --help somewhere in the values
            assert "uso:" in stdout.getvalue()
            return
        assert stop.code == 2
        message = stderr.getvalue()
        assert "uso:" in message and "error:" in message, message
        assert "usage:" not in message and "invalid" not in message, message
