// The company's current people, each with their managers among those people, as
// one row holding a list of [id, labels, properties, manager ids].
MATCH (c:Company {id: $companyId})<-[w:WORKS_AT]-(p:Person)
WHERE coalesce(w.current, true)
WITH DISTINCT c, p
OPTIONAL MATCH (p)-[:REPORTS_TO]->(m:Person)-[w2:WORKS_AT]->(c)
WHERE coalesce(w2.current, true)
WITH p, collect(DISTINCT m.id) AS managers
RETURN collect([p.id, labels(p), properties(p), managers]) AS rows
