"""One module per course topic; each registers its exercises when imported.

The registry imports every module of this package on first lookup, so adding a
topic is adding a file here: no list to keep in step.
"""
