// A person's card (in the drawer beside the org chart): who they are, who of our team knows
// them and how warmly, and the warmest introduction paths to them, drawn hop by hop.

import { COVERAGE, coverageOf, isStale, teamTies } from "./coverage.js";
import { accountPath, bar, date, daysBetween, h, icon, label, link, num, OPEN_STAGES, personPath, pill, redacted } from "./dom.js";
import { icebreakerList, panel, personRef, stancePill } from "./panels.js";
import * as Q from "./queries.js";

const TIES = {
  KNOWS: () => "knows",
  REPORTS_TO: () => "reporting line",
  COLLEAGUE: (via) => (via ? `colleagues at ${via.name}` : "colleagues"),
  FORMER_COLLEAGUE: (via) => (via ? `former colleagues at ${via.name}` : "former colleagues"),
  SHARED_INTEREST: (via) => (via ? `share an interest: ${via.name}` : "share an interest"),
};

/**
 * Fill `drawer` with the card of `person` (the result of Q.person); returns the ids of the
 * people on its introduction paths once they are known (a promise).
 */
export function renderPerson(ctx, drawer, person, { onClose, team }) {
  const { personal } = ctx.access;
  const asOf = ctx.asOf;
  const company = person.company;
  const coverage = coverageOf(person.knows, asOf, personal, team);
  const closeButton = h("button", { type: "button", class: "icon-button close", title: "Close", "aria-label": "Close", onclick: onClose }, icon("close"));
  const openRoles = person.influences.filter((i) => i.opportunity && OPEN_STAGES.has(i.opportunity.stage));

  const card = h(
    "section",
    { class: "person-card", "data-person": person.id },
    h(
      "header",
      { class: "person-head" },
      h(
        "div",
        null,
        h("h2", null, person.decisionMaker ? icon("star", "icon star") : null, person.name),
        h("p", { class: "person-title" }, person.title || "—"),
        h(
          "p",
          { class: "muted" },
          company ? (ctx.priority.has(company.id) || company.home ? link(accountPath(company.id), company.name) : company.name) : "no current employer",
          person.department ? ` · ${person.department}` : "",
          person.seniority ? ` · ${label(person.seniority)}` : "",
        ),
        h(
          "div",
          { class: "head-meta" },
          person.decisionMaker ? pill("Decision-maker", "dm") : null,
          pill(COVERAGE[coverage].label, `coverage coverage-${coverage}`),
        ),
      ),
      closeButton,
    ),
  );

  const facts = h("dl", { class: "facts" });
  const fact = (name, value) => facts.append(h("dt", null, name), h("dd", null, value));
  fact("Email", personal ? person.email || "—" : redacted());
  fact("Phone", personal ? person.phone || "—" : redacted());
  fact("Location", personal ? person.location || "—" : redacted());
  fact("Reports to", person.manager ? [personRef(person.manager), h("span", { class: "muted" }, person.manager.title ? ` · ${person.manager.title}` : "")] : "—");
  fact("Direct reports", String(person.reports.length));
  fact("Interests", personal ? (person.interests.length ? h("span", { class: "wrap" }, person.interests.map((i) => pill(i.name, "interest"))) : "—") : redacted());
  card.append(facts);

  if (openRoles.length) {
    card.append(
      h("h3", null, "On open deals"),
      h(
        "ul",
        { class: "rows" },
        openRoles.map((i) =>
          h(
            "li",
            null,
            h("div", { class: "row-main" }, i.opportunity.name, " ", pill(label(i.opportunity.stage), "stage")),
            h("div", { class: "row-side" }, i.role ? pill(label(i.role), "role") : null, stancePill(i.stance)),
          ),
        ),
      ),
    );
  }

  card.append(h("h3", null, "Who of our team knows them"), teamList(person, asOf, personal, team));
  if (personal && person.notes) card.append(h("h3", null, "Notes"), h("p", { class: "notes" }, person.notes));
  else if (!personal) card.append(h("h3", null, "Notes"), h("p", null, redacted()));

  const pathsPanel = panel("Warmest introductions", "From our team, at most 4 hops; a path's score is the product of its ties' strengths", "flat");
  const icePanel = panel("Icebreakers", "Teammates who share an interest with them", "flat");
  drawer.replaceChildren(card, pathsPanel.el, icePanel.el);

  ctx.query(Q.icebreakers(personal), { id: person.id }).then(
    (d) => icePanel.fill(icebreakerList(d.icebreakers, personal)),
    (err) => icePanel.fail(err),
  );
  return ctx.query(Q.paths(personal), { id: person.id }).then(
    (d) => {
      const paths = d.influencePaths;
      if (!paths.length) {
        pathsPanel.fill(h("p", { class: "muted empty" }, person.company && person.company.home ? "They are one of us." : "No path from our team within 4 hops."));
        return [];
      }
      pathsPanel.fill(paths.map((p, i) => drawPath(p, i, personal)));
      return [...new Set(paths.flatMap((p) => p.people.map((x) => x.id)))];
    },
    (err) => {
      pathsPanel.fail(err);
      return [];
    },
  );
}

