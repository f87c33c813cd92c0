"""Delinquency buckets (tramos) by days past due, shared by the engine and the KPIs."""

from __future__ import annotations

__all__ = ["BUCKET_EDGES_DAYS", "BUCKET_NAMES", "bucket_index"]

#: Bucket labels, from current to the oldest.
BUCKET_NAMES = ("al_corriente", "1-30", "31-60", "61-90", "90+")
#: Upper edge (inclusive, days past due) of every bucket but the last.
BUCKET_EDGES_DAYS = (0.0, 30.0, 60.0, 90.0)


def bucket_index(days_past_due: float) -> int:
    """Position in :data:`BUCKET_NAMES` of an account ``days_past_due`` late."""
    if days_past_due <= 30.0:
        return 0 if days_past_due <= 0.0 else 1
    if days_past_due <= 60.0:
        return 2
    return 3 if days_past_due <= 90.0 else 4
