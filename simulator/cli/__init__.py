"""``python -m simulator``: the Spanish command line, one module per command family.

:mod:`simulator.cli.main` builds the parser and dispatches; each family module
registers its sub-commands and turns their errors into Spanish messages.
"""
