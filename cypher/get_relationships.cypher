// For each id, the relationships of the kind's type at either end of it ('BOTH'; the
// directed reads are get_relationships_out / get_relationships_in), as one row
// holding a list of [id, src, dst, properties].
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:{{TYPE}}]-(:Node)
RETURN collect([id, startNode(r).id, endNode(r).id, properties(r)]) AS rows
