// Create or update {{TYPE}} relationships (undirected kinds arrive normalised,
// src < dst). A new relationship starts from $defaults; row.props patch it.
UNWIND $rows AS row
MATCH (a:Node {id: row.src})
MATCH (b:Node {id: row.dst})
MERGE (a)-[r:{{TYPE}}]->(b)
ON CREATE SET r = $defaults
SET r += row.props
