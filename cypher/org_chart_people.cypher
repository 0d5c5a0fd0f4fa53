// The company's current people, each with their managers among those people.
MATCH (c:Company {id: $companyId})<-[w:WORKS_AT]-(p:Person)
WHERE coalesce(w.current, true)
WITH DISTINCT c, p
OPTIONAL MATCH (p)-[:REPORTS_TO]->(m:Person)-[w2:WORKS_AT]->(c)
WHERE coalesce(w2.current, true)
RETURN p.id AS id, labels(p) AS labels, properties(p) AS props, collect(DISTINCT m.id) AS managers
