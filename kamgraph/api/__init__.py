"""The service: GraphQL schema and resolvers, loaders, access, limits, HTTP."""
