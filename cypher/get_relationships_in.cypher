// For each id, the relationships of the kind's type that end at it.
UNWIND $ids AS id
MATCH (n:Node {id: id})<-[r:{{TYPE}}]-(a:Node)
RETURN id, a.id AS src, id AS dst, properties(r) AS props
