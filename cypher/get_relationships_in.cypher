// For each id, the relationships of the kind's type that end at it, as one row
// holding a list of [id, src, dst, properties].
UNWIND $ids AS id
MATCH (n:Node {id: id})<-[r:{{TYPE}}]-(a:Node)
RETURN collect([id, a.id, id, properties(r)]) AS rows
