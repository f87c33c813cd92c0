"""Random walks through every scenario, shared by the edition tests and the tool that records
the Mexican transcripts as they were before editions existed (``tests/data/mx_transcripts.json``)."""

from __future__ import annotations

import json
import random
import sys

from simulator.roleplay import RolePlay, load_library

WALKS = 6


def walks(edition=None) -> dict[str, list[list[str]]]:
    """For each scenario and variant, ``WALKS`` seeded walks: every line said, each option's feedback."""
    found = {}
    for scenario in load_library().values():
        for variant in range(len(scenario.variants) + 1):
            key = f"{scenario.id}/{variant}"
            found[key] = [_walk(scenario, variant, seed, edition) for seed in range(WALKS)]
    return found


def _walk(scenario, variant, seed, edition) -> list[str]:
    pick = random.Random(seed)
    extra = {} if edition is None else {"edition": edition}
    session = RolePlay(scenario, seed=seed, variant=variant, **extra)
    said = []
    while not session.finished:
        options = session.choices
        said += [option.text for option in options]
        option = options[pick.randrange(len(options))]
        typed = {"monto": session.fill("{saldo}"), "fecha": "mañana"}.get(option.asks_for or "")
        said.append(session.choose(option.index, typed).feedback)
    return said + [f"{line.speaker}: {line.text}" for line in session.transcript]


if __name__ == "__main__":
    json.dump(walks(), sys.stdout, ensure_ascii=False, indent=0, sort_keys=True)
