// Delete the {{TYPE}} relationships named by (src, dst) rows; how many there were.
UNWIND $rows AS row
MATCH (a:Node {id: row.src})-[r:{{TYPE}}]->(b:Node {id: row.dst})
DELETE r
RETURN count(*) AS n
