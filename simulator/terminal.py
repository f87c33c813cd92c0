"""How a CLI command talks to the terminal and how it ends, whatever happens.

A command ends in one of four ways, none with a traceback: it finishes (its
status), its input is wrong (one Spanish line, status 2), the user presses
Ctrl+C (one Spanish line, status 130, as shells report SIGINT), or the reader
of its output went away (``... | head -1``: silence and status 141, as a Unix
tool killed by SIGPIPE).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

from simulator.errors import CobranzaError

__all__ = ["BROKEN_PIPE", "INTERRUPTED", "print_output", "progress_bar", "run_guarded"]

#: Exit status after Ctrl+C (128 + SIGINT).
INTERRUPTED = 130
#: Exit status when the output pipe was closed (128 + SIGPIPE).
BROKEN_PIPE = 141


def run_guarded(command: Callable[[], int]) -> int:
    """Run ``command`` and turn each way it can end into an exit status (see the module)."""
    try:
        status = command()
        sys.stdout.flush()  # a closed pipe shows up here, not at exit where it cannot be caught
        return status
    except CobranzaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if sys.stderr.isatty():
            print(file=sys.stderr)  # leave the progress bar's line
        print("interrumpido con Ctrl+C; no se escribió ningún resultado", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # Python would still flush stdout at exit and complain: point it at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


def print_output(output, as_json: bool) -> None:
    """Print a command's result: one JSON line, or the text as is."""
    print(json.dumps(output, ensure_ascii=False) if as_json else output)


def progress_bar(unit: str = "réplica") -> Callable[[int, int], None] | None:
    """A one-line progress bar on stderr, only when a person is watching.

    Args:
        unit: what is counted, singular (``réplica``, ``valor``).
    """
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        filled = round(20 * done / total)
        end = "\n" if done == total else ""
        print(f"\r[{'#' * filled}{'.' * (20 - filled)}] {unit} {done}/{total}", end=end,
              file=sys.stderr, flush=True)

    return show
