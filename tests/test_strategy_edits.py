"""Channel mix and timing edits: what they change, what they keep, and that the result is a valid strategy."""

from __future__ import annotations

from simulator.strategies.edits import channels_used, keep_channels, shift_late_actions


def _all_actions(strategy):
    return [*strategy.actions, *(action for segment in strategy.segments for action in segment.actions)]


def test_channels_are_listed_once_in_order_of_first_use(strategy):
    escalonada = strategy("escalonada")
    used = channels_used(escalonada)
    assert len(used) == len(set(used)) and used[0] == escalonada.actions[0].channel
    assert set(used) == {action.channel for action in _all_actions(escalonada)}
    assert channels_used(strategy("nada")) == ()


def test_keeping_channels_drops_only_the_others_in_every_segment(strategy):
    personalizada = strategy("personalizada")
    assert personalizada.segments, "a strategy with segments shows the edit reaches them"
    without_calls = keep_channels(personalizada, [c for c in channels_used(personalizada) if c != "llamada"])
    assert "llamada" not in channels_used(without_calls)
    kept = [a for a in _all_actions(personalizada) if a.channel != "llamada"]
    assert _all_actions(without_calls) == kept
    assert without_calls.resources == personalizada.resources
    everything = keep_channels(personalizada, channels_used(personalizada))
    assert everything.model_dump() == personalizada.model_dump()


def test_shifting_moves_late_actions_together_and_leaves_reminders(strategy):
    escalonada = strategy("escalonada")
    later = shift_late_actions(escalonada, 7)
    for before, after in zip(_all_actions(escalonada), _all_actions(later), strict=True):
        if before.anchor == "vencimiento":
            assert after == before
        else:
            assert after.day == min(before.day + 7, 365)
            if before.until_day is not None:
                assert after.until_day == min(before.until_day + 7, 365)
    earlier = shift_late_actions(escalonada, -30)
    assert min(a.day for a in _all_actions(earlier) if a.anchor == "atraso") == 1  # never before day 1
    assert all(a.until_day is None or a.until_day >= a.day for a in _all_actions(earlier))
    assert shift_late_actions(escalonada, 0).model_dump() == escalonada.model_dump()
