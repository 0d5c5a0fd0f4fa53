"""Synthetic data: the demo data set and the scalable generator (``kamgraph generate``).

- :mod:`kamgraph.synth.generator`: ``generate(people, seed)``, a deterministic,
  streaming generator of import records for graphs of any size;
- :mod:`kamgraph.synth.demo`: the small, named demo data set and ``load_demo``;
- :mod:`kamgraph.io.formats`: the record format and its NDJSON / CSV writers;
- :mod:`kamgraph.synth.market`: the companies, products and deals;
- :mod:`kamgraph.synth.economy`: usage, spend and status from the deals, and the
  supply chains between industries that trade;
- :mod:`kamgraph.synth.orgs`, :mod:`kamgraph.synth.names`: org charts and vocabularies.
"""
