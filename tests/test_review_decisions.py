"""The trainer's decisions file (``progress --apply-reviews``): hostile input refused whole, applied once."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_calls import cohort

from simulator.cli.main import main
from simulator.course.decisions import MAX_DECISIONS, MAX_DECISIONS_BYTES, read_decisions
from simulator.course.gradebook import cohort_table, load_results
from simulator.course.progress import ReviewError


@pytest.fixture
def store(tmp_path):
    return cohort(tmp_path / "avance.sqlite")


def _file(tmp_path, decisions, **extra) -> str:
    path = tmp_path / "decisiones.json"
    path.write_text(json.dumps({"formato": "cobranza-revisiones", "version": 1, "decisiones": decisions,
                                **extra}), encoding="utf-8")
    return str(path)


def _decision(result=1, step=2, label="amenaza", decision="quitar") -> dict:
    return {"resultado": result, "paso": step, "marca": label, "decision": decision}


def _apply(store, path, *more):
    return main(["progress", "--db", str(store.path), "--apply-reviews", path, *more])


def test_the_file_is_applied_once_and_the_call_then_passes(store, tmp_path, capsys):
    path = _file(tmp_path, [_decision(label="identificacion", decision="confirmar"), _decision()])
    assert _apply(store, path, "--reviewer", "Marta") == 0
    assert "2 guardadas de 2 decisiones" in capsys.readouterr().err
    assert _apply(store, path, "--reviewer", "Marta") == 0
    assert "0 guardadas de 2 decisiones (2 ya estaban guardadas)" in capsys.readouterr().err
    assert len(store.reviews()) == 2
    assert cohort_table(load_results(store.path)).iloc[0]["aprobadas"] == 2


@pytest.mark.parametrize(("content", "says"), [
    ("{\"formato\": ", "no es un JSON válido (error de sintaxis en la línea 1"),
    ("[1, 2]", "se esperaba un objeto JSON"),
    ("[" * 100_000 + "]" * 100_000, "anidado demasiado hondo"),
    ('{"formato": "cobranza-revisiones", "formato": "x"}', "la clave 'formato' aparece dos veces"),
    ('{"formato": "cobranza-revisiones", "version": NaN, "decisiones": []}', "NaN no es un número"),
    ('{"formato": "otra-cosa", "version": 1, "decisiones": []}', "campo 'formato'"),
])
def test_a_file_that_is_not_a_decisions_file_is_refused(store, tmp_path, capsys, content, says):
    path = tmp_path / "decisiones.json"
    path.write_text(content, encoding="utf-8")
    assert _apply(store, str(path), "--reviewer", "Marta") == 2
    assert says in capsys.readouterr().err
    assert store.reviews() == []


@pytest.mark.parametrize(("decision", "says"), [
    (_decision(result=9), "campo 'decisiones[2]': no existe el resultado 9"),
    (_decision(result=2), "'decisiones[2]': el resultado 2 no tiene una respuesta escrita en el paso 2"),
    (_decision(step=1), "el resultado 1 no tiene una respuesta escrita en el paso 1"),
    (_decision(label="grito"), "campo 'decisiones[2].marca': la marca 'grito' no está"),
    (_decision(decision="borrar"), "campo 'decisiones[2].decision': valor no permitido 'borrar'"),
    (_decision(label="insulto"), "campo 'decisiones[2]': el juez no marcó 'insulto'"),
    (_decision(decision="agregar"), "el juez ya marcó 'amenaza'"),
    (_decision(label="identificacion"), "repite la marca 'identificacion' del resultado 1, paso 2"),
    (_decision(result="1"), "campo 'decisiones[2].resultado': se esperaba un número entero"),
    ({**_decision(), "revisor": "x"}, "campo 'decisiones[2].revisor': clave desconocida"),
])
def test_one_bad_decision_saves_nothing_and_is_named(store, tmp_path, capsys, decision, says):
    path = _file(tmp_path, [_decision(label="identificacion", decision="confirmar"), decision])
    assert _apply(store, path, "--reviewer", "Marta") == 2
    assert says in capsys.readouterr().err
    assert store.reviews() == []


def test_an_oversized_file_is_refused_before_it_is_read(store, tmp_path, capsys):
    path = tmp_path / "decisiones.json"
    path.write_text(" " * MAX_DECISIONS_BYTES + "{}", encoding="utf-8")
    assert _apply(store, str(path), "--reviewer", "Marta") == 2
    assert f"pesa más de {MAX_DECISIONS_BYTES:,} bytes" in capsys.readouterr().err


def test_too_many_decisions_are_refused(tmp_path):
    path = _file(tmp_path, [_decision()] * (MAX_DECISIONS + 1))
    with pytest.raises(ReviewError, match=f"más de {MAX_DECISIONS:,} decisiones"):
        read_decisions(path)


def test_applying_needs_a_reviewer(store, tmp_path, capsys):
    assert _apply(store, _file(tmp_path, [_decision()])) == 2
    assert "necesita --reviewer" in capsys.readouterr().err
    assert store.reviews() == []


def test_a_missing_or_binary_file_is_named(store, tmp_path, capsys):
    assert _apply(store, str(tmp_path / "no.json"), "--reviewer", "Marta") == 2
    assert "no se encontró el archivo de decisiones" in capsys.readouterr().err
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    assert _apply(store, str(tmp_path / "bin.json"), "--reviewer", "Marta") == 2
    assert "no está en UTF-8" in capsys.readouterr().err


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                  max_size=4), max_leaves=20)
_ENTRY = st.fixed_dictionaries({"resultado": st.integers(), "paso": st.integers(),
                                "marca": st.text(max_size=20) | st.sampled_from(["amenaza", "insulto"]),
                                "decision": st.sampled_from(["confirmar", "quitar", "agregar", "x"])})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=200) | _JSON.map(json.dumps)
       | st.lists(_ENTRY, max_size=5).map(lambda entries: json.dumps(
           {"formato": "cobranza-revisiones", "version": 1, "decisiones": entries})))
def test_any_file_is_either_read_or_refused_in_spanish(tmp_path, content):
    path = tmp_path / "decisiones.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        decisions = read_decisions(path)
    except ReviewError as error:
        assert error.file == str(path) and error.message
    else:
        assert all(isinstance(result, int) and isinstance(step, int) for result, step, _, _ in decisions)
