"""The web pages: the explorer (``/``) and GraphiQL, served from the package.

Everything a browser loads comes from this package — the pages, their scripts
and styles, and the libraries they use (``vendor/``, copied from the npm
registry by ``scripts/vendor-web`` at pinned versions with their licences) —
so the pages work on a network with no internet. The explorer is a
single-page app that talks only to the public GraphQL API (``POST /graphql``).

This layer holds static files and the routes that serve them; it imports
nothing of kamgraph's.
"""

from kamgraph.web.routes import graphiql_page, web_routes

__all__ = ["graphiql_page", "web_routes"]
