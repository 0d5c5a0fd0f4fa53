// How well our team knows a person, as the relationship-gaps analysis reads it
// (docs/analyses.md): covered = someone of our team KNOWS them with strength >= 0.5;
// such a tie is stale when its last contact is missing or more than 90 days before "as of".

import { addDays } from "./dom.js";

export const MIN_STRENGTH = 0.5;
export const STALE_DAYS = 90;

export const COVERAGE = {
  covered: { label: "Covered", help: "someone of our team knows them well (strength ≥ 0.5), in touch within 90 days" },
  stale: { label: "Stale", help: "known well, but no contact in the 90 days before the as-of date" },
  uncovered: { label: "Uncovered", help: "no one of our team knows them well" },
  known: { label: "Known", help: "someone of our team knows them (how well is hidden for your role)" },
};

/** Our team's ties among a person's acquaintances (`knows` entries); `team`: our people's ids. */
export function teamTies(knows, team) {
  return (knows || []).filter((k) => k.person && team.has(k.person.id));
}

export function isStale(tie, asOf) {
  return !tie.lastContact || tie.lastContact < addDays(asOf, -STALE_DAYS);
}

/** "covered" | "stale" | "uncovered" (or "known" when strengths are hidden). */
export function coverageOf(knows, asOf, personal, team) {
  const ties = teamTies(knows, team);
  if (!personal) return ties.length ? "known" : "uncovered";
  const covering = ties.filter((t) => t.strength >= MIN_STRENGTH);
  if (!covering.length) return "uncovered";
  return covering.some((t) => !isStale(t, asOf)) ? "covered" : "stale";
}
