// The panels of an account: each fills itself from one analysis of the API and fails on its own.

import {
  accountPath,
  bar,
  date,
  daysBetween,
  h,
  icon,
  label,
  link,
  money,
  num,
  OPEN_STAGES,
  personPath,
  pill,
  redacted,
} from "./dom.js";

/** A titled card whose body is filled later: {el, body, fill(nodes), fail(error)}. */
export function panel(title, subtitle, cls = "") {
  const body = h("div", { class: "panel-body" }, h("p", { class: "loading" }, "Loading…"));
  const el = h(
    "section",
    { class: `card panel ${cls}`, "data-panel": title },
    h("header", { class: "card-head" }, h("h2", null, title), subtitle ? h("p", { class: "muted" }, subtitle) : null),
    body,
  );
  return {
    el,
    body,
    fill(...nodes) {
      body.replaceChildren(...nodes.flat().filter(Boolean));
    },
    fail(err) {
      body.replaceChildren(h("p", { class: "error" }, icon("warn"), ` ${err.message}`));
    },
  };
}

const empty = (text) => h("p", { class: "muted empty" }, text);

/** A company's name, a link when the explorer can show it. */
export function companyRef(company, isKnown) {
  if (!company) return "—";
  return isKnown(company.id) ? link(accountPath(company.id), company.name) : company.name;
}

export const personRef = (p) => link(personPath(p.id), p.name);

export function stancePill(stance) {
  return stance ? pill(label(stance), `stance stance-${stance.toLowerCase()}`) : null;
}

// ---- relationship gaps ----

export function renderGaps(p, gaps, { asOf, personal }) {
  const sections = [];
  const dm = gaps.decisionMakers.length;
  sections.push(
    h(
      "div",
      { class: "stats" },
      stat("Decision-makers covered", `${gaps.covered.length} of ${dm}`),
      stat("Threads", String(gaps.threads), gaps.singleThreaded ? "single-threaded" : null),
      stat("Stale ties", String(gaps.stale.length)),
    ),
  );
  sections.push(h("h3", null, "Uncovered decision-makers"));
  sections.push(
    gaps.uncovered.length
      ? h(
          "ul",
          { class: "rows" },
          gaps.uncovered.map((u) =>
            h(
              "li",
              null,
              h("div", { class: "row-main" }, personRef(u.person), h("span", { class: "muted" }, u.person.title || "")),
              u.bestPath
                ? h(
                    "div",
                    { class: "row-side", title: "Score of the warmest introduction path (product of tie strengths)" },
                    bar(u.bestPath.score),
                    h("span", { class: "num" }, num(u.bestPath.score)),
                    h("span", { class: "muted" }, `${u.bestPath.hops} hops`),
                  )
                : h("div", { class: "row-side muted" }, "no path within 4 hops"),
            ),
          ),
        )
      : empty("Every decision-maker is covered."),
  );
  sections.push(h("h3", null, "Stale ties"));
  sections.push(
    gaps.stale.length
      ? h(
          "ul",
          { class: "rows" },
          gaps.stale.map((s) =>
            h(
              "li",
              null,
              h("div", { class: "row-main" }, personRef(s.teammate), h("span", { class: "muted" }, " → "), personRef(s.person)),
              h(
                "div",
                { class: "row-side" },
                personal
                  ? [
                      h("span", { class: "muted" }, s.lastContact ? `last contact ${date(s.lastContact)}` : "never contacted"),
                      s.lastContact ? pill(`${daysBetween(s.lastContact, asOf)} days`, "warn") : null,
                    ]
                  : redacted(),
              ),
            ),
          ),
        )
      : empty("No covering tie has gone cold."),
  );
  if (gaps.missingRoles.length) {
    const byOpp = new Map();
    for (const m of gaps.missingRoles) {
      if (!byOpp.has(m.opportunity.id)) byOpp.set(m.opportunity.id, { opp: m.opportunity, roles: [] });
      byOpp.get(m.opportunity.id).roles.push(m.role);
    }
    sections.push(h("h3", null, "Buying roles no one holds"));
    sections.push(
      h(
        "ul",
        { class: "rows" },
        [...byOpp.values()].map(({ opp, roles }) =>
          h(
            "li",
            null,
            h("div", { class: "row-main" }, opp.name, " ", pill(label(opp.stage), "stage")),
            h("div", { class: "row-side wrap" }, roles.map((r) => pill(label(r), "missing"))),
          ),
        ),
      ),
    );
  }
  p.fill(sections);
}

