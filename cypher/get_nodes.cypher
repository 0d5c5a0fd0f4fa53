// The nodes named by $ids (an id that names nothing gives no row).
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
