"""The Neo4j backend: one named Cypher query per file in ``cypher/``."""
