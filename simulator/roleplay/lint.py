"""The scenario linter: every problem of every file, located by file and line.

Unlike the loader, which stops at the first problem, the linter reports them
all so that a trainer fixes a file in one pass; it also applies the library's
quality rules (enough decisions and endings, the lawful call script, a model
call that reaches the goal in every variant of the story and in every country
edition, no Mexican-only phrase left in another edition's rendering) and,
over all the files linted, the length tell (:mod:`simulator.roleplay.tells`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from simulator.compliance.edition import DEFAULT_EDITION, Edition, available_editions, load_edition
from simulator.errors import CobranzaError, DialogueError
from simulator.roleplay.graph import GraphProblem, quality_problems, structural_problems
from simulator.roleplay.replay import model_calls, model_path_problems
from simulator.roleplay.schema import Scenario, yaml_keys
from simulator.roleplay.script import script_problems
from simulator.roleplay.story import edition_problems, placeholder_problems, told, variant_problems
from simulator.roleplay.tells import OptionTells, option_tells
from simulator.roleplay.typed_lint import typed_problems, typed_quality_problems
from simulator.yaml_lines import load_located_yaml, located_errors

__all__ = ["LintReport", "lint_file", "lint_paths"]


@dataclass(frozen=True)
class LintReport:
    """What the linter found: files checked, every problem, and the tells of the sound files."""

    files: int
    problems: list[CobranzaError]
    tells: OptionTells


def lint_file(path: str | Path, countries: list[str] | None = None) -> list[CobranzaError]:
    """All problems of one scenario file in the editions of ``countries`` (every edition when None);
    empty when it is fine."""
    return _lint(path, _editions(countries))[1]


def _editions(countries: list[str] | None) -> list[Edition]:
    """The editions to check, the one the scenarios are written in first.

    Raises:
        ComplianceError: a country with no edition.
    """
    codes = available_editions() if countries is None else countries
    return sorted(map(load_edition, codes), key=lambda edition: edition.code != DEFAULT_EDITION)


def _lint(path: str | Path, editions: list[Edition]) -> tuple[Scenario | None, list[CobranzaError]]:
    """The scenario (None when it does not validate) and every problem of one file."""
    name = str(path)
    try:
        located = load_located_yaml(path, DialogueError)
    except DialogueError as error:
        return None, [error]
    if not isinstance(located.data, dict):
        return None, [DialogueError("se esperaba un mapa de claves y valores en el nivel superior",
                                    file=name)]
    try:
        scenario = Scenario.model_validate(located.data)
    except ValidationError as exc:
        return None, located_errors(exc, located, DialogueError, name, yaml_keys())
    problems = structural_problems(scenario) or placeholder_problems(scenario) + variant_problems(scenario)
    if not problems:
        problems = quality_problems(scenario) + typed_quality_problems(scenario)
        for edition in editions:
            problems += _edition_problems(scenario, edition)
    errors = [DialogueError(problem.message, file=name, line=located.line_of(problem.loc))
              for problem in problems]
    if scenario.id != Path(path).stem:
        errors.append(DialogueError(f"el id {scenario.id!r} debe ser igual al nombre del archivo "
                                    f"({Path(path).stem!r})", file=name, line=located.line_of(("id",)),
                                    field="id"))
    return scenario, errors


def _edition_problems(scenario: Scenario, edition: Edition) -> list[GraphProblem]:
    """The checks that depend on how the call is told: the model call in every variant and the typed
    examples, played in ``edition`` (the lawful script once, in the scenario's own edition); messages
    name any edition but Mexico's."""
    home = load_edition(DEFAULT_EDITION)
    where = "" if edition.code == home.code else f"edición {edition.code}: "
    problems = edition_problems(scenario, home, edition)
    if not problems:
        stories = [told(scenario, number) for number in range(len(scenario.variants) + 1)]
        calls = [model_calls(story, edition) for story in stories]
        for number, (story, played) in enumerate(zip(stories, calls, strict=True)):
            said = f"variante {number}: " if number else ""
            problems += [GraphProblem(said + message, ("camino_modelo",))
                         for message in model_path_problems(story, played)]
        if edition.code == home.code:  # the script reads what is said, not how the country says it
            problems += script_problems(scenario, calls[0])
        problems += typed_problems(scenario, calls[0])
    return [GraphProblem(where + problem.message, problem.loc) for problem in problems]


def lint_paths(paths: list[str | Path], countries: list[str] | None = None) -> LintReport:
    """Lint files and folders (every ``*.yaml`` inside) in the editions of ``countries`` (every edition
    when None), then the tells of the files with no problem.

    Raises:
        ComplianceError: a country with no edition.
    """
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        else:
            files.append(path)
    editions = _editions(countries)
    found = [_lint(file, editions) for file in files]
    problems = [problem for _, file_problems in found for problem in file_problems]
    if not files:
        problems.append(DialogueError("no hay archivos .yaml que revisar", file=", ".join(map(str, paths))))
    tells = option_tells(scenario for scenario, file_problems in found if not file_problems)
    if tells.too_telling:
        problems.append(DialogueError(
            f"la mejor opción es la más larga en el {tells.best_longest:.0%} de los pasos y el límite es "
            f"{tells.limit:.0%} (azar más 10 puntos): alargue distractores o acorte la mejor opción",
            file=", ".join(map(str, paths))))
    return LintReport(len(files), problems, tells)
