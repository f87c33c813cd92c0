"""Read YAML that a stranger may have written: plain data only, bounded, in Spanish.

Every YAML the course reads (strategies, parameters, dialogues, rule packs,
column maps, uploads) comes through here, so one place decides what is
refused: files over :data:`MAX_YAML_BYTES`, anchors and aliases that would
expand to more than :data:`MAX_YAML_NODES` values (the "billion laughs" bomb),
nesting deeper than :data:`MAX_YAML_DEPTH`, a key written twice in one map
(the second would silently replace the first), and any tag that asks for a
Python object. PyYAML's English syntax messages are translated.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.errors import CobranzaError

__all__ = ["MAX_YAML_BYTES", "MAX_YAML_DEPTH", "MAX_YAML_NODES", "parse_yaml", "read_yaml_text"]

#: Largest YAML file read (the biggest shipped file is about 33 KB).
MAX_YAML_BYTES = 1_000_000
#: Most values a document may hold once every alias is expanded.
MAX_YAML_NODES = 100_000
#: Deepest nesting of lists and maps.
MAX_YAML_DEPTH = 64


def read_yaml_text(path: str | os.PathLike[str], error_type: type[CobranzaError]) -> str:
    """The text of a regular, readable UTF-8 file of at most :data:`MAX_YAML_BYTES`.

    Raises:
        error_type: naming the file and, in Spanish, why it cannot be read.
    """
    name = str(path)
    try:
        info = Path(path).stat()
        if stat.S_ISDIR(info.st_mode):
            raise error_type("es una carpeta, no un archivo YAML", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise error_type("no es un archivo normal (¿un dispositivo o una tubería?)", file=name)
        with open(path, "rb") as stream:
            raw = stream.read(MAX_YAML_BYTES + 1)
    except FileNotFoundError:
        raise error_type("no se encontró el archivo", file=name) from None
    except PermissionError:
        raise error_type("no hay permiso para leer el archivo", file=name) from None
    except OSError as exc:
        raise error_type(f"no se pudo leer el archivo (error del sistema {exc.errno})", file=name) from None
    if len(raw) > MAX_YAML_BYTES:
        raise error_type(f"el archivo pesa más de {MAX_YAML_BYTES:,} bytes; un archivo YAML del "
                         "curso ocupa unos pocos KB", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error_type("el archivo no está en UTF-8; guárdelo con codificación UTF-8",
                         file=name) from None


def parse_yaml(text: str, file: str, error_type: type[CobranzaError]) -> tuple[Node | None, Any]:
    """Compose ``text`` once, check its node graph, then build plain data from it.

    Returns:
        The root node (for line numbers) and the data; both ``None`` for an
        empty document.

    Raises:
        error_type: naming file and line, for syntax errors, unsafe tags,
            alias bombs, deep nesting and repeated keys.
    """
    loader = root = None
    try:
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_graph(root, file, error_type)
        return root, loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error_type(_spanish_problem(exc), file=file,
                         line=mark.line + 1 if mark is not None else None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise error_type(f"carácter de control no permitido en YAML (U+{code:04X})",
                         file=file, line=line) from None
    except RecursionError:
        raise error_type(f"el archivo anida listas o mapas a más de {MAX_YAML_DEPTH} niveles",
                         file=file) from None
    except ValueError:  # a scalar PyYAML cannot build, e.g. the date 2026-13-01
        node = _impossible_scalar(root)
        raise error_type(f"valor imposible {node.value!r} (¿una fecha que no existe?)" if node
                         else "valor imposible", file=file,
                         line=node.start_mark.line + 1 if node else None) from None
    finally:
        if loader is not None:
            loader.dispose()


def _check_graph(root: Node, file: str, error_type: type[CobranzaError]) -> None:
    """Refuse cycles, deep nesting, repeated keys and alias expansion past the budget.

    The composed graph shares one node per anchor, so this walk visits each
    node once and adds up how many values its expansion would hold.
    """
    expanded: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            if expanded[key] > MAX_YAML_NODES:
                raise error_type(
                    f"las anclas y alias (&, *) del archivo se expanden a más de {MAX_YAML_NODES:,} "
                    "valores; escriba los datos sin alias anidados", file=file,
                    line=node.start_mark.line + 1)
            continue
        if key in expanded:
            continue
        if key in open_nodes:
            raise error_type("un alias (*) se contiene a sí mismo; quite esa referencia circular",
                             file=file, line=node.start_mark.line + 1)
        if depth > MAX_YAML_DEPTH:
            raise error_type(f"el archivo anida listas o mapas a más de {MAX_YAML_DEPTH} niveles",
                             file=file, line=node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            _refuse_repeated_keys(node, file, error_type)
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _refuse_repeated_keys(node: MappingNode, file: str, error_type: type[CobranzaError]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        line = key_node.start_mark.line + 1
        identity = (key_node.tag, key_node.value)
        if identity in seen:
            raise error_type(
                f"la clave '{key_node.value}' aparece dos veces en el mismo bloque (líneas "
                f"{seen[identity]} y {line}); la segunda reemplazaría a la primera: deje una sola",
                file=file, line=line, field=str(key_node.value))
        seen[identity] = line


def _impossible_scalar(node: Node | None) -> ScalarNode | None:
    """The first scalar that a fresh safe loader cannot turn into a value."""
    builder = yaml.SafeLoader("")
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if isinstance(current, ScalarNode):
            try:
                builder.construct_object(current, deep=True)
            except ValueError:
                return current
        else:
            pending.extend(reversed(_children(current)))
    return None


#: PyYAML's problem texts (start of the English sentence) and what they mean in Spanish.
_PROBLEMS = (
    ("mapping values are not allowed", "aquí no puede ir ':'; revise la sangría de esta línea y, "
                                       "si el valor es un texto con ':', escríbalo entre comillas"),
    ("could not find expected ':'", "falta ':' después de la clave"),
    ("found character '\\t'", "hay un tabulador; sangre las líneas con espacios"),
    ("found a tab character", "hay un tabulador; sangre las líneas con espacios"),
    ("found character", "hay un carácter que no puede iniciar un valor; escriba el valor entre comillas"),
    ("expected <block end>", "la sangría de esta línea no coincide con la de las anteriores"),
    ("did not find expected key", "la sangría de esta línea no coincide con la de las anteriores"),
    ("did not find expected '-' indicator", "se esperaba un elemento de lista que empiece con '- '"),
    ("did not find expected ',' or ']'", "falta ',' o ']' en la lista entre corchetes"),
    ("did not find expected ',' or '}'", "falta ',' o '}' en el mapa entre llaves"),
    ("expected ',' or ']'", "falta ',' o ']' en la lista entre corchetes"),
    ("expected ',' or '}'", "falta ',' o '}' en el mapa entre llaves"),
    ("found unexpected end of stream", "el archivo termina antes de cerrar unas comillas"),
    ("found unknown escape character", "secuencia de escape desconocida ('\\') dentro de comillas dobles"),
    ("found undefined alias", "este alias (*) no tiene antes un ancla (&) con su nombre"),
    ("found duplicate anchor", "esta ancla (&) ya se definió antes con el mismo nombre"),
    ("expected alphabetic or numeric character", "el nombre de un ancla (&) o alias (*) debe ser "
                                                 "letras o números"),
    ("could not determine a constructor", "etiqueta no permitida (!!...); el archivo solo puede "
                                          "tener datos: textos, números, listas y mapas"),
    ("found unhashable key", "una clave no puede ser una lista ni un mapa"),
    ("found unacceptable key", "una clave no puede ser una lista ni un mapa"),
    ("expected a single document", "el archivo tiene más de un documento ('---'); deje uno solo"),
    ("but found another document", "el archivo tiene más de un documento ('---'); deje uno solo"),
    ("expected the node content", "falta un valor o sobra un signo antes de él"),
    ("found unexpected ':'", "aquí no puede ir ':'; escriba el texto entre comillas"),
    ("while scanning a quoted scalar", "unas comillas quedaron sin cerrar"),
    ("while scanning a simple key", "falta ':' después de la clave"),
    ("while scanning", "sintaxis YAML inválida"),
)


def _spanish_problem(exc: yaml.MarkedYAMLError) -> str:
    """A Spanish reading of PyYAML's message; never its English text."""
    for english in (exc.problem or "", exc.context or ""):
        for start, spanish in _PROBLEMS:
            if start in english:
                return f"YAML inválido: {spanish}"
    return "YAML inválido: revise la sintaxis de esta línea (sangría, ':' y comillas)"
