"""Cobranza: a SimPy portfolio simulator for a Spanish-first collections course."""
