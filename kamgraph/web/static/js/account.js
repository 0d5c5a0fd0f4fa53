// An account: its card (spend, potential, priority, coverage, deals, competitors), its org
// chart, and the panels of its analyses. Each part is its own request and fails on its own.

import { COVERAGE } from "./coverage.js";
import { bar, h, icon, label, money, num, OPEN_STAGES, pct, pill } from "./dom.js";
import { CARD_COLOURS, OrgChart, STANCE_COLOURS } from "./orgchart.js";
import {
  panel,
  renderDeals,
  renderGaps,
  renderIcebreakers,
  renderInfluencers,
  renderLandscape,
  renderSupply,
  renderWhitespace,
} from "./panels.js";
import * as Q from "./queries.js";

/** The default weights of account priority (docs/analyses.md). */
const WEIGHTS = { value: 0.35, potential: 0.35, tier: 0.2, winRate: 0.1 };
const MAX_ICEBREAKER_TARGETS = 4;

export class AccountView {
  constructor(ctx, id) {
    this.ctx = ctx;
    this.id = id;
    this.chart = null;
    this.selected = null;
  }

  async load() {
    const { ctx, id } = this;
    const { personal } = ctx.access;
    const root = h("article", { class: "account", "data-account": id });
    ctx.main.replaceChildren(root);
    root.append(h("p", { class: "loading" }, "Loading the account…"));

    let company;
    try {
      company = (await ctx.query(Q.ACCOUNT, { id })).company;
    } catch (err) {
      root.replaceChildren(h("p", { class: "error" }, icon("warn"), ` ${err.message}`));
      return;
    }
    if (!company) {
      root.replaceChildren(h("div", { class: "card notice" }, h("h2", null, "No such company"), h("p", null, `Nothing has the id “${id}”.`)));
      return;
    }
    this.company = company;
    document.title = `${company.name} · kamgraph`;
    const priority = ctx.priority.get(id);
    const isAccount = Boolean(priority);

    const kpis = h("div", { class: "kpis" });
    const chartCard = this.chartCard();
    const panels = h("div", { class: "panels" });
    root.replaceChildren(this.head(company, isAccount), kpis, chartCard, panels);
    this.renderKpis(kpis, company, priority, null);

    const chartLoaded = this.loadChart();
    if (!isAccount) {
      panels.append(
        h(
          "section",
          { class: "card notice" },
          h("p", null, company.home ? "This is our own company: the account analyses do not apply to it." : "This company is not an account (it has neither tier nor status), so the account analyses do not apply to it."),
        ),
      );
      return;
    }

    const gapsPanel = panel("Relationship gaps", "Who of the decision-makers we do not really know, and which ties have gone cold");
    const dealsPanel = panel("Open deals", "Buying roles and stances of the people on our open opportunities");
    const landPanel = panel("Competitors", "Who is entrenched, until when, and how we fare against them");
    const inflPanel = panel("Key influencers", "Whose word travels furthest inside (PageRank over reporting lines and ties)");
    const icePanel = panel("Icebreakers", "Something to talk about with the decision-makers we do not cover");
    const wsPanel = panel("Whitespace", "Our products they do not use, scored by what similar accounts buy");
    const supplyPanel = panel("Supply chain", "Suppliers and customers, two steps each way");
    panels.append(gapsPanel.el, dealsPanel.el, landPanel.el, inflPanel.el, icePanel.el, wsPanel.el, supplyPanel.el);

    const asOf = ctx.asOf;
    const isKnown = (cid) => ctx.priority.has(cid);
    // the heavier analyses start once the chart's people are in, so as not to slow them down
    const afterChart = (run) => chartLoaded.then(run, run);
    afterChart(() => ctx.query(Q.gaps(personal), { id, asOf })).then(
      (d) => {
        const gaps = d.relationshipGaps;
        renderGaps(gapsPanel, gaps, { asOf, personal });
        this.renderKpis(kpis, company, priority, gaps);
        const missing = new Map();
        for (const m of gaps.missingRoles) missing.set(m.opportunity.id, [...(missing.get(m.opportunity.id) || []), m.role]);
        renderDeals(dealsPanel, company, missing);
        const targets = gaps.uncovered.map((u) => u.person).slice(0, MAX_ICEBREAKER_TARGETS);
        if (!targets.length) return renderIcebreakers(icePanel, [], {}, personal);
        const { query, variables } = Q.icebreakersFor(targets.map((t) => t.id), personal);
        return ctx.query(query, variables).then((r) => renderIcebreakers(icePanel, targets, r, personal), (err) => icePanel.fail(err));
      },
      (err) => {
        gapsPanel.fail(err);
        renderDeals(dealsPanel, company, new Map());
        icePanel.fail(err);
      },
    );
    ctx.query(Q.LANDSCAPE, { id }).then((d) => renderLandscape(landPanel, d.competitiveLandscape, { asOf, isKnown }), (e) => landPanel.fail(e));
    afterChart(() => ctx.query(Q.INFLUENCERS, { id })).then((d) => renderInfluencers(inflPanel, d.keyInfluencers), (e) => inflPanel.fail(e));
    ctx.query(Q.WHITESPACE, { id }).then((d) => renderWhitespace(wsPanel, d.whitespace), (e) => wsPanel.fail(e));
    ctx.query(Q.SUPPLY, { id }).then((d) => renderSupply(supplyPanel, d.supplyChain, id, isKnown), (e) => supplyPanel.fail(e));
  }

