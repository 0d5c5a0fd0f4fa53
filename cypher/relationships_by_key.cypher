// The {{TYPE}} relationships named by (src, dst) rows.
UNWIND $rows AS row
MATCH (a:Node {id: row.src})-[r:{{TYPE}}]->(b:Node {id: row.dst})
RETURN a.id AS src, b.id AS dst, properties(r) AS props
