// Create or update relationships of the kind's type (undirected kinds arrive normalised,
// src < dst). A new relationship starts from $defaults; row.props patch it.
// Returns each row's relationship (for a key given twice, the last row's is the
// final state).
UNWIND $rows AS row
MATCH (a:Node {id: row.src})
MATCH (b:Node {id: row.dst})
MERGE (a)-[r:{{TYPE}}]->(b)
ON CREATE SET r = $defaults
SET r += row.props
RETURN a.id AS src, b.id AS dst, properties(r) AS props
