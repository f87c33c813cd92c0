"""Load role-play scenarios from YAML, refusing any that a session could get stuck in."""

from __future__ import annotations

from pathlib import Path

from simulator.errors import DialogueError
from simulator.paths import dataset
from simulator.roleplay.graph import structural_problems
from simulator.roleplay.schema import Scenario, yaml_keys
from simulator.roleplay.story import placeholder_problems, variant_problems
from simulator.yaml_lines import LocatedYaml, load_located_yaml, validate_located

__all__ = ["DEFAULT_LIBRARY", "load_library", "load_scenario", "read_scenario"]

#: The scenarios that ship with the course.
DEFAULT_LIBRARY = dataset("dialogues")


def read_scenario(path: str | Path) -> tuple[Scenario, LocatedYaml]:
    """Parse and validate one file, keeping node lines for later messages.

    Raises:
        DialogueError: naming file, line and key of the first schema problem.
    """
    located = load_located_yaml(path, DialogueError)
    scenario = validate_located(Scenario, located, DialogueError, str(path), yaml_keys())
    return scenario, located


def load_scenario(path: str | Path) -> Scenario:
    """A scenario ready to play.

    Raises:
        DialogueError: for a schema problem, a broken graph (unknown node,
            dead end, loop without exit), a placeholder nothing defines or a
            variant that breaks the scenario, naming file and line.
    """
    scenario, located = read_scenario(path)
    problems = structural_problems(scenario) or placeholder_problems(scenario) or variant_problems(scenario)
    if problems:
        first = problems[0]
        raise DialogueError(first.message, file=str(path), line=located.line_of(first.loc))
    return scenario


def load_library(folder: str | Path = DEFAULT_LIBRARY) -> dict[str, Scenario]:
    """Every scenario in ``folder`` by id, in file-name order.

    Raises:
        DialogueError: for the first broken file, or two files with one id.
    """
    library: dict[str, Scenario] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        scenario = load_scenario(path)
        if scenario.id in library:
            raise DialogueError(f"el id {scenario.id!r} ya se usa en otro escenario", file=str(path),
                                field="id")
        library[scenario.id] = scenario
    return library
