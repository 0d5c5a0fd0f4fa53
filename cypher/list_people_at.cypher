// list_people with a company: starts from the company's current people instead
// of scanning every person. Same filters, order and total as list_people.
CALL () {
  MATCH (:Company {id: $companyId})<-[w:WORKS_AT]-(n:Person)
  WHERE coalesce(w.current, true)
  WITH DISTINCT n
  WHERE ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
    AND ($seniorities IS NULL OR n.seniority IN $seniorities)
    AND ($decisionMaker IS NULL OR coalesce(n.decisionMaker, false) = $decisionMaker)
    AND ($interestId IS NULL OR EXISTS {
          MATCH (n)-[:INTERESTED_IN]->(i:Interest {id: $interestId}) })
  RETURN count(n) AS total
}
CALL () {
  MATCH (:Company {id: $companyId})<-[w:WORKS_AT]-(n:Person)
  WHERE coalesce(w.current, true) AND ($after IS NULL OR n.id > $after)
  WITH DISTINCT n
  WHERE ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
    AND ($seniorities IS NULL OR n.seniority IN $seniorities)
    AND ($decisionMaker IS NULL OR coalesce(n.decisionMaker, false) = $decisionMaker)
    AND ($interestId IS NULL OR EXISTS {
          MATCH (n)-[:INTERESTED_IN]->(i:Interest {id: $interestId}) })
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS items
}
RETURN total, items