function stat(name, value, note) {
  return h(
    "div",
    { class: "stat" },
    h("div", { class: "stat-value" }, value),
    h("div", { class: "stat-name" }, name),
    note ? pill(note, "warn") : null,
  );
}

// ---- open deals ----

export function renderDeals(p, company, missingByOpp) {
  const open = company.opportunities.filter((o) => OPEN_STAGES.has(o.stage));
  const closed = company.opportunities.length - open.length;
  if (!open.length) {
    p.fill(empty(`No open opportunities${closed ? ` (${closed} closed)` : ""}.`));
    return;
  }
  open.sort((a, b) => (a.closeDate || "9999").localeCompare(b.closeDate || "9999"));
  p.fill(
    h(
      "ul",
      { class: "deals" },
      open.map((o) =>
        h(
          "li",
          { class: "deal" },
          h(
            "div",
            { class: "deal-head" },
            h("strong", null, o.name),
            pill(label(o.stage), `stage stage-${o.stage.toLowerCase()}`),
            h("span", { class: "num" }, money(o.amount)),
            h("span", { class: "muted" }, o.closeDate ? `closes ${date(o.closeDate)}` : ""),
          ),
          o.against.length
            ? h("div", { class: "deal-line" }, h("span", { class: "muted" }, "Against "), o.against.map((c) => c.name).join(", "))
            : null,
          o.influencers.length
            ? h(
                "ul",
                { class: "roles" },
                o.influencers.map((i) =>
                  h("li", null, pill(label(i.role), "role"), personRef(i.person), stancePill(i.stance)),
                ),
              )
            : null,
          (missingByOpp.get(o.id) || []).length
            ? h(
                "div",
                { class: "deal-line" },
                h("span", { class: "muted" }, "No one holds "),
                missingByOpp.get(o.id).map((r) => pill(label(r), "missing")),
              )
            : null,
        ),
      ),
    ),
    closed ? h("p", { class: "muted" }, `${closed} closed opportunities not shown.`) : null,
  );
}

// ---- competitors ----

export function renderLandscape(p, land, { asOf, isKnown }) {
  const out = [];
  out.push(h("h3", null, "In place (displacement windows)"));
  out.push(
    land.incumbents.length
      ? h(
          "table",
          { class: "table" },
          h("thead", null, h("tr", null, h("th", null, "Competitor"), h("th", null, "Product"), h("th", null, "Contract ends"), h("th", null, "Satisfaction"))),
          h(
            "tbody",
            null,
            land.incumbents.map((i) => {
              const days = i.contractEnd ? daysBetween(asOf, i.contractEnd) : null;
              return h(
                "tr",
                null,
                h("td", null, companyRef(i.competitor, isKnown)),
                h("td", null, i.product.name),
                h(
                  "td",
                  null,
                  date(i.contractEnd),
                  days == null ? null : days < 0 ? pill("ended", "muted-pill") : days <= 365 ? pill(`in ${Math.max(1, Math.round(days / 30))} mo`, "soon") : null,
                ),
                h("td", null, i.satisfaction == null ? "—" : satisfaction(i.satisfaction)),
              );
            }),
          ),
        )
      : empty("No competitor's product in use."),
  );
  out.push(h("h3", null, "In our deals, and our record against them"));
  const records = new Map(land.records.map((r) => [r.competitor.id, r]));
  out.push(
    land.inDeals.length
      ? h(
          "ul",
          { class: "rows" },
          land.inDeals.map((c) => {
            const r = records.get(c.id);
            return h(
              "li",
              null,
              h("div", { class: "row-main" }, companyRef(c, isKnown)),
              h("div", { class: "row-side" }, r ? [pill(`won ${r.won}`, "won"), pill(`lost ${r.lost}`, "lost")] : null),
            );
          }),
        )
      : empty("No competitor named in this account's deals."),
  );
  p.fill(out);
}

function satisfaction(value) {
  return h(
    "span",
    { class: "dots", title: `${value} of 5` },
    [1, 2, 3, 4, 5].map((i) => h("span", { class: i <= value ? "dot on" : "dot" })),
  );
}

// ---- key influencers ----

