// GraphiQL over this service's /graphql, with the query builder (explorer plugin).
// The query, variables and headers can be shared in the address (?q=...&variables=...);
// an API key goes in the headers tab: {"Authorization": "Bearer kg_..."}.
"use strict";

(function () {
  const EXAMPLE_QUERY = `# kamgraph's GraphQL API. Run with Ctrl-Enter; complete with Ctrl-Space.
# With API keys configured, add {"Authorization": "Bearer kg_..."} in the headers tab.
# The explorer at / shows accounts, org charts and introduction paths.

query StrategicAccounts {
  accountPriorities(first: 5) {
    score
    coverage
    company { id name tier status currentSpend potentialSpend }
  }
}
`;

  const parameters = {};
  for (const entry of window.location.search.slice(1).split("&")) {
    const eq = entry.indexOf("=");
    if (eq >= 0) {
      parameters[decodeURIComponent(entry.slice(0, eq))] = decodeURIComponent(entry.slice(eq + 1));
    }
  }

  function updateURL(data) {
    Object.assign(parameters, data);
    const search = Object.keys(parameters)
      .filter((key) => Boolean(parameters[key]))
      .map((key) => encodeURIComponent(key) + "=" + encodeURIComponent(parameters[key]))
      .join("&");
    history.replaceState(null, "", "?" + search);
  }

  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  const explorer = GraphiQLPluginExplorer.explorerPlugin();

  function Page() {
    const [query, setQuery] = React.useState(parameters.q || EXAMPLE_QUERY);
    const [variables, setVariables] = React.useState(parameters.variables);
    return React.createElement(GraphiQL, {
      fetcher,
      plugins: [explorer],
      query,
      variables,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
      onEditQuery: (q) => { setQuery(q); updateURL({ q }); },
      onEditVariables: (v) => { setVariables(v); updateURL({ variables: v }); },
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(Page));
})();
