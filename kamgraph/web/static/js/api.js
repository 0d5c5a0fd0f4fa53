// The explorer's only way to the data: POST /graphql, with the user's API key as a Bearer token.

const KEY_NAME = "kamgraph.apiKey";

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, errors = [] } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** The API key in use: this tab's, or the one remembered on this browser. */
export function apiKey() {
  return sessionStorage.getItem(KEY_NAME) || localStorage.getItem(KEY_NAME) || "";
}

export function setApiKey(key, remember) {
  sessionStorage.removeItem(KEY_NAME);
  localStorage.removeItem(KEY_NAME);
  if (key) (remember ? localStorage : sessionStorage).setItem(KEY_NAME, key);
}

/**
 * Run one GraphQL operation; its data, or an ApiError.
 * A response with data and errors (a field that failed) is data; errors with no data throw.
 */
export async function gql(query, variables = {}) {
  const headers = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json;q=0.9",
  };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch (err) {
    throw new ApiError(`The service cannot be reached (${err.message})`, { code: "NETWORK" });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The service answered HTTP ${response.status}`, { status: response.status });
  }
  const errors = (body && body.errors) || [];
  if (errors.length && (body.data == null || response.status >= 400)) {
    const first = errors[0];
    const code = (first.extensions && first.extensions.code) || null;
    throw new ApiError(first.message, { status: response.status, code, errors });
  }
  if (!response.ok) throw new ApiError(`The service answered HTTP ${response.status}`, { status: response.status });
  return body.data;
}

/**
 * What this key may see. The role check is made on a query's document before it runs,
 * so selecting a personal field (Person.email) answers 403 for a viewer, and nothing is read.
 * Returns {open, personal, label}.
 */
export async function probeAccess() {
  await gql("query Probe { __typename }"); // 401 without a valid key
  let personal = true;
  try {
    await gql('query ProbePersonal { person(id: "") { email } }');
  } catch (err) {
    if (err.code !== "FORBIDDEN") throw err;
    personal = false;
  }
  const open = !apiKey();
  const label = open ? "open service (no keys)" : personal ? "analyst or above" : "viewer · personal data hidden";
  return { open, personal, label };
}
