"""``python -m simulator dialogue list|lint|play`` as a trainer or student runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from simulator.roleplay import load_scenario
from simulator.roleplay.loader import DEFAULT_LIBRARY
from simulator.roleplay.replay import shown_path

MINIMAL = str(Path(__file__).parent / "data" / "dialogo_minimo.yaml")


def test_list_json_describes_every_scenario(cli):
    done = cli("dialogue", "list", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) >= 12
    assert set(rows[0]) == {"id", "title", "persona", "difficulty", "decisions", "endings", "variants"}
    assert {row["id"]: row["variants"] for row in rows}["promesa_incumplida"] >= 3
    assert all(row["decisions"] >= 5 and len(row["endings"]) >= 3 for row in rows)


def _as_shown(scenario: str, authored: list[int], inputs: list[str], seed: int) -> str:
    """The ``--choices`` that say the options written ``authored`` in the file, under ``--seed``."""
    numbers = shown_path(load_scenario(scenario), authored, inputs, seed=seed, order_seed=seed)
    return ",".join(map(str, numbers))


def test_play_headless_prints_ending_scores_transcript_and_feedback(cli):
    choices = _as_shown(DEFAULT_LIBRARY / "negociacion_abono.yaml", [0] * 8, ["1,700", "el sábado"], 1)
    done = cli("dialogue", "play", "negociacion_abono", "--choices", choices,
               "--inputs", "1,700|el sábado", "--seed", "1", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ending"] == "promesa_de_pago" and result["finished"] and result["objective_met"] is True
    assert set(result["scores"]) == {"comunicacion", "compromiso", "confianza", "cumplimiento"}
    assert result["promise"]["monto_mxn"] == 1700.0 and result["promise"]["fecha"] == "2026-03-14"
    assert result["transcript"][0] == {"quien": "deudor", "texto": "¿Bueno? ¿Quién habla?"}
    assert len(result["feedback"]) == 8 and all(item["retro"] for item in result["feedback"])
    assert [move["elegida_en_archivo"] for move in result["choices"]] == [0] * 8
    assert [move["elegida"] for move in result["choices"]] == [int(number) for number in choices.split(",")]


def test_the_seed_changes_the_order_shown_and_show_lists_it(cli):
    first, second = (json.loads(cli("dialogue", "play", "negociacion_abono", "--show", "--choices", "0",
                                    "--seed", str(seed), "--json").stdout) for seed in (1, 2))
    assert first["paso"] == 2 and first["deudor"] == "Sí, soy yo. ¿De qué se trata?"
    assert [option["opcion"] for option in first["opciones"]] == [0, 1, 2]
    texts = [{option["texto"] for option in listing["opciones"]} for listing in (first, second)]
    assert texts[0] == texts[1]
    orders = {seed: cli("dialogue", "play", "negociacion_abono", "--show", "--seed", str(seed)).stdout
              for seed in range(1, 6)}
    assert len(set(orders.values())) > 1 and all("[2] " in text for text in orders.values())


def test_play_with_an_out_of_range_choice_names_the_step(cli):
    done = cli("dialogue", "play", MINIMAL, "--choices", _as_shown(MINIMAL, [0], [], 1) + ",7")
    assert done.returncode == 2
    assert "paso 2: la opción 7 no existe" in done.stderr and "Traceback" not in done.stderr


def test_play_with_an_unreadable_amount_or_choice_list(cli):
    amount = cli("dialogue", "play", MINIMAL, "--choices", _as_shown(MINIMAL, [0, 0], ["800"], 1),
                 "--inputs", "mucho")
    assert amount.returncode == 2 and "no pude leer un monto en 'mucho'" in amount.stderr
    listing = cli("dialogue", "play", MINIMAL, "--choices", "0,dos")
    assert listing.returncode == 2 and "'dos'" in listing.stderr


def test_play_an_unknown_id_points_to_the_list(cli):
    done = cli("dialogue", "play", "no_existe", "--choices", "0")
    assert done.returncode == 2 and "dialogue list" in done.stderr


def test_lint_passes_the_library_and_fails_a_broken_file(cli, tmp_path):
    assert cli("dialogue", "lint", "datasets/dialogues").returncode == 0
    broken = tmp_path / "roto.yaml"
    broken.write_text(Path(MINIMAL).read_text(encoding="utf-8").replace("ir_a: cuelga", "ir_a: nada"),
                      encoding="utf-8")
    done = cli("dialogue", "lint", str(broken))
    assert done.returncode == 1
    assert f"{broken}, línea 43: la opción lleva a un nodo que no existe: 'nada'" in done.stderr


def test_interactive_play_survives_bad_input_and_ends_with_a_debrief():
    first, second = _as_shown(MINIMAL, [0, 0], ["800"], 1).split(",")
    typed = "\n".join(["tres", "9", first, second, "mil y pico", second, "800"]) + "\n"
    done = subprocess.run([sys.executable, "-m", "simulator", "dialogue", "play", MINIMAL],
                          input=typed, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "No entendí 'tres'" in out and "la opción 9 no existe" in out
    assert "no pude leer un monto en 'mil y pico'" in out
    assert "Final: Promesa de pago" in out and "APROBADA" in out


def test_interactive_play_ends_cleanly_at_end_of_input():
    done = subprocess.run([sys.executable, "-m", "simulator", "dialogue", "play", MINIMAL],
                          input=_as_shown(MINIMAL, [0], [], 1) + "\n", capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "Llamada sin terminar" in done.stdout
