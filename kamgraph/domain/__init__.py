"""The domain: kinds of nodes and relationships, their properties, and the rules every write meets."""
