// For each id, the relationships of the kind's type that start at it.
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:{{TYPE}}]->(b:Node)
RETURN id, id AS src, b.id AS dst, properties(r) AS props
