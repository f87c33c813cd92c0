"""Priors of the uncertain behaviour parameters, and the plausible worlds drawn from them.

A comparison's 95 % interval only covers simulation noise, while its answer
depends mostly on assumed parameters (issue 21). A priors file gives each
uncertain parameter a range, a distribution and the source of that range; a
*world* is the parameter set with one draw of every prior. Worlds are drawn
from the run seed, world by world, so the same seed gives the same worlds and
world 3 is the same whether 5 or 50 are drawn.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from simulator.errors import ParametersError
from simulator.parameters import ModelParameters
from simulator.paths import dataset
from simulator.random_streams import WorldStream, seeded_generator
from simulator.suggestions import did_you_mean
from simulator.yaml_lines import LocatedYaml, load_located_yaml, spanish_message, validate_located

__all__ = ["DEFAULT_PRIORS", "MAX_WORLDS", "Prior", "Priors", "draw_worlds", "load_priors"]

#: The packaged priors, read like any ``--priors`` file.
DEFAULT_PRIORS = dataset("calibration", "priors.yaml")
#: Most worlds of one comparison: 20 to 100 already place the 2.5 and 97.5 percentiles.
MAX_WORLDS = 1000


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prior(_Frozen):
    """The range of one parameter: uniform on [low, high], or triangular with its peak at ``mode``;
    ``label`` says in Spanish what the parameter is, for a manager who does not read its key."""

    label: str = Field(min_length=1)
    distribution: Literal["uniform", "triangular"]
    low: float
    high: float
    mode: float | None = None
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Prior:
        if not self.low < self.high:
            raise ValueError(f"'low' ({self.low:g}) debe ser menor que 'high' ({self.high:g})")
        if self.distribution == "uniform" and self.mode is not None:
            raise ValueError("'mode' solo se usa con distribution: triangular")
        peak = self.mode
        if self.distribution == "triangular" and (peak is None or not self.low <= peak <= self.high):
            raise ValueError("una distribución triangular necesita 'mode' entre 'low' y 'high'")
        return self

    def draw(self, rng: np.random.Generator) -> float:
        """One value from this prior."""
        if self.mode is None:
            return float(rng.uniform(self.low, self.high))
        return float(rng.triangular(self.low, self.mode, self.high))


class _PriorsFile(_Frozen):
    version: str
    source: str
    priors: dict[str, Prior] = Field(min_length=1)


@dataclass(frozen=True)
class Priors:
    """A validated priors file: ``priors`` maps a parameter's dotted path to its :class:`Prior`."""

    file: str
    version: str
    source: str
    priors: dict[str, Prior]


def load_priors(parameters: ModelParameters, path: str | Path | None = None) -> Priors:
    """Load a priors file (the packaged one when ``path`` is None) and check it against ``parameters``.

    Every key must name a number of ``parameters`` (``channels.llamada.reach_probability``), and
    both ends of its range must be values that parameter accepts, so that no drawn world is refused
    halfway through a comparison.

    Raises:
        ParametersError: naming file, line and field of the first problem, in Spanish.
    """
    file = str(DEFAULT_PRIORS if path is None else path)
    located = load_located_yaml(file, ParametersError)
    known = set(_PriorsFile.model_fields) | set(Prior.model_fields)
    loaded = validate_located(_PriorsFile, located, ParametersError, file, known)
    data = parameters.model_dump()
    for key, prior in loaded.priors.items():
        _check_path(data, key, located, file)
        for end in ("low", "high"):
            _check_value(data, key, getattr(prior, end), end, located, file)
    return Priors(file, loaded.version, loaded.source, dict(loaded.priors))


def _problem(message: str, located: LocatedYaml, file: str, key: str,
             end: str | None = None) -> ParametersError:
    loc = ("priors", key) if end is None else ("priors", key, end)
    field = f"priors.{key}" if end is None else f"priors.{key}.{end}"
    return ParametersError(message, file=file, line=located.line_of(loc), field=field)


def _check_path(data: dict[str, Any], key: str, located: LocatedYaml, file: str) -> None:
    """Refuse a key that does not lead to a decimal number of the parameters."""
    node: Any = data
    for depth, part in enumerate(key.split(".")):
        if not isinstance(node, dict) or part not in node:
            options = sorted(node) if isinstance(node, dict) else []
            where = ".".join(key.split(".")[:depth]) or "el archivo de parámetros"
            raise _problem(f"'{part}' no está en {where}{did_you_mean(part, options)}", located, file, key)
        node = node[part]
    if isinstance(node, bool) or not isinstance(node, float):
        raise _problem(f"'{key}' no es un parámetro decimal (vale {node!r}); solo se sortean números "
                       "decimales", located, file, key)


def _check_value(data: dict[str, Any], key: str, value: float, end: str, located: LocatedYaml,
                 file: str) -> None:
    try:
        _with_values(data, {key: value})
    except ValidationError as exc:
        message = spanish_message(exc.errors()[0])
        raise _problem(f"el parámetro no acepta {value:g}: {message}", located, file, key, end) from None


def _with_values(data: dict[str, Any], values: dict[str, float]) -> ModelParameters:
    """``data`` (a dumped parameter set) with ``values`` at their dotted paths, validated."""
    changed = copy.deepcopy(data)
    for key, value in values.items():
        *parents, last = key.split(".")
        node = changed
        for part in parents:
            node = node[part]
        node[last] = value
    return ModelParameters.model_validate(changed)


def draw_worlds(priors: Priors, parameters: ModelParameters, count: int, seed: int) -> list[ModelParameters]:
    """``count`` plausible worlds: ``parameters`` with one draw of every prior each.

    World ``i`` draws from its own stream of ``seed`` (spawn key ``(WORLDS, i)``),
    the priors in file order, so it does not depend on ``count``.
    """
    data = parameters.model_dump()
    worlds = []
    for number in range(count):
        rng = seeded_generator(seed, WorldStream.PARAMETERS, number)
        worlds.append(_with_values(data, {key: prior.draw(rng) for key, prior in priors.priors.items()}))
    return worlds