  head(c, isAccount) {
    const meta = [c.industry, c.country].filter(Boolean).join(" · ");
    return h(
      "header",
      { class: "account-head" },
      h(
        "div",
        null,
        h("h1", null, c.name),
        h(
          "div",
          { class: "head-meta" },
          c.tier ? pill(label(c.tier), `tier tier-${c.tier.toLowerCase()}`) : null,
          c.status ? pill(label(c.status), `status status-${c.status.toLowerCase()}`) : null,
          c.home ? pill("Our company", "tier") : null,
          !isAccount && !c.home ? pill("Not an account", "muted-pill") : null,
          meta ? h("span", { class: "muted" }, meta) : null,
          c.parent ? h("span", { class: "muted" }, "part of ", c.parent.name) : null,
          c.tags.map((t) => pill(t, "tag")),
        ),
      ),
      c.accountTeam.length
        ? h(
            "div",
            { class: "team" },
            h("span", { class: "muted small" }, "Account team"),
            h(
              "ul",
              null,
              c.accountTeam.map((t) =>
                h("li", null, this.ctx.personLink(t.person), h("span", { class: "muted small" }, ` ${label(t.role)}`)),
              ),
            ),
          )
        : null,
    );
  }

  renderKpis(el, c, priority, gaps) {
    const open = c.opportunities.filter((o) => OPEN_STAGES.has(o.stage));
    const openAmount = open.reduce((s, o) => s + (o.amount || 0), 0);
    const headroom = c.potentialSpend == null ? null : Math.max(0, c.potentialSpend - (c.currentSpend || 0));
    const kpi = (name, value, ...rest) => h("div", { class: "kpi" }, h("div", { class: "kpi-name" }, name), h("div", { class: "kpi-value" }, value), ...rest);
    const parts = [
      kpi("Current spend", money(c.currentSpend), h("div", { class: "muted small" }, `annual revenue ${money(c.annualRevenue)}`)),
      kpi("Potential spend", money(c.potentialSpend), h("div", { class: "muted small" }, `headroom ${money(headroom)}`)),
    ];
    if (priority) {
      parts.push(
        kpi(
          "Priority",
          h("span", null, num(priority.score), h("span", { class: "muted small" }, ` #${priority.rank} of ${priority.total}`)),
          h(
            "dl",
            { class: "components", title: "score = weighted mean of the components (default weights)" },
            Object.entries(WEIGHTS).map(([k, w]) => [
              h("dt", null, `${label(k === "winRate" ? "WIN_RATE" : k.toUpperCase())} ×${w}`),
              h("dd", null, bar(priority[k]), h("span", { class: "num" }, num(priority[k]))),
            ]),
          ),
        ),
      );
    }
    const coverage = gaps ? gaps.coverage : priority ? priority.coverage : null;
    parts.push(
      kpi(
        "Coverage",
        pct(coverage),
        h(
          "div",
          { class: "muted small" },
          gaps ? `${gaps.covered.length} of ${gaps.decisionMakers.length} decision-makers · ${gaps.threads} threads` : "of decision-makers",
        ),
        gaps && gaps.singleThreaded ? pill("single-threaded", "warn") : null,
      ),
    );
    parts.push(kpi("Open deals", String(open.length), h("div", { class: "muted small" }, `worth ${money(openAmount)}`)));
    el.replaceChildren(...parts);
  }

