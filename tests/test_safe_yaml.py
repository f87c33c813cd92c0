"""Every YAML loader refuses alias bombs, repeated keys, huge or unreadable files and
Python tags, and says so in Spanish with file and line (issue 18, items 1, 3 and 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.compliance import load_pack
from simulator.errors import ComplianceError, DialogueError, ParametersError, StrategyError
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.roleplay import load_scenario
from simulator.roleplay.lint import lint_file
from simulator.safe_yaml import MAX_YAML_BYTES, MAX_YAML_NODES
from simulator.strategies import load_strategy

LOADERS = {
    "estrategia": (load_strategy, StrategyError),
    "parámetros": (load_parameters, ParametersError),
    "diálogo": (load_scenario, DialogueError),
    "paquete de cumplimiento": (load_pack, ComplianceError),
}


def bomb(levels: int) -> str:
    """The review's alias bomb: each level repeats the previous anchor nine times."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        name, previous = "abcdefghijklmnop"[level], "abcdefghijklmnop"[level - 1]
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "archivo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", LOADERS)
def test_an_alias_bomb_is_refused_before_it_expands(kind, tmp_path):
    loader, error_type = LOADERS[kind]
    path = write(tmp_path, bomb(9))
    assert len(path.read_bytes()) < 400  # the review's 369-byte file grew past 3.2 GB
    with pytest.raises(error_type, match=r"anclas y alias .* más de 100,000 valores") as caught:
        loader(path)
    assert str(path) in str(caught.value) and caught.value.line is not None


def test_a_bomb_just_over_the_budget_is_refused_and_one_under_it_is_only_a_schema_error(tmp_path):
    over = write(tmp_path, bomb(6), "encima.yaml")  # 9**6 = 531,441 values
    under = write(tmp_path, bomb(5), "debajo.yaml")  # 9**5 = 59,049 values
    assert 9 ** 5 < MAX_YAML_NODES < 9 ** 6
    with pytest.raises(StrategyError, match="anclas y alias"):
        load_strategy(over)
    with pytest.raises(StrategyError, match="clave desconocida 'a'"):
        load_strategy(under)


def test_a_self_referencing_alias_is_refused(tmp_path):
    with pytest.raises(StrategyError, match="se contiene a sí mismo"):
        load_strategy(write(tmp_path, "nombre: &n [x, *n]\n"))


def test_anchors_used_to_share_a_window_still_load(tmp_path):
    text = Path(dataset("strategies", "escalonada.yaml")).read_text(encoding="utf-8")
    shared = text.replace("ventana: [9, 18]", "ventana: *horas").replace(
        "ventana: *horas", "ventana: &horas [9, 18]", 1)
    assert shared.count("*horas") == 3
    original = load_strategy(dataset("strategies", "escalonada.yaml"))
    assert load_strategy(write(tmp_path, shared)).model_dump() == original.model_dump()


def test_a_repeated_top_level_key_is_refused_with_both_lines(tmp_path):
    text = Path(dataset("strategies", "escalonada.yaml")).read_text(encoding="utf-8")
    first = next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith("acciones:"))
    doubled = text + "acciones:\n  - {canal: sms, desde: vencimiento, dia: -3}\n"
    last = len(doubled.splitlines()) - 1
    with pytest.raises(StrategyError) as caught:
        load_strategy(write(tmp_path, doubled))
    error = caught.value
    assert error.line == last and error.field == "acciones"
    assert f"líneas {first} y {last}" in error.message


def test_a_repeated_name_is_refused_instead_of_running_the_second(tmp_path):
    text = Path(dataset("strategies", "escalonada.yaml")).read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(index for index, line in enumerate(lines) if line.startswith("nombre:"))
    lines.insert(at + 1, "nombre: b")
    with pytest.raises(StrategyError, match=f"líneas {at + 1} y {at + 2}"):
        load_strategy(write(tmp_path, "\n".join(lines) + "\n"))


def test_a_repeated_key_inside_a_list_item_is_refused(tmp_path):
    with pytest.raises(DialogueError, match=r"la clave 'texto' aparece dos veces .*líneas 3 y 4"):
        load_scenario(write(tmp_path, "id: x\nnodos:\n  - texto: a\n    texto: b\n"))


