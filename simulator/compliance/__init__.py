"""Contact rules per jurisdiction: a fast guard for the engine and an
independent audit for the report.

Packs are versioned YAML data in ``packs/`` (``MX`` is the default). The
engine asks :class:`ContactGuard` before every contact and records what it
executes in the account's :class:`ContactHistory`; ``audit_contacts`` checks
the executed log on its own and produces ``compliance_violations``. A
teaching model, not legal advice.
"""

from __future__ import annotations

from simulator.compliance.attempt import (
    ALLOWED,
    CONTACT_CLASSES,
    Attempt,
    ContactHistory,
    Decision,
    HistoryEntry,
)
from simulator.compliance.audit import audit_contacts, register_auditor
from simulator.compliance.guard import ContactGuard
from simulator.compliance.loader import DEFAULT_PACK, available_packs, load_pack
from simulator.compliance.pack import RulePack
from simulator.compliance.rules import RuleContext, RuleSpec, register_rule_kind, rule_kinds

__all__ = [
    "ALLOWED",
    "CONTACT_CLASSES",
    "DEFAULT_PACK",
    "Attempt",
    "ContactGuard",
    "ContactHistory",
    "Decision",
    "HistoryEntry",
    "RuleContext",
    "RulePack",
    "RuleSpec",
    "audit_contacts",
    "available_packs",
    "load_pack",
    "register_auditor",
    "register_rule_kind",
    "rule_kinds",
]
