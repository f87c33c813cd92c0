"""The SimPy model of a portfolio: accounts, contacts, staff, conversations, ledger, one replication.

:class:`~simulator.engine.simulation.Simulation` runs one replication of one
strategy over one portfolio and returns its tables; the experiment layer
(:mod:`simulator.experiments`) repeats it and summarises.
"""
