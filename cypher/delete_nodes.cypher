// Delete the nodes named by $ids with all their relationships; how many there were.
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n
RETURN count(*) AS n
