"""The GraphQL schema's types (no I/O): what the contract names, in strawberry.

- :mod:`~kamgraph.api.schema.enums`: the domain enums, registered as GraphQL enums;
- :mod:`~kamgraph.api.schema.types`: ``Node`` and the node types, the relationship
  types (``Employment``, ``Acquaintance``, ...), connections; each resolves
  what it links to through the request's DataLoaders;
- :mod:`~kamgraph.api.schema.inputs`: filters and write inputs (``UNSET`` = not given);
- :mod:`~kamgraph.api.schema.paging`: opaque cursors and the bounds of ``first``;
- :mod:`~kamgraph.api.schema.fields`: typed ``field``/``mutation`` decorators.

The root ``Query``/``Mutation`` are assembled in :mod:`kamgraph.api.resolvers`.
"""