function teamList(person, asOf, personal, team) {
  const ties = teamTies(person.knows, team);
  if (!ties.length) return h("p", { class: "muted empty" }, "No one of our team knows them.");
  if (personal) ties.sort((a, b) => b.strength - a.strength || a.person.name.localeCompare(b.person.name));
  return h(
    "ul",
    { class: "rows team-ties" },
    ties.map((t) =>
      h(
        "li",
        null,
        h("div", { class: "row-main" }, personRef(t.person), h("span", { class: "muted" }, t.person.title || "")),
        h(
          "div",
          { class: "row-side" },
          personal
            ? [
                h("span", { class: "warmth", title: "strength of the tie (0..1)" }, bar(t.strength, t.strength >= 0.5 ? "strong" : "weak"), h("span", { class: "num" }, num(t.strength))),
                h(
                  "span",
                  { class: "muted small", title: t.source ? `source: ${t.source}` : "" },
                  t.lastContact ? `last contact ${date(t.lastContact)}` : "no contact recorded",
                ),
                t.strength >= 0.5 && isStale(t, asOf)
                  ? pill(t.lastContact ? `stale · ${daysBetween(t.lastContact, asOf)} d` : "stale", "warn")
                  : null,
              ]
            : redacted(),
        ),
      ),
    ),
  );
}

/** One introduction path, hop by hop: people, and between them the tie and its strength. */
function drawPath(path, index, personal) {
  const first = path.people[0];
  const second = path.people[1];
  const target = path.people[path.people.length - 1];
  const advice =
    path.hops === 1
      ? [personRef(first), " knows ", target.name, " directly."]
      : [
          "Ask ",
          personRef(first),
          " to introduce you",
          path.hops > 2 ? [" through ", personRef(second), ` (${path.hops - 1} introductions)`] : [" through ", personRef(second)],
          ".",
        ];
  const items = [];
  path.people.forEach((p, i) => {
    items.push(
      h(
        "li",
        { class: `hop-person${p.company && p.company.home ? " ours" : ""}${i === path.people.length - 1 ? " target" : ""}` },
        h("span", { class: "hop-dot" }),
        h(
          "div",
          null,
          link(personPath(p.id), p.name),
          h("div", { class: "muted small" }, [p.title, p.company && (p.company.home ? `${p.company.name} (us)` : p.company.name)].filter(Boolean).join(" · ")),
        ),
      ),
    );
    const step = path.steps[i];
    if (step) {
      const via = personal ? step.via : null;
      items.push(
        h(
          "li",
          { class: `hop-tie tie-${step.tie.toLowerCase()}`, "data-tie": step.tie },
          h("span", { class: "tie-label" }, TIES[step.tie] ? TIES[step.tie](via) : label(step.tie)),
          personal ? h("span", { class: "tie-strength" }, bar(step.strength), h("span", { class: "num" }, num(step.strength))) : redacted(),
        ),
      );
    }
  });
  return h(
    "div",
    { class: "path", "data-path": String(index) },
    h(
      "div",
      { class: "path-head" },
      h("strong", null, `Path ${index + 1}`),
      h("span", { class: "path-score", title: "product of the ties' strengths" }, bar(path.score), ` score ${num(path.score, 3)}`),
      h("span", { class: "muted" }, `${path.hops} ${path.hops === 1 ? "hop" : "hops"}`),
    ),
    h("p", { class: "advice" }, advice),
    h("ol", { class: "hops" }, items),
  );
}
