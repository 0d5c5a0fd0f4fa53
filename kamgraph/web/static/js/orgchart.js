// An account's org chart: a tidy tree (d3-hierarchy's Reingold–Tilford layout) drawn by
// Cytoscape.js (zoom, pan, click), with managers that collapse and expand. A manager whose
// shown reports have no reports of their own gets them in a column under it, as org charts
// are usually drawn, so that a chart of hundreds stays readable.

import cytoscape from "/static/vendor/cytoscape/cytoscape.esm.min.js";
import { coverageOf } from "./coverage.js";
import { label, OPEN_STAGES } from "./dom.js";

const d3 = window.d3; // d3-hierarchy's UMD build (index.html)

const W = 210; // card width
const H = 66; // card height
const GAP_X = 40; // between neighbouring cards (more than INDENT)
const GAP_Y = 54; // between a manager and its reports
const STACK_GAP = 16; // between cards of a column
const INDENT = 30; // a column's cards are shifted right of their manager
const ROOT = "__company__";
const ROOT_H = 44;
const MAX_ANIMATED = 600; // nodes and edges

export const CARD_COLOURS = {
  covered: { fill: "#e8f6ee", band: "#2f9e62", stroke: "#9fd3b5" },
  stale: { fill: "#fff5e3", band: "#e08a00", stroke: "#f0c987" },
  uncovered: { fill: "#ffffff", band: "#c5ccd6", stroke: "#d5dae1" },
  known: { fill: "#eef1fd", band: "#5b6cc9", stroke: "#b9c2ee" },
};

export const STANCE_COLOURS = {
  CHAMPION: ["#14532d", "#ccefd9"],
  SUPPORTER: ["#166534", "#e6f6ec"],
  NEUTRAL: ["#374151", "#eceef1"],
  SKEPTIC: ["#9a3412", "#ffe6cf"],
  OPPONENT: ["#991b1b", "#fddede"],
};

const FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";

