"""The course's two tracks: what a learner chooses at sign-in, and what it decides.

An agent (``gestor``) practises calls, negotiation and the rules; a manager
(``gerente``) also runs the simulator, compares strategies and reads their
statistics. The track decides which final exam counts: the agent's has no
statistics item (:func:`simulator.course.exercises.exam_items`).
"""

from __future__ import annotations

__all__ = ["AGENT", "MANAGER", "TRACKS"]

#: The agent track: calls, negotiation and rules, answered without code.
AGENT = "gestor"
#: The manager track: the agent's skills plus the simulator, strategies and statistics.
MANAGER = "gerente"
#: Each track with the label a learner reads in the sign-in form.
TRACKS = {AGENT: "Gestor de cobranza", MANAGER: "Gerente o supervisor"}
