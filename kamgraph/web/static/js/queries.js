// The GraphQL documents the explorer sends. Fields a viewer may not select (personal data,
// kamgraph/api/auth/roles.py) are left out when `personal` is false: the API refuses a whole
// query that selects one, so the explorer asks only what the key may see and shows the rest
// as hidden.

const when = (personal, text) => (personal ? text : "");

export const ACCOUNTS = `query Accounts {
  accountPriorities(first: 500) {
    score value potential tier winRate coverage
    company { id name industry country tier status currentSpend potentialSpend }
  }
}`;

/** Our company (the home company): the one company with home true. Paged, as companies are. */
export const HOME = `query Home($after: String) {
  companies(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name home } } }
}`;

/** Our team: the people currently at the home company. */
export const TEAM = `query Team($id: ID!, $after: String) {
  company(id: $id) { people(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }
}`;

export const ACCOUNT = `query Account($id: ID!) {
  company(id: $id) {
    id name industry country tier status home website annualRevenue currentSpend potentialSpend tags
    parent { id name }
    opportunities {
      id name stage amount closeDate
      against { id name }
      proposes { id name }
      influencers { role stance person { id name title } }
    }
    accountTeam { role person { id name title } }
  }
}`;

export const orgChart = (personal) => `query OrgChart($id: ID!) {
  company(id: $id) {
    id
    orgChart(depth: 50) {
      managerId level
      person {
        id name title department seniority decisionMaker
        influences { role stance opportunity { id name stage account { id } } }
        ${
          personal
            ? "knows(minStrength: 0.5) { strength lastContact person { id } }" // covering ties only
            : "knows { person { id } }"
        }
      }
    }
  }
}`;

export const gaps = (personal) => `query Gaps($id: ID!, $asOf: Date) {
  relationshipGaps(account: $id, asOf: $asOf) {
    coverage threads singleThreaded
    decisionMakers { id }
    covered { id }
    uncovered { person { id name title } bestPath { score hops people { id name } } }
    stale { teammate { id name } person { id name title } ${when(personal, "strength lastContact")} }
    missingRoles { opportunity { id name stage } role }
  }
}`;

export const LANDSCAPE = `query Landscape($id: ID!) {
  competitiveLandscape(account: $id) {
    incumbents { competitor { id name } product { id name } contractEnd satisfaction }
    inDeals { id name }
    records { competitor { id name } won lost }
  }
}`;

export const INFLUENCERS = `query Influencers($id: ID!) {
  keyInfluencers(account: $id, limit: 8) { score person { id name title decisionMaker } }
}`;

export const WHITESPACE = `query Whitespace($id: ID!) {
  whitespace(account: $id, first: 8) { score peersUsing product { id name category } }
}`;

export const SUPPLY = `query Supply($id: ID!) {
  supplyChain(company: $id, depth: 2) {
    links { supplier { id name } customer { id name } category share }
    singleSource { id name }
    leverage { id name }
    exposure { id name }
  }
}`;

/** Icebreakers towards several people in one request (one alias each). */
export function icebreakersFor(ids, personal) {
  const vars = ids.map((_, i) => `$t${i}: ID!`).join(", ");
  const fields = ids
    .map(
      (_, i) => `ib${i}: icebreakers(target: $t${i}) {
    pathScore teammate { id name title } ${when(personal, "interests { id name }")}
  }`,
    )
    .join("\n  ");
  const variables = Object.fromEntries(ids.map((id, i) => [`t${i}`, id]));
  return { query: `query Icebreakers(${vars}) {\n  ${fields}\n}`, variables };
}

export const person = (personal) => `query Person($id: ID!) {
  person(id: $id) {
    id name title department seniority decisionMaker
    ${when(personal, "email phone location notes interests { id name category }")}
    company { id name home tier status }
    manager { id name title }
    reports { id }
    influences { role stance opportunity { id name stage amount account { id name } } }
    knows { ${when(personal, "strength lastContact since source")} person { id name title company { id name home } } }
  }
}`;

export const paths = (personal) => `query Paths($id: ID!) {
  influencePaths(to: $id, limit: 3) {
    score hops
    people { id name title company { id name home } }
    steps { from { id } to { id } tie ${when(personal, "strength via { id name kind }")} }
  }
}`;

export const icebreakers = (personal) => `query PersonIcebreakers($id: ID!) {
  icebreakers(target: $id) { pathScore teammate { id name title } ${when(personal, "interests { id name }")} }
}`;