function xml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function cut(text, chars) {
  if (!text) return "";
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function chip(x, y, text, fg, bg) {
  const w = Math.round(text.length * 5.9 + 12);
  return {
    w,
    svg:
      `<rect x="${x}" y="${y}" width="${w}" height="16" rx="8" fill="${bg}"/>` +
      `<text x="${x + w / 2}" y="${y + 11.5}" font-size="10" font-weight="600" fill="${fg}" text-anchor="middle">${xml(text)}</text>`,
  };
}

/** A person's card as an SVG image (Cytoscape draws it as the node's background). */
function personCard(node) {
  const p = node.person;
  const c = CARD_COLOURS[node.coverage];
  const star = p.decisionMaker
    ? `<path transform="translate(13 9) scale(0.8)" d="M8 1.5l1.9 4.1 4.4.5-3.3 3 .9 4.4L8 11.3l-3.9 2.2.9-4.4-3.3-3 4.4-.5z" fill="#c58a09"/>`
    : "";
  const nameX = p.decisionMaker ? 29 : 15;
  let chips = "";
  let x = 15;
  const roles = node.roles;
  if (roles.length) {
    const r = roles[0];
    const a = chip(x, 44, label(r.role), "#312e81", "#e4e7fb");
    chips += a.svg;
    x += a.w + 4;
    if (r.stance) {
      const [fg, bg] = STANCE_COLOURS[r.stance] || STANCE_COLOURS.NEUTRAL;
      const b = chip(x, 44, label(r.stance), fg, bg);
      chips += b.svg;
      x += b.w + 4;
    }
    if (roles.length > 1) chips += `<text x="${x}" y="55.5" font-size="10" fill="#6b7280">+${roles.length - 1}</text>`;
  } else {
    const where = [p.department, p.seniority && label(p.seniority)].filter(Boolean).join(" · ");
    chips = `<text x="15" y="56" font-size="10" fill="#6b7280">${xml(cut(where, 34))}</text>`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="${xml(FONT)}">` +
    `<rect width="${W}" height="${H}" fill="${c.fill}"/><rect width="6" height="${H}" fill="${c.band}"/>` +
    star +
    `<text x="${nameX}" y="21" font-size="12.5" font-weight="650" fill="#111827">${xml(cut(p.name, p.decisionMaker ? 25 : 27))}</text>` +
    `<text x="15" y="37" font-size="11" fill="#4b5563">${xml(cut(p.title || "", 32))}</text>` +
    chips +
    `</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function companyCard(name, people) {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${ROOT_H}" font-family="${xml(FONT)}">` +
    `<rect width="${W}" height="${ROOT_H}" fill="#1d3557"/>` +
    `<text x="${W / 2}" y="19" font-size="12.5" font-weight="650" fill="#ffffff" text-anchor="middle">${xml(cut(name, 28))}</text>` +
    `<text x="${W / 2}" y="34" font-size="10.5" fill="#a8c5e2" text-anchor="middle">${people} people</text>` +
    `</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const STYLE = [
  {
    selector: "node.person, node.company",
    style: {
      shape: "round-rectangle",
      width: W,
      height: H,
      "background-color": "#ffffff",
      "background-image": "data(svg)",
      "background-fit": "none",
      "background-width": W,
      "background-height": H,
      "border-width": 1,
      "border-color": "data(stroke)",
      "corner-radius": 8,
    },
  },
  { selector: "node.company", style: { height: ROOT_H, "background-height": ROOT_H, "border-width": 0 } },
  { selector: "node.person:active, node.person.hover", style: { "border-width": 2, "border-color": "#64748b" } },
  { selector: "node.onpath", style: { "border-width": 3, "border-color": "#7c3aed", "border-style": "solid" } },
  { selector: "node.selected", style: { "border-width": 3.5, "border-color": "#1d4ed8", "border-style": "solid" } },
  { selector: "node.dimmed", style: { opacity: 0.35 } },
  {
    selector: "node.toggle",
    style: {
      shape: "ellipse",
      width: 22,
      height: 17,
      "background-color": "#ffffff",
      "border-width": 1,
      "border-color": "#94a3b8",
      label: "data(label)",
      "font-size": 10,
      "font-weight": 700,
      color: "#334155",
      "text-valign": "center",
      "text-halign": "center",
      "font-family": FONT,
      "z-index": 10,
    },
  },
  { selector: "node.toggle.collapsed", style: { "background-color": "#1d3557", color: "#ffffff", "border-color": "#1d3557", width: 30 } },
  {
    selector: "edge",
    style: {
      "curve-style": "taxi",
      "taxi-direction": "downward",
      "taxi-turn": GAP_Y / 2,
      "taxi-turn-min-distance": 4,
      width: 1.4,
      "line-color": "#a3adbb",
      "target-arrow-shape": "none",
    },
  },
  {
    // a column: down the manager's left side, then right into each card
    // (one corner: segment-weights/distances are set per edge, see stackedCorner)
    selector: "edge.stacked",
    style: {
      "curve-style": "segments",
      "edge-distances": "endpoints",
      "source-endpoint": `${-W / 2 + INDENT / 2}px ${H / 2}px`,
      "target-endpoint": `${-W / 2}px 0px`,
    },
  },
];

/**
 * The corner of a column's edge (down the manager's left side, then right into the card),
 * as Cytoscape's segment weight (along the line between the endpoints) and distance (across it).
 */
function stackedCorner(m, t) {
  const dx = INDENT / 2; // from the spine to the card's left side
  const dy = t.y - (m.y + H / 2);
  const length2 = dx * dx + dy * dy;
  return { weight: (dy * dy) / length2, distance: (dx * dy) / Math.sqrt(length2) };
}

export class OrgChart {
  /**
   * @param {HTMLElement} container
   * @param {{onSelect: (id: string) => void}} options
   */
  constructor(container, { onSelect }) {
    this.container = container;
    this.onSelect = onSelect;
    this.nodes = new Map();
    this.collapsed = new Set();
    this.selectedId = null;
    this.pathIds = new Set();
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.03,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      autounselectify: true,
      autoungrabify: true,
    });
    this.cy.on("tap", "node.person", (e) => this.onSelect(e.target.id()));
    this.cy.on("tap", "node.toggle", (e) => this.toggle(e.target.data("owner")));
    this.cy.on("mouseover", "node.person, node.toggle", (e) => {
      e.target.addClass("hover");
      container.style.cursor = "pointer";
    });
    this.cy.on("mouseout", "node", (e) => {
      e.target.removeClass("hover");
      container.style.cursor = "";
    });
  }

  /** Show a company's chart: `entries` are orgChart's (flat) rows. */
  setData({ company, entries, asOf, personal, team }) {
    this.company = company;
    this.nodes = new Map();
    const root = { id: ROOT, children: [], level: -1 };
    this.nodes.set(ROOT, root);
    for (const e of entries) {
      const roles = (e.person.influences || [])
        .filter((i) => i.opportunity && OPEN_STAGES.has(i.opportunity.stage) && i.opportunity.account?.id === company.id)
        .filter((i) => i.role || i.stance);
      this.nodes.set(e.person.id, {
        id: e.person.id,
        person: e.person,
        managerId: e.managerId,
        level: e.level,
        children: [],
        roles,
        coverage: coverageOf(e.person.knows, asOf, personal, team),
      });
    }
    for (const node of this.nodes.values()) {
      if (node === root) continue;
      const parent = (node.managerId && this.nodes.get(node.managerId)) || root;
      node.parent = parent;
      parent.children.push(node);
    }
    const byName = (a, b) => a.person.name.localeCompare(b.person.name) || a.id.localeCompare(b.id);
    for (const node of this.nodes.values()) {
      // managers first (their subtrees side by side), then by decision power and name
      node.children.sort(
        (a, b) =>
          Math.sign(b.children.length) - Math.sign(a.children.length) ||
          Number(b.person.decisionMaker) - Number(a.person.decisionMaker) ||
          byName(a, b),
      );
    }
    this.people = entries.length;
    this.collapseTo(2, { animate: false });
    this.container.dataset.people = String(this.people);
  }

  /** Show levels 0..`level` (level 0: people with no manager in the company), closing the teams below. */
  collapseTo(level, { animate = true } = {}) {
    this.collapsed = new Set();
    for (const node of this.nodes.values()) {
      if (node.id !== ROOT && node.children.length && node.level >= level) this.collapsed.add(node.id);
    }
    this.render({ animate, fit: true });
  }

  expandAll() {
    this.collapsed = new Set();
    this.render({ animate: true, fit: true });
  }

  toggle(id) {
    if (this.collapsed.has(id)) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.render({ animate: true, fit: false, focus: id });
  }

  /** Mark a person selected, opening the managers above them; center on them. */
  select(id) {
    this.selectedId = id;
    let opened = false;
    for (let n = this.nodes.get(id)?.parent; n && n.id !== ROOT; n = n.parent) {
      if (this.collapsed.delete(n.id)) opened = true;
    }
    if (opened) this.render({ animate: false, fit: false });
    this.cy.nodes(".person").removeClass("selected");
    const el = this.cy.$id(id);
    if (el.nonempty()) {
      el.addClass("selected");
      this.cy.animate({ center: { eles: el }, zoom: Math.max(this.cy.zoom(), 0.8) }, { duration: 300 });
    }
  }

  /** Mark the people of introduction paths (those in this chart). */
  highlight(ids) {
    this.pathIds = new Set(ids);
    this.cy.nodes(".person").forEach((n) => {
      n.toggleClass("onpath", this.pathIds.has(n.id()));
    });
  }

  clearSelection() {
    this.selectedId = null;
    this.highlight([]);
    this.cy.nodes(".person").removeClass("selected");
  }

  /** Fit the chart's width (at most full size), its top in view. */
  fit() {
    const eles = this.cy.nodes(".person, .company");
    const box = eles.boundingBox();
    const pad = 30;
    const zoom = Math.min(1, (this.container.clientWidth - 2 * pad) / box.w);
    this.cy.zoom(Math.max(this.cy.minZoom(), zoom));
    const z = this.cy.zoom();
    const x = this.container.clientWidth / 2 - ((box.x1 + box.x2) / 2) * z;
    const y = box.h * z <= this.container.clientHeight - 2 * pad ? this.container.clientHeight / 2 - ((box.y1 + box.y2) / 2) * z : pad - box.y1 * z;
    this.cy.pan({ x, y });
  }

  zoom(factor) {
    const c = { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: c });
  }

  resize() {
    this.cy.resize();
  }

  /** People of the chart: [{id, name}] (for "find a person"). */
  list() {
    return [...this.nodes.values()].filter((n) => n.id !== ROOT).map((n) => n.person);
  }

  visibleChildren(node) {
    return this.collapsed.has(node.id) ? [] : node.children;
  }

  /** Positions of the shown nodes: {id: {x, y}}, and which are stacked in a column. */
  layout() {
    const stackedUnder = new Map(); // child id -> [manager id, index]
    const build = (node) => {
      const kids = this.visibleChildren(node);
      const stack =
        node.id !== ROOT && kids.length >= 2 && kids.every((k) => this.visibleChildren(k).length === 0);
      if (!stack) return { node, children: kids.map(build) };
      kids.forEach((k, i) => stackedUnder.set(k.id, [node.id, i]));
      // a chain, one card per level: the layout keeps the column's width and depth clear
      let chain = null;
      for (let i = kids.length - 1; i >= 0; i--) chain = { node: kids[i], children: chain ? [chain] : [] };
      return { node, children: [chain] };
    };
    const root = d3.hierarchy(build(this.nodes.get(ROOT)), (d) => d.children);
    d3
      .tree()
      .nodeSize([W + GAP_X, H + GAP_Y])
      .separation((a, b) => (a.parent === b.parent ? 1 : 1.12))(root);
    const pos = {};
    root.each((d) => {
      pos[d.data.node.id] = { x: d.x, y: d.depth * (H + GAP_Y) - (d.depth ? (H - ROOT_H) / 2 : 0) };
    });
    for (const [id, [managerId, i]] of stackedUnder) {
      const m = pos[managerId];
      pos[id] = { x: m.x + INDENT, y: m.y + H + GAP_Y + i * (H + STACK_GAP) };
    }
    return { pos, stackedUnder };
  }

  render({ animate, fit, focus }) {
    const { pos, stackedUnder } = this.layout();
    const cy = this.cy;
    const wanted = new Map();
    for (const [id, p] of Object.entries(pos)) {
      const node = this.nodes.get(id);
      if (id === ROOT) {
        wanted.set(id, {
          group: "nodes",
          data: { id, svg: companyCard(this.company.name, this.people), stroke: "#1d3557" },
          classes: "company",
          position: p,
        });
        continue;
      }
      wanted.set(id, {
        group: "nodes",
        data: { id, svg: personCard(node), stroke: CARD_COLOURS[node.coverage].stroke },
        classes: "person",
        position: p,
      });
      if (node.children.length) {
        const collapsed = this.collapsed.has(id);
        const tid = `toggle:${id}`;
        wanted.set(tid, {
          group: "nodes",
          data: { id: tid, owner: id, label: collapsed ? `+${node.children.length}` : "−" },
          classes: collapsed ? "toggle collapsed" : "toggle",
          position: { x: p.x + W / 2 - 22, y: p.y + H / 2 },
        });
      }
      const parentId = node.parent.id;
      const eid = `edge:${id}`;
      wanted.set(eid, {
        group: "edges",
        data: { id: eid, source: parentId, target: id },
        classes: stackedUnder.has(id) ? "stacked" : "",
      });
    }
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) el.remove();
      });
      for (const [id, spec] of wanted) {
        const el = cy.$id(id);
        if (el.empty()) {
          const from = spec.group === "nodes" ? this.startPosition(id, pos, spec.position) : undefined;
          cy.add(from ? { ...spec, position: from } : spec);
        } else {
          el.data(spec.data);
          el.classes(spec.classes);
        }
      }
      cy.nodes(".person").forEach((n) => {
        n.toggleClass("selected", n.id() === this.selectedId);
        n.toggleClass("onpath", this.pathIds.has(n.id()));
      });
      cy.edges(".stacked").forEach((e) => {
        const { weight, distance } = stackedCorner(pos[e.data("source")], pos[e.data("target")]);
        e.style({ "segment-weights": weight, "segment-distances": distance });
      });
    });
    const positions = (n) => (wanted.get(n.id()) || {}).position;
    animate = animate && wanted.size <= MAX_ANIMATED; // moving thousands of cards at once is slow
    if (animate) {
      cy.layout({ name: "preset", positions, animate: true, animationDuration: 260, fit: false }).run();
    } else {
      cy.nodes().positions(positions);
    }
    this.container.dataset.visible = String(cy.nodes(".person").length);
    if (fit) {
      if (animate) setTimeout(() => this.fit(), 280);
      else this.fit();
    } else if (focus) {
      const el = cy.$id(focus);
      setTimeout(() => cy.animate({ center: { eles: el } }, { duration: 250 }), 280);
    }
  }

  /** Where a newly shown node starts its move: its manager's current place. */
  startPosition(id, pos, fallback) {
    const node = this.nodes.get(id.startsWith("toggle:") ? id.slice(7) : id);
    const parent = node && node.parent && this.cy.$id(node.parent.id);
    return parent && parent.nonempty() ? { ...parent.position() } : fallback;
  }

  destroy() {
    this.cy.destroy();
  }
}
