"""Evaluation: score strife's output against labelled data (``strife eval``).

The scorers are pure functions (gold dicts and Events in, numbers out) in :mod:`.gold` and
:mod:`.acled`; :mod:`.cli` only reads files, runs the pipeline and prints.
"""
