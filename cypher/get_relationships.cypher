// For each id, the relationships of the kind's type at either end of it ('BOTH'; the
// directed reads are get_relationships_out / get_relationships_in).
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:{{TYPE}}]-(:Node)
RETURN id, startNode(r).id AS src, endNode(r).id AS dst, properties(r) AS props
