"""Alembic migrations of the strife schema (applied automatically when a store opens).

New revision, from the repository root:
    python -m strife.store.migrate revision -m "what changed"
"""
