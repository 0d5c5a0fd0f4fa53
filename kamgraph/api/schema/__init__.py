"""The GraphQL schema's types (no I/O): what the contract names, in strawberry.

- :mod:`~kamgraph.api.schema.enums`: the domain enums, registered as GraphQL enums;
- :mod:`~kamgraph.api.schema.objects`: the ``Node`` interface and the base of the
  relationship types (how a domain node or relationship becomes an object);
- :mod:`~kamgraph.api.schema.nodes`: the node types; :mod:`~kamgraph.api.schema.relationships`:
  the relationship types (``Employment``, ``Acquaintance``, ...);
  :mod:`~kamgraph.api.schema.connections`: pages of nodes;
- :mod:`~kamgraph.api.schema.relations`: the one resolver of each kind of link (linked
  nodes, relationships, referenced ids), read through the request's DataLoaders;
- :mod:`~kamgraph.api.schema.analysis_types`: the analyses' results;
- :mod:`~kamgraph.api.schema.execution`: the short execution path of a read (one switch);
- :mod:`~kamgraph.api.schema.inputs`: filters and write inputs (``UNSET`` = not given);
- :mod:`~kamgraph.api.schema.paging`: opaque cursors and the bounds of ``first``;
- :mod:`~kamgraph.api.schema.fields`: typed ``field``/``mutation`` decorators.

The root ``Query``/``Mutation`` are assembled in :mod:`kamgraph.api.resolvers`.
"""
