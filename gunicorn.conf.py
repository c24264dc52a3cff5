"""Gunicorn settings, read from the working directory by `gunicorn wsgi:app`; command-line flags win."""
# An accepted 200,000-line statement import takes about a minute on a loaded two-core laptop
# (docs/BENCHMARKS.md, hostile files): the worker must not be killed in the middle of it.
timeout = 300
