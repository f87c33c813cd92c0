"""The run's log of attempted contacts, kept as packed columns.

A large portfolio makes tens of millions of attempts; a Python tuple per
attempt cost ~250 bytes, so the log dominated memory. Here an attempt costs
20 bytes (account number, time, one packed code), the per-channel counts the
KPIs need are computed from the columns with numpy, and the pandas table with
labels (``CONTACT_COLUMNS``) is only built when something reads it: the
independent compliance audit, ``--audit-log`` or a notebook.
"""

from __future__ import annotations

from array import array

import numpy as np
import pandas as pd

from simulator.parameters import ModelParameters

__all__ = ["CONTACT_COLUMNS", "ContactLog"]

#: Columns of the contact table (one row per attempted contact).
CONTACT_COLUMNS = (
    "account_id", "time_days", "channel", "contact_class", "consented", "to_third_party",
    "identified", "threatening", "allowed", "rule_id", "executed", "reached",
    "conversation", "outcome", "cost_mxn",
)
#: Flag bits of a packed code, in this order.
_FLAGS = ("consented", "to_third_party", "allowed", "executed", "reached", "conversation")
_FLAG_BITS = 1 << len(_FLAGS)
_LABEL_SLOTS = 1 << 12  # room for rule ids and outcomes (a few dozen are used)


class ContactLog:
    """Every attempted contact of one replication, oldest first.

    Args:
        parameters: the channels (their class and cost label each attempt).
    """

    __slots__ = ("_channels", "_labels", "account", "time", "code")

    def __init__(self, parameters: ModelParameters) -> None:
        self._channels = {name: number for number, name in enumerate(parameters.channels)}
        self._labels: dict[str, int] = {"": 0}
        self.account = array("i")
        self.time = array("d")
        self.code = array("q")

    def add(self, account: int, time: float, channel: str, rule_id: str, outcome: str,
            flags: int) -> None:
        """Append one attempt; ``flags`` sums the ``flag`` bits that hold."""
        labels = self._labels
        rule = labels.get(rule_id)
        if rule is None:
            rule = labels[rule_id] = len(labels)
        said = labels.get(outcome)
        if said is None:
            said = labels[outcome] = len(labels)
        self.account.append(account)
        self.time.append(time)
        self.code.append(((self._channels[channel] * _LABEL_SLOTS + rule) * _LABEL_SLOTS + said)
                         * _FLAG_BITS + flags)

    @classmethod
    def merged(cls, logs: list[ContactLog], parameters: ModelParameters) -> ContactLog:
        """One log holding ``logs`` one after the other (the shards of one replication).

        Channel numbers come from ``parameters`` and agree; rule and outcome
        labels were numbered in the order each log met them, so they are renumbered.
        """
        merged = cls(parameters)
        labels = merged._labels
        for log in logs:
            channel, rule, said, _ = log._decoded()
            renumber = np.zeros(len(log._labels), dtype=np.int64)
            for label, code in log._labels.items():
                renumber[code] = labels.setdefault(label, len(labels))
            flags = np.frombuffer(log.code, dtype=np.int64) % _FLAG_BITS if len(log.code) else 0
            code = ((channel * _LABEL_SLOTS + renumber[rule]) * _LABEL_SLOTS + renumber[said]) \
                * _FLAG_BITS + flags
            merged.account.frombytes(log.account.tobytes())
            merged.time.frombytes(log.time.tobytes())
            merged.code.frombytes(np.asarray(code, dtype=np.int64).tobytes())
        return merged

    @staticmethod
    def flag(name: str) -> int:
        """Bit of flag ``name`` (``consented``, ``to_third_party``, ``allowed``,
        ``executed``, ``reached``, ``conversation``)."""
        return 1 << _FLAGS.index(name)

    def __len__(self) -> int:
        return len(self.time)

    def _decoded(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        code = np.frombuffer(self.code, dtype=np.int64) if len(self.code) else np.zeros(0, np.int64)
        flags = {name: (code >> bit) & 1 == 1 for bit, name in enumerate(_FLAGS)}
        rest = code // _FLAG_BITS
        return (rest // (_LABEL_SLOTS * _LABEL_SLOTS), rest // _LABEL_SLOTS % _LABEL_SLOTS,
                rest % _LABEL_SLOTS, flags)

    def channel_counts(self, parameters: ModelParameters, no_staff: str,
                       policy_limits: tuple[str, ...]) -> pd.DataFrame:
        """Per channel with attempts, sorted by name: its class, attempts,
        executed, blocked by the rules, lost for lack of staff, stopped by the
        strategy's own limits, reached, conversations and cost (pesos)."""
        channel, rule, _, flags = self._decoded()
        names = list(self._channels)
        size = len(names)

        def count(mask: np.ndarray) -> np.ndarray:
            return np.bincount(channel[mask], minlength=size)

        rule_codes = {label: code for label, code in self._labels.items()}
        limited = np.isin(rule, [rule_codes[r] for r in policy_limits if r in rule_codes])
        costs = np.array([parameters.channels[name].cost_mxn for name in names])
        table = pd.DataFrame({
            "channel": names,
            "contact_class": [parameters.channels[name].contact_class for name in names],
            "attempts": np.bincount(channel, minlength=size),
            "executed": count(flags["executed"]),
            "blocked": count(~flags["allowed"]),
            "no_staff": count(rule == rule_codes.get(no_staff, -1)),
            "policy_limited": count(limited),
            "reached": count(flags["reached"]),
            "conversations": count(flags["conversation"]),
            "cost_mxn": count(flags["executed"]) * costs,
        })
        return table[table["attempts"] > 0].sort_values("channel").reset_index(drop=True)

    def table(self, parameters: ModelParameters, account_ids: list[str]) -> pd.DataFrame:
        """The log as a labelled table, columns ``CONTACT_COLUMNS``, in log order."""
        channel, rule, outcome, flags = self._decoded()
        names = np.array(list(self._channels), dtype=object)
        classes = np.array([parameters.channels[name].contact_class for name in names], dtype=object)
        costs = np.array([parameters.channels[name].cost_mxn for name in names])
        labels = np.empty(len(self._labels), dtype=object)
        for label, code in self._labels.items():
            labels[code] = label
        ids = np.asarray(account_ids, dtype=object)
        account = np.frombuffer(self.account, dtype=np.int32) if len(self.account) else np.zeros(0, int)
        return pd.DataFrame({
            "account_id": ids[account],
            "time_days": np.frombuffer(self.time) if len(self.time) else np.zeros(0),
            "channel": names[channel],
            "contact_class": classes[channel],
            "consented": flags["consented"],
            "to_third_party": flags["to_third_party"],
            # Every collector of the portfolio model identifies and nobody threatens.
            "identified": np.ones(len(channel), dtype=bool),
            "threatening": np.zeros(len(channel), dtype=bool),
            "allowed": flags["allowed"],
            "rule_id": labels[rule],
            "executed": flags["executed"],
            "reached": flags["reached"],
            "conversation": flags["conversation"],
            "outcome": labels[outcome],
            "cost_mxn": np.where(flags["executed"], costs[channel], 0.0),
        }, columns=list(CONTACT_COLUMNS))
