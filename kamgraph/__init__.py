"""kamgraph: key-account knowledge as a graph, served over GraphQL."""

__version__ = "0.1.0"