export function renderInfluencers(p, rows) {
  if (!rows.length) return p.fill(empty("No one to rank."));
  const top = rows[0].score || 1;
  p.fill(
    h(
      "ol",
      { class: "rows ranked" },
      rows.map((r) =>
        h(
          "li",
          null,
          h(
            "div",
            { class: "row-main" },
            r.person.decisionMaker ? icon("star", "icon star") : null,
            personRef(r.person),
            h("span", { class: "muted" }, r.person.title || ""),
          ),
          h("div", { class: "row-side", title: "PageRank inside the account" }, bar(r.score / top), h("span", { class: "num" }, num(r.score, 3))),
        ),
      ),
    ),
  );
}

// ---- icebreakers ----

export function icebreakerList(rows, personal) {
  if (!rows.length) return empty("No teammate shares an interest with them.");
  return h(
    "ul",
    { class: "rows" },
    rows.map((r) =>
      h(
        "li",
        null,
        h("div", { class: "row-main" }, personRef(r.teammate), h("span", { class: "muted" }, r.teammate.title || "")),
        h(
          "div",
          { class: "row-side wrap" },
          personal ? r.interests.map((i) => pill(i.name, "interest")) : redacted(),
          r.pathScore == null ? null : h("span", { class: "muted", title: "their best path score" }, `path ${num(r.pathScore)}`),
        ),
      ),
    ),
  );
}

export function renderIcebreakers(p, targets, results, personal) {
  if (!targets.length) return p.fill(empty("Every decision-maker is covered: no icebreaker needed."));
  p.fill(
    targets.map((t, i) =>
      h(
        "div",
        { class: "icebreaker" },
        h("h3", null, "For ", personRef(t), t.title ? h("span", { class: "muted" }, ` · ${t.title}`) : null),
        icebreakerList(results[`ib${i}`] || [], personal),
      ),
    ),
  );
}

// ---- whitespace ----

export function renderWhitespace(p, rows) {
  if (!rows.length) return p.fill(empty("They use everything we offer."));
  p.fill(
    h(
      "table",
      { class: "table" },
      h("thead", null, h("tr", null, h("th", null, "Our product"), h("th", null, "Peer evidence"), h("th", { class: "r" }, "Peers using"))),
      h(
        "tbody",
        null,
        rows.map((r) =>
          h(
            "tr",
            null,
            h("td", null, r.product.name, r.product.category ? h("div", { class: "muted small" }, r.product.category) : null),
            h("td", null, bar(r.score), " ", h("span", { class: "num" }, num(r.score))),
            h("td", { class: "r num" }, String(r.peersUsing)),
          ),
        ),
      ),
    ),
  );
}

// ---- supply chain ----

export function renderSupply(p, chain, companyId, isKnown) {
  if (!chain.links.length) return p.fill(empty("No supply links recorded."));
  const up = chain.links.filter((l) => l.customer.id === companyId);
  const down = chain.links.filter((l) => l.supplier.id === companyId);
  const further = chain.links.filter((l) => l.customer.id !== companyId && l.supplier.id !== companyId);
  const linkRow = (l, other) =>
    h(
      "li",
      null,
      h("div", { class: "row-main" }, companyRef(other, isKnown)),
      h("div", { class: "row-side" }, l.category ? pill(l.category, "category") : null, l.share == null ? null : h("span", { class: "num" }, `${Math.round(l.share * 100)}%`)),
    );
  const names = (list) => (list.length ? list.map((c, i) => [i ? ", " : "", companyRef(c, isKnown)]) : "—");
  p.fill(
    h("h3", null, "Suppliers"),
    up.length ? h("ul", { class: "rows" }, up.map((l) => linkRow(l, l.supplier))) : empty("None recorded."),
    h("h3", null, "Customers"),
    down.length ? h("ul", { class: "rows" }, down.map((l) => linkRow(l, l.customer))) : empty("None recorded."),
    further.length ? h("p", { class: "muted" }, `${further.length} more links one step further.`) : null,
    h(
      "dl",
      { class: "facts" },
      h("dt", { title: "Companies with exactly one supplier in some category" }, "Single-sourced"),
      h("dd", null, names(chain.singleSource)),
      h("dt", { title: "Companies of the chain that are our customers" }, "Our leverage"),
      h("dd", null, names(chain.leverage)),
      h("dt", { title: "Companies of the chain that use a competitor's product" }, "Competitor exposure"),
      h("dd", null, names(chain.exposure)),
    ),
  );
}
