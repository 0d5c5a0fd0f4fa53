// One page of people matching the filter in ascending id order after $after,
// and how many match in all. $nameContains is lower-cased by the caller.
// (With a company, list_people_at is used instead.)
CALL () {
  MATCH (n:Person)
  WHERE ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
    AND ($seniorities IS NULL OR n.seniority IN $seniorities)
    AND ($decisionMaker IS NULL OR coalesce(n.decisionMaker, false) = $decisionMaker)
    AND ($interestId IS NULL OR EXISTS {
          MATCH (n)-[:INTERESTED_IN]->(i:Interest {id: $interestId}) })
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Person)
  WHERE ($after IS NULL OR n.id > $after)
    AND ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
    AND ($seniorities IS NULL OR n.seniority IN $seniorities)
    AND ($decisionMaker IS NULL OR coalesce(n.decisionMaker, false) = $decisionMaker)
    AND ($interestId IS NULL OR EXISTS {
          MATCH (n)-[:INTERESTED_IN]->(i:Interest {id: $interestId}) })
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS items
}
RETURN total, items
