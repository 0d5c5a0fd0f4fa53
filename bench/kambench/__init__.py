"""kamgraph's benchmark suite (run by ``bench/run.py``; see ``bench/README.md``).

Not a test suite: it reports figures into ``bench/results.json`` and
``bench/RESULTS.md`` and never fails on a missed target.
"""
