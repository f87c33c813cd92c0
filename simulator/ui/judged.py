"""A typed answer as HTML: the learner's own words with what the judge marked highlighted.

The HTML is cut from the raw text at the marks' offsets and every piece is
escaped, so whatever the learner typed (``<script>`` included) is shown as text.
"""

from __future__ import annotations

import html

from simulator.roleplay.judge import BREACHES, Judgement

__all__ = ["highlighted", "legend"]

_ELEMENT_STYLE = "background:#fff1a8;padding:0 2px;border-radius:3px"
_BREACH_STYLE = "background:#ffc9c9;color:#7a0010;padding:0 2px;border-radius:3px;text-decoration:underline"


def _title(label: str) -> str:
    return f"{'falta' if label in BREACHES else 'elemento'}: {label.replace('_', ' ')}"


def highlighted(verdict: Judgement) -> str:
    """The answer with each marked stretch in a ``<mark>`` titled by its labels; a breach in red."""
    text = verdict.text
    cuts = sorted({0, len(text), *(edge for mark in verdict.marks for edge in (mark.start, mark.end))})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[start:end])
        labels = list(dict.fromkeys(mark.label for mark in verdict.marks
                                    if mark.start <= start and end <= mark.end))
        if not labels:
            pieces.append(piece)
            continue
        style = _BREACH_STYLE if any(label in BREACHES for label in labels) else _ELEMENT_STYLE
        title = html.escape(" · ".join(_title(label) for label in labels))
        pieces.append(f"<mark style='{style}' title='{title}'>{piece}</mark>")
    return "".join(pieces)


def legend(verdict: Judgement) -> str:
    """What the colours mean for this answer: the elements found and each breach with its words."""
    parts = [f"<mark style='{_ELEMENT_STYLE}'>elementos</mark> "
             + html.escape(", ".join(label.replace("_", " ") for label in verdict.elements) or "ninguno")]
    if verdict.breaches:
        said = (f"{label.replace('_', ' ')} («{'», «'.join(verdict.words(label))}»)"
                for label in verdict.breaches)
        parts.append(f"<mark style='{_BREACH_STYLE}'>faltas</mark> " + html.escape(", ".join(said)))
    return "<div style='font-size:85%;margin-top:4px'>" + " · ".join(parts) + "</div>"
