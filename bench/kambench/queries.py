"""The fixed query set, for kamgraph and for the Neo4j GraphQL Library."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kambench.data import Facts


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    variables: dict[str, Any]  # of the first request (the only ones unless `cycle`)
    analysis: str | None = None  # the Query field that must be served for it to run
    #: variables that request i takes cycle[i % len(cycle)] of, when there are several
    cycle: tuple[dict[str, Any], ...] = ()

    def variable_sets(self) -> tuple[dict[str, Any], ...]:
        return self.cycle or (self.variables,)


#: the names of the worst-case rows of the sampled queries
LARGEST = " (largest account)"


ORG_CHART = """
query OrgChart($id: ID!) {
  company(id: $id) {
    id name
    orgChart(depth: 50) { managerId level person { id name title seniority } }
  }
}"""

# The nested query that both kamgraph and @neo4j/graphql answer: a company, its
# current people (WORKS_AT in, current), each with title and manager.
NESTED_ORG = """
query NestedOrg($id: ID!) {
  company(id: $id) {
    id name
    people(first: 500) {
      totalCount
      edges { node { id name title seniority manager { id name } } }
    }
  }
}"""

NESTED_ORG_NGQL = """
query NestedOrg($id: ID!) {
  companies(where: { id: { eq: $id } }) {
    id name
    employeesConnection(
      where: { edge: { current: { eq: true } } }, first: 500, sort: [{ node: { id: ASC } }]
    ) {
      totalCount
      edges { node { id name title seniority manager { id name } } }
    }
  }
}"""

PEOPLE_PAGE = """
query PeoplePage {
  people(first: 100) {
    totalCount
    edges { node { id name title company { id name } manager { id name } interests { id name } } }
  }
}"""

INFLUENCE_PATHS = """
query Paths($to: ID!) {
  influencePaths(to: $to) {
    score hops
    steps { from { id } to { id } tie strength via { id name } }
  }
}"""

RELATIONSHIP_GAPS = """
query Gaps($account: ID!) {
  relationshipGaps(account: $account) {
    coverage threads singleThreaded
    decisionMakers { id } covered { id }
    uncovered { person { id name } bestPath { score hops people { id } } }
    stale { teammate { id } person { id } strength lastContact }
    missingRoles { opportunity { id } role }
  }
}"""

ACCOUNT_PRIORITIES = """
query Priorities {
  accountPriorities(first: 50) {
    company { id name } score value potential tier winRate coverage
  }
}"""


def _sampled(name: str, text: str, sets: list[dict[str, Any]]) -> Query:
    return Query(name, text, sets[0], name, tuple(sets))


def query_set(f: Facts) -> list[Query]:
    """The queries in the order they run. influencePaths and relationshipGaps cycle through
    the sample of accounts (what users typically ask); their ``(largest account)`` rows ask
    about the account with most decision-makers every time (the worst case)."""
    paths = [{"to": maker} for _, maker in f.sample]
    gaps = [{"account": account} for account, _ in f.sample]
    return [
        Query("orgChart", ORG_CHART, {"id": f.org_company}),
        Query("nestedOrg", NESTED_ORG, {"id": f.org_company}),
        Query("people100", PEOPLE_PAGE, {}),
        _sampled("influencePaths", INFLUENCE_PATHS, paths),
        _sampled("relationshipGaps", RELATIONSHIP_GAPS, gaps),
        Query("accountPriorities", ACCOUNT_PRIORITIES, {}, "accountPriorities"),
        Query("influencePaths" + LARGEST, INFLUENCE_PATHS, {"to": f.decision_maker}, "influencePaths"),
        Query("relationshipGaps" + LARGEST, RELATIONSHIP_GAPS, {"account": f.account},
              "relationshipGaps"),
    ]
