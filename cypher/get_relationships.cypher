// For each id, the {{TYPE}} relationships at the end $end ('OUT': the id is the
// start node, 'IN': the end node, 'BOTH': either).
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:{{TYPE}}]-(:Node)
WITH id, r, startNode(r) AS a, endNode(r) AS b
WHERE $end = 'BOTH' OR ($end = 'OUT' AND a.id = id) OR ($end = 'IN' AND b.id = id)
RETURN id, a.id AS src, b.id AS dst, properties(r) AS props
