// For each id, the relationships of the kind's type that start at it, as one row
// holding a list of [id, src, dst, properties].
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:{{TYPE}}]->(b:Node)
RETURN collect([id, id, b.id, properties(r)]) AS rows
