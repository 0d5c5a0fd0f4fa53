// The nodes named by $ids (an id that names nothing is left out), as one row
// holding a list of [id, labels, properties]: one record, however many nodes.
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN collect([n.id, labels(n), properties(n)]) AS rows
