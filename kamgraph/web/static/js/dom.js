// Building the page: elements from data (text only, never HTML from data), and formatting.

/** An element: h("a", {href: "/x", class: "link"}, "text", child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false || child === "") continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** A link inside the explorer (history navigation, see main.js). */
export function link(path, ...children) {
  return h("a", { href: path, "data-link": "" }, ...children);
}

export const accountPath = (id) => `/accounts/${encodeURIComponent(id)}`;
export const personPath = (id) => `/people/${encodeURIComponent(id)}`;

const SVG_NS = "http://www.w3.org/2000/svg";
const ICONS = {
  lock: "M5 7V5a3 3 0 0 1 6 0v2h1v7H4V7h1zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z",
  star: "M8 1.5l1.9 4.1 4.4.5-3.3 3 .9 4.4L8 11.3l-3.9 2.2.9-4.4-3.3-3 4.4-.5z",
  close: "M4 3l4 4 4-4 1 1-4 4 4 4-1 1-4-4-4 4-1-1 4-4-4-4z",
  arrow: "M8 2v9.5l3-3 1 1L8 13.7 4 9.5l1-1 3 3V2z",
  warn: "M8 1l7 13H1L8 1zm-.8 5v4h1.6V6H7.2zm0 5v1.6h1.6V11H7.2z",
};

/** A small icon from a fixed set (drawn from constants, never from data). */
export function icon(name, cls = "icon") {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", cls);
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

/** What a field looks like when the key's role may not read it. */
export function redacted(role = "analyst") {
  return h(
    "span",
    { class: "redacted", title: `Personal data: needs the ${role} role`, "data-redacted": "" },
    icon("lock"),
    "hidden for your role",
  );
}

// ---- formatting ----

const money0 = new Intl.NumberFormat("en", { style: "currency", currency: "EUR", notation: "compact", maximumFractionDigits: 1 });

export function money(value) {
  return value == null ? "—" : money0.format(value);
}

export function pct(value, digits = 0) {
  return value == null ? "—" : `${(value * 100).toFixed(digits)}%`;
}

export function num(value, digits = 2) {
  return value == null ? "—" : Number(value).toFixed(digits);
}

/** "ECONOMIC_BUYER" -> "Economic buyer"; "C_LEVEL" -> "C-level". */
export function label(value) {
  if (value == null) return "—";
  if (value === "C_LEVEL") return "C-level";
  if (value === "VP") return "VP";
  const text = value.toLowerCase().replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function date(value) {
  if (!value) return "—";
  const d = new Date(`${value}T00:00:00Z`);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Whole days from ISO date a to ISO date b. */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

/** A bar of 0..1 (a score, a strength). */
export function bar(value, cls = "") {
  const width = value == null ? 0 : Math.max(0, Math.min(1, value)) * 100;
  return h("span", { class: `bar ${cls}`, title: value == null ? "" : num(value) }, h("span", { style: { width: `${width}%` } }));
}

export function pill(text, cls = "") {
  return h("span", { class: `pill ${cls}` }, text);
}

export const TIER_ORDER = ["STRATEGIC", "KEY", "GROWTH", "STANDARD"];
export const STATUS_ORDER = ["CUSTOMER", "PROSPECT", "FORMER"];
export const OPEN_STAGES = new Set(["PROSPECTING", "QUALIFYING", "PROPOSAL", "NEGOTIATION"]);
