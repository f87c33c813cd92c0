"""Bucket edges by days past due."""

from simulator.buckets import BUCKET_NAMES, bucket_index


def test_bucket_edges():
    days = (0, 0.5, 1, 30, 30.9, 31, 60, 61, 90.9, 91, 179)
    labels = [BUCKET_NAMES[bucket_index(d)] for d in days]
    assert labels == ["al_corriente", "al_corriente", "1-30", "1-30", "1-30", "31-60", "31-60",
                      "61-90", "61-90", "90+", "90+"]
