// The current people of each company of $ids, each with the ids of everyone they
// report to, as one row holding a list of [company id, id, labels, properties,
// manager ids]: one record, however many companies and people.
UNWIND $ids AS companyId
MATCH (:Company {id: companyId})<-[w:WORKS_AT]-(p:Person)
WHERE coalesce(w.current, true)
RETURN collect([companyId, p.id, labels(p), properties(p), [(p)-[:REPORTS_TO]->(m:Person) | m.id]]) AS rows