  chartCard() {
    const find = h("input", { type: "search", class: "find", placeholder: "Find a person…", list: "chart-people", "aria-label": "Find a person in the chart" });
    const datalist = h("datalist", { id: "chart-people" });
    find.addEventListener("change", () => {
      const person = this.chart && this.chart.list().find((p) => p.name === find.value);
      if (person) this.ctx.navigate(this.ctx.personPathOf(person.id));
    });
    const button = (text, title, onclick) => h("button", { type: "button", class: "button small ghost", title, onclick }, text);
    this.chartEl = h("div", { class: "orgchart", id: "orgchart", role: "img", "aria-label": "Org chart" });
    this.chartStatus = h("span", { class: "muted small" });
    this.datalist = datalist;
    return h(
      "section",
      { class: "card chart-card" },
      h(
        "header",
        { class: "card-head chart-head" },
        h("div", null, h("h2", null, "Org chart"), this.chartStatus),
        h(
          "div",
          { class: "toolbar" },
          find,
          datalist,
          button("Top levels", "Show the top three levels", () => this.chart && this.chart.collapseTo(2)),
          button("Expand all", "Show everyone", () => this.chart && this.chart.expandAll()),
          button("Fit", "Fit the chart to the view", () => this.chart && this.chart.fit()),
          button("−", "Zoom out", () => this.chart && this.chart.zoom(1 / 1.25)),
          button("+", "Zoom in", () => this.chart && this.chart.zoom(1.25)),
        ),
      ),
      this.chartEl,
      this.legend(),
    );
  }

  legend() {
    const { personal } = this.ctx.access;
    const kinds = personal ? ["covered", "stale", "uncovered"] : ["known", "uncovered"];
    const swatch = (k) =>
      h(
        "li",
        { title: COVERAGE[k].help },
        h("span", { class: "swatch", style: { background: CARD_COLOURS[k].fill, borderLeftColor: CARD_COLOURS[k].band, borderColor: CARD_COLOURS[k].stroke } }),
        COVERAGE[k].label,
      );
    return h(
      "footer",
      { class: "legend" },
      h("ul", null, h("li", { class: "legend-title" }, "Our coverage"), kinds.map(swatch)),
      h(
        "ul",
        null,
        h("li", null, icon("star", "icon star"), "Decision-maker"),
        h("li", null, pill("Economic buyer", "role"), "buying role on an open deal"),
        Object.entries(STANCE_COLOURS).map(([s, [fg, bg]]) => h("li", null, h("span", { class: "pill", style: { color: fg, background: bg } }, label(s)))),
      ),
      h("ul", null, h("li", { class: "muted small" }, "Click a person for their card and the warmest introductions; +/− opens and closes a team; scroll to zoom, drag to pan.")),
    );
  }

  async loadChart() {
    const { ctx, id } = this;
    const { personal } = ctx.access;
    this.chartStatus.textContent = "Loading the people…";
    let entries;
    try {
      entries = (await ctx.query(Q.orgChart(personal), { id })).company.orgChart;
    } catch (err) {
      this.chartStatus.textContent = "";
      this.chartEl.replaceChildren(h("p", { class: "error pad" }, icon("warn"), ` ${err.message}`));
      return;
    }
    if (!this.chartEl.isConnected) return; // navigated away meanwhile
    if (!entries.length) {
      this.chartStatus.textContent = "";
      this.chartEl.classList.add("empty-chart");
      this.chartEl.replaceChildren(h("p", { class: "muted pad" }, "No one is recorded as working here."));
      return;
    }
    const dms = entries.filter((e) => e.person.decisionMaker).length;
    this.chartStatus.textContent = `${entries.length} people · ${dms} marked decision-makers`;
    this.chart = new OrgChart(this.chartEl, { onSelect: (pid) => ctx.navigate(ctx.personPathOf(pid)) });
    this.chart.setData({ company: this.company, entries, asOf: ctx.asOf, personal, team: await ctx.team() });
    this.datalist.replaceChildren(...entries.map((e) => h("option", { value: e.person.name }, e.person.title || "")));
    if (this.selected) {
      this.chart.select(this.selected.id);
      this.showChart();
    }
    if (this.selected && this.selected.pathIds) this.chart.highlight(this.selected.pathIds);
    ctx.onChart(this.chart);
  }

  /** A person of this company is shown in the drawer. */
  selectPerson(id) {
    this.selected = { id, pathIds: [] };
    if (this.chart) this.chart.select(id);
    this.showChart();
  }

  /** Scroll the org chart into view. */
  showChart() {
    if (this.chartEl) this.chartEl.closest(".chart-card").scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  highlightPaths(ids) {
    if (this.selected) this.selected.pathIds = ids;
    if (this.chart) this.chart.highlight(ids);
  }

  clearSelection() {
    this.selected = null;
    if (this.chart) this.chart.clearSelection();
  }

  resize() {
    if (this.chart) this.chart.resize();
  }

  destroy() {
    if (this.chart) this.chart.destroy();
  }
}
