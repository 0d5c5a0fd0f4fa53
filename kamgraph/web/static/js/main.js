// The explorer: one page whose address says what it shows (/, /accounts/<id>, /people/<id>),
// so links can be shared and the back button works. Data comes only from POST /graphql.

import { AccountView } from "./account.js";
import { AccountList, rankAccounts, renderHome } from "./accounts.js";
import { apiKey, ApiError, gql, probeAccess, setApiKey } from "./api.js";
import { accountPath, h, icon, link, personPath, todayIso } from "./dom.js";
import { renderPerson } from "./person.js";
import * as Q from "./queries.js";

const main = document.getElementById("main");
const drawer = document.getElementById("drawer");
const layout = document.querySelector(".layout");
const roleBadge = document.getElementById("role");
const asOfInput = document.getElementById("as-of");
const toastEl = document.getElementById("toast");

const cache = new Map();
let view = null; // the AccountView shown
let routeToken = 0;
let teamPromise = null;

/** All pages of a paged list: `pick(data)` is the connection. */
async function allPages(query, variables, pick) {
  const nodes = [];
  let after = null;
  do {
    const connection = pick(await gql(query, { ...variables, after }));
    if (!connection) break;
    nodes.push(...connection.edges.map((e) => e.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

async function loadTeam() {
  try {
    const home = (await allPages(Q.HOME, {}, (d) => d.companies)).find((c) => c.home);
    if (!home) return new Set();
    const people = await allPages(Q.TEAM, { id: home.id }, (d) => d.company && d.company.people);
    return new Set(people.map((p) => p.id));
  } catch (err) {
    toast(`Our team could not be read, coverage is not shown: ${err.message}`);
    return new Set();
  }
}

const ctx = {
  main,
  access: { open: false, personal: false, label: "" },
  asOf: new URLSearchParams(location.search).get("asOf") || todayIso(),
  priority: new Map(),
  /** A GraphQL query, answered once per key, variables and role (until the key changes). */
  query(query, variables = {}) {
    const key = `${query}\n${JSON.stringify(variables)}`;
    if (!cache.has(key)) {
      const promise = gql(query, variables);
      promise.catch((err) => {
        cache.delete(key);
        if (err instanceof ApiError && err.status === 401) askForKey(err.message);
      });
      cache.set(key, promise);
    }
    return cache.get(key);
  },
  /** Our team's ids (a Set), read once per key. */
  team() {
    if (!teamPromise) teamPromise = loadTeam();
    return teamPromise;
  },
  navigate,
  personPathOf: personPath,
  personLink: (p) => link(personPath(p.id), p.name),
  onChart() {},
};

// a handle for the browser tests (and the curious): the org chart shown, if any
window.kamgraphExplorer = {
  get chart() {
    return view && view.chart;
  },
};

function search() {
  return ctx.asOf !== todayIso() ? `?asOf=${ctx.asOf}` : "";
}

function navigate(path, { replace = false } = {}) {
  const url = path + search();
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
  }
  route();
}

function toast(message, kind = "error") {
  toastEl.replaceChildren(kind === "error" ? icon("warn") : "", ` ${message}`);
  toastEl.className = `toast ${kind}`;
  toastEl.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (toastEl.hidden = true), 6000);
}

function openDrawer() {
  if (drawer.hidden) {
    drawer.hidden = false;
    layout.classList.add("with-drawer");
    requestAnimationFrame(() => view && view.resize());
  }
}

function closeDrawer() {
  if (!drawer.hidden) {
    drawer.hidden = true;
    drawer.replaceChildren();
    layout.classList.remove("with-drawer");
    requestAnimationFrame(() => view && view.resize());
  }
}

function showAccountView(id) {
  if (!view || view.id !== id) {
    if (view) view.destroy();
    view = new AccountView(ctx, id);
    view.load();
  }
  sidebar.setActive(id);
}

async function route() {
  const token = ++routeToken;
  const path = location.pathname;
  let m = path.match(/^\/accounts\/([^/]+)\/?$/);
  if (m) {
    showAccountView(decodeURIComponent(m[1]));
    view.clearSelection();
    closeDrawer();
    return;
  }
  m = path.match(/^\/people\/([^/]+)\/?$/);
  if (m) {
    await showPerson(decodeURIComponent(m[1]), token);
    return;
  }
  if (view) view.destroy();
  view = null;
  closeDrawer();
  sidebar.setActive(null);
  renderHome(main, [...ctx.priority.values()], ctx.access);
}

async function showPerson(id, token) {
  openDrawer();
  drawer.replaceChildren(h("p", { class: "loading pad" }, "Loading…"));
  let person;
  try {
    person = (await ctx.query(Q.person(ctx.access.personal), { id })).person;
  } catch (err) {
    if (token === routeToken) drawer.replaceChildren(h("p", { class: "error pad" }, icon("warn"), ` ${err.message}`));
    return;
  }
  if (token !== routeToken) return;
  if (!person) {
    drawer.replaceChildren(h("div", { class: "pad" }, h("h2", null, "No such person"), h("p", null, `Nothing has the id “${id}”.`)));
    return;
  }
  document.title = `${person.name} · kamgraph`;
  const company = person.company;
  if (company) {
    showAccountView(company.id);
    view.selectPerson(person.id);
  } else {
    if (view) view.destroy();
    view = null;
    main.replaceChildren(h("div", { class: "card notice" }, h("p", null, `${person.name} has no current employer on record.`)));
  }
  const onClose = () => navigate(company ? accountPath(company.id) : "/");
  const team = await ctx.team();
  if (token !== routeToken) return;
  const pathIds = await renderPerson(ctx, drawer, person, { onClose, team });
  if (token === routeToken && view) view.highlightPaths(pathIds);
}

// ---- the API key ----

const dialog = document.getElementById("key-dialog");
const keyInput = document.getElementById("key-input");
const keyReason = document.getElementById("key-reason");
const keyRemember = document.getElementById("key-remember");

function askForKey(reason) {
  if (dialog.open) return;
  if (reason) keyReason.textContent = `${reason}. Enter an API key (ask your kamgraph administrator for one).`;
  keyInput.value = "";
  keyRemember.checked = Boolean(localStorage.getItem("kamgraph.apiKey"));
  dialog.showModal();
  keyInput.focus();
}

document.getElementById("key-button").addEventListener("click", () => askForKey(null));
document.getElementById("key-cancel").addEventListener("click", () => dialog.close());
document.getElementById("key-forget").addEventListener("click", () => {
  setApiKey("", false);
  dialog.close();
  start();
});
document.getElementById("key-form").addEventListener("submit", (e) => {
  e.preventDefault();
  setApiKey(keyInput.value.trim(), keyRemember.checked);
  dialog.close();
  start();
});

// ---- as of ----

asOfInput.value = ctx.asOf;
asOfInput.addEventListener("change", () => {
  ctx.asOf = asOfInput.value || todayIso();
  if (view) view.destroy();
  view = null;
  navigate(location.pathname, { replace: true });
});

// ---- links and history ----

document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-link]");
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute("href"));
});
window.addEventListener("popstate", () => route());
window.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !drawer.hidden && !dialog.open) drawer.querySelector(".close")?.click();
});

