// relate for a bulk import: the same writes, and only how many rows were written
// comes back (fewer than given: an end was deleted by a concurrent write).
UNWIND $rows AS row
MATCH (a:Node {id: row.src})
MATCH (b:Node {id: row.dst})
MERGE (a)-[r:{{TYPE}}]->(b)
ON CREATE SET r = $defaults
SET r += row.props
RETURN count(r) AS n
