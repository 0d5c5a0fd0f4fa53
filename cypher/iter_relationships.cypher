// One batch of {{TYPE}} relationships in (src, dst) order after ($afterSrc, $afterDst).
MATCH (a:Node)
WHERE $afterSrc IS NULL OR a.id >= $afterSrc
MATCH (a)-[r:{{TYPE}}]->(b:Node)
WHERE $afterSrc IS NULL OR a.id > $afterSrc OR b.id > $afterDst
RETURN a.id AS src, b.id AS dst, properties(r) AS props
ORDER BY src, dst
LIMIT $limit