// ---- start ----

const sidebar = new AccountList(document.getElementById("sidebar"), { navigate });

async function start() {
  cache.clear();
  teamPromise = null;
  if (view) view.destroy();
  view = null;
  roleBadge.textContent = "…";
  try {
    ctx.access = await probeAccess();
  } catch (err) {
    roleBadge.textContent = apiKey() ? "key refused" : "no key";
    roleBadge.className = "role-badge refused";
    main.replaceChildren(h("div", { class: "card notice" }, h("h2", null, "This service needs an API key"), h("p", null, err.message)));
    if (err.status === 401) askForKey(err.message);
    else toast(err.message);
    return;
  }
  roleBadge.textContent = ctx.access.label;
  // GraphiQL's page is served in dev mode only (an open service on loopback)
  document.getElementById("graphiql-link").hidden = !ctx.access.open;
  roleBadge.className = `role-badge ${ctx.access.open ? "open" : ctx.access.personal ? "full" : "viewer"}`;
  try {
    const rows = rankAccounts((await ctx.query(Q.ACCOUNTS)).accountPriorities);
    ctx.priority = new Map(rows.map((r) => [r.company.id, r]));
    sidebar.setRows(rows);
  } catch (err) {
    sidebar.setError(err);
    toast(err.message);
  }
  route();
}

start();
