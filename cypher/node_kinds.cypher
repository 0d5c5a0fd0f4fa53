// The labels (and home flag) of the nodes named by $ids: what the write checks need.
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n.id AS id, labels(n) AS labels, n.home AS home
