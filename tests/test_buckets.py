"""Bucket edges by days past due."""

from simulator.buckets import BUCKET_NAMES, bucket_index


def test_bucket_edges():
    labels = [BUCKET_NAMES[bucket_index(d)] for d in (0, 0.5, 30, 30.01, 60, 61, 90, 90.5, 179)]
    assert labels == ["al_corriente", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "90+", "90+"]
