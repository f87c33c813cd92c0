"""Delinquency buckets (tramos) by days past due, shared by the engine and the KPIs.

Days past due count whole days, as a lender's system does: on its due date an
unpaid account is still current (0 days), the next day it is 1 day late.
"""

from __future__ import annotations

import bisect
import math
from typing import Literal, get_args

__all__ = ["BUCKET_EDGES_DAYS", "BUCKET_NAMES", "Bucket", "bucket_index"]

#: A bucket label (the type strategies validate against).
Bucket = Literal["al_corriente", "1-30", "31-60", "61-90", "90+"]
#: Bucket labels, from current to the oldest.
BUCKET_NAMES: tuple[Bucket, ...] = get_args(Bucket)
#: Upper edge (inclusive, days past due) of every bucket but the last.
BUCKET_EDGES_DAYS = (0.0, 30.0, 60.0, 90.0)


def bucket_index(days_past_due: float) -> int:
    """Position in :data:`BUCKET_NAMES` of an account ``days_past_due`` late
    (fractions of a day do not count)."""
    return bisect.bisect_left(BUCKET_EDGES_DAYS, math.floor(days_past_due))
