"""Experiments: run a strategy many times and compare, sweep or plan a live test.

Settings in, KPIs with their uncertainty out: the runner and its execution
back ends (processes, Dask), sharding of large portfolios, the run cache, the
champion/challenger comparison, parameter sweeps, the live-test plan and the
engine benchmark. Everything here drives :mod:`simulator.engine`; nothing here
draws a screen or parses a command line.
"""
