// The accounts: the list to pick from (search, tier and status filters) and the home page's
// table of priorities.

import { accountPath, bar, h, label, link, money, num, pct, pill, STATUS_ORDER, TIER_ORDER } from "./dom.js";

/** Rows of accountPriorities, each with its rank. */
export function rankAccounts(rows) {
  return rows.map((r, i) => ({ ...r, rank: i + 1, total: rows.length }));
}

export class AccountList {
  constructor(el, { navigate }) {
    this.el = el;
    this.navigate = navigate;
    this.rows = [];
    this.text = "";
    this.tiers = new Set();
    this.statuses = new Set();
    this.activeId = null;
    this.search = h("input", {
      type: "search",
      class: "search",
      placeholder: "Search accounts…",
      "aria-label": "Search accounts by name, industry or country",
      oninput: () => {
        this.text = this.search.value.trim().toLowerCase();
        this.renderList();
      },
    });
    this.count = h("p", { class: "muted small count" });
    this.list = h("ul", { class: "account-list", role: "list" });
    this.el.replaceChildren(
      h("div", { class: "sidebar-head" }, h("h2", null, "Accounts"), this.search),
      this.chips("Tier", TIER_ORDER, this.tiers),
      this.chips("Status", STATUS_ORDER, this.statuses),
      this.count,
      this.list,
    );
  }

  chips(name, values, selected) {
    return h(
      "div",
      { class: "filter", role: "group", "aria-label": name },
      h("span", { class: "filter-name" }, name),
      values.map((v) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            "aria-pressed": "false",
            "data-value": v,
            onclick: (e) => {
              if (selected.has(v)) selected.delete(v);
              else selected.add(v);
              e.currentTarget.setAttribute("aria-pressed", String(selected.has(v)));
              this.renderList();
            },
          },
          label(v),
        ),
      ),
    );
  }

  setRows(rows) {
    this.rows = rows;
    this.renderList();
  }

  setError(err) {
    this.list.replaceChildren(h("li", { class: "error" }, err.message));
  }

  setActive(id) {
    this.activeId = id;
    for (const li of this.list.children) li.classList.toggle("active", li.dataset.id === id);
    const active = [...this.list.children].find((li) => li.dataset.id === id);
    if (active) active.scrollIntoView({ block: "nearest" });
  }

  matching() {
    return this.rows.filter((r) => {
      const c = r.company;
      if (this.tiers.size && !this.tiers.has(c.tier)) return false;
      if (this.statuses.size && !this.statuses.has(c.status)) return false;
      if (!this.text) return true;
      return [c.name, c.industry, c.country, c.id].some((v) => v && v.toLowerCase().includes(this.text));
    });
  }

  renderList() {
    const rows = this.matching();
    this.count.textContent = `${rows.length} of ${this.rows.length} accounts, by priority`;
    this.list.replaceChildren(
      ...rows.map((r) => {
        const c = r.company;
        return h(
          "li",
          { class: c.id === this.activeId ? "active" : "", "data-id": c.id },
          link(
            accountPath(c.id),
            h("span", { class: "acc-name" }, c.name),
            h(
              "span",
              { class: "acc-meta" },
              c.tier ? pill(label(c.tier), `tier tier-${c.tier.toLowerCase()}`) : null,
              c.status ? h("span", { class: "muted small" }, label(c.status)) : null,
              h("span", { class: "acc-score", title: `priority score ${num(r.score)}, coverage ${pct(r.coverage)}` }, bar(r.score), num(r.score)),
            ),
          ),
        );
      }),
    );
    if (!rows.length) this.list.append(h("li", { class: "muted empty" }, "No account matches."));
  }
}

/** The home page: where the next hour and euro go. */
export function renderHome(main, rows, access) {
  document.title = "kamgraph explorer";
  const top = rows.slice(0, 15);
  main.replaceChildren(
    h(
      "article",
      { class: "home" },
      h(
        "header",
        { class: "account-head" },
        h(
          "div",
          null,
          h("h1", null, "Where the next hour and euro go"),
          h(
            "p",
            { class: "muted" },
            "Accounts ranked by value, potential, tier and win rate, with how well we cover their decision-makers. A high score with low coverage is where to invest. Pick an account for its org chart and the warmest introductions to its people.",
          ),
        ),
      ),
      h(
        "section",
        { class: "card" },
        h("header", { class: "card-head" }, h("h2", null, "Account priorities"), h("p", { class: "muted" }, `top ${top.length} of ${rows.length}`)),
        h(
          "table",
          { class: "table priorities" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", { class: "r" }, "#"),
              h("th", null, "Account"),
              h("th", null, "Tier"),
              h("th", { class: "r" }, "Spend"),
              h("th", { class: "r" }, "Potential"),
              h("th", null, "Score"),
              h("th", null, "Coverage"),
            ),
          ),
          h(
            "tbody",
            null,
            top.map((r) =>
              h(
                "tr",
                { "data-id": r.company.id },
                h("td", { class: "r muted" }, String(r.rank)),
                h("td", null, link(accountPath(r.company.id), r.company.name), h("div", { class: "muted small" }, [r.company.industry, r.company.country].filter(Boolean).join(" · "))),
                h("td", null, r.company.tier ? pill(label(r.company.tier), `tier tier-${r.company.tier.toLowerCase()}`) : "—", " ", h("span", { class: "muted small" }, label(r.company.status))),
                h("td", { class: "r num" }, money(r.company.currentSpend)),
                h("td", { class: "r num" }, money(r.company.potentialSpend)),
                h("td", null, bar(r.score), " ", h("span", { class: "num" }, num(r.score))),
                h("td", null, bar(r.coverage, r.coverage != null && r.coverage < 0.5 ? "low" : "strong"), " ", h("span", { class: "num" }, pct(r.coverage))),
              ),
            ),
          ),
        ),
      ),
      access.personal
        ? null
        : h("p", { class: "card notice" }, "Your key has the viewer role: personal data (contact details, interests, the strength and dates of ties) is hidden."),
    ),
  );
}