def test_a_merge_key_is_not_a_repeated_key(tmp_path):
    path = write(tmp_path, "base: &b {a: 1}\notro:\n  <<: *b\n  <<: *b\n  c: 2\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    assert "dos veces" not in caught.value.message


@pytest.mark.parametrize("kind", LOADERS)
def test_a_folder_given_as_a_file_gets_a_spanish_message(kind, tmp_path):
    loader, error_type = LOADERS[kind]
    folder = tmp_path / "carpeta.yaml"
    folder.mkdir()
    with pytest.raises(error_type, match="es una carpeta"):
        loader(folder)


def test_an_unreadable_file_gets_a_spanish_message(tmp_path, monkeypatch):
    path = write(tmp_path, "nombre: x\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("simulator.safe_yaml.open", refuse, raising=False)
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    assert caught.value.message == "no hay permiso para leer el archivo"


def test_a_device_is_not_read():
    with pytest.raises(StrategyError, match="no es un archivo normal"):
        load_strategy("/dev/zero")


def test_a_file_over_the_size_limit_is_refused_without_parsing(tmp_path):
    path = write(tmp_path, "# relleno\n" * (MAX_YAML_BYTES // 10 + 1))
    with pytest.raises(ParametersError, match="pesa más de 1,000,000 bytes"):
        load_parameters(path)


def test_deep_nesting_is_refused(tmp_path):
    with pytest.raises(StrategyError, match="más de 64 niveles"):
        load_strategy(write(tmp_path, "x: " + "[" * 100 + "]" * 100 + "\n"))
    with pytest.raises(StrategyError, match="más de 64 niveles"):
        load_strategy(write(tmp_path, "x: " + "[" * 5000 + "]" * 5000 + "\n", "profundo.yaml"))


def test_a_python_tag_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "ejecutado"
    text = f"nombre: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(StrategyError, match="etiqueta no permitida") as caught:
        load_strategy(write(tmp_path, text))
    assert caught.value.line == 1 and not marker.exists()


ENGLISH = re.compile(r"\b(mapping|found|expected|while|scanning|could not|character|token|stream)\b")


@pytest.mark.parametrize(("text", "line", "spanish"), [
    ("nombre: a: b\n", 1, "aquí no puede ir ':'"),
    ("nombre: x\nacciones:\n\t- a\n", 3, "tabulador"),
    ("nombre: x\n  descripcion: y\n", 2, "sangría"),
    ("nombre: [a, b\nx: 1\n", 2, "falta ',' o ']'"),
    ("nombre: {a: 1\n", 2, "falta ',' o '}'"),
    ('nombre: "sin cerrar\n', 2, "comillas"),
    ("nombre: *nadie\n", 1, "no tiene antes un ancla"),
    ("nombre: x\n---\nnombre: y\n", 2, "más de un documento"),
    ("nombre: \"\\q\"\n", 1, "secuencia de escape"),
    ("a: &x 1\nb: &x 2\nc: *x\n", 2, "ya se definió"),
])
def test_syntax_errors_are_explained_in_spanish_at_their_line(text, line, spanish, tmp_path):
    with pytest.raises(StrategyError) as caught:
        load_strategy(write(tmp_path, text))
    error = caught.value
    assert spanish in error.message and error.line == line, (error.message, error.line)
    assert not ENGLISH.search(error.message), error.message


def test_a_control_character_is_named_by_its_code(tmp_path):
    with pytest.raises(StrategyError, match=r"U\+0001") as caught:
        load_strategy(write(tmp_path, 'nombre: x\ndescripcion: "a\x01"\n'))
    assert caught.value.line == 2


def test_a_utf8_bom_is_accepted(tmp_path):
    text = Path(dataset("strategies", "escalonada.yaml")).read_text(encoding="utf-8")
    path = tmp_path / "con_bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_strategy(path).name == load_strategy(dataset("strategies", "escalonada.yaml")).name


def test_a_share_written_as_a_percentage_suggests_the_fraction(tmp_path):
    text = Path(dataset("strategies", "escalonada.yaml")).read_text(encoding="utf-8")
    assert 'quita_maxima: {"90+": 0.25}' in text
    text = text.replace('quita_maxima: {"90+": 0.25}', 'quita_maxima: {"90+": 25}')
    with pytest.raises(StrategyError, match=r"¿quiso decir 0\.25 \(25 %\)\?"):
        load_strategy(write(tmp_path, text))


def test_the_linter_reports_a_bomb_as_one_problem(tmp_path):
    problems = lint_file(write(tmp_path, bomb(9)))
    assert len(problems) == 1 and "anclas y alias" in str(problems[0])
