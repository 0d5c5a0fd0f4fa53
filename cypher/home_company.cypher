// The home company (ours), if any.
MATCH (n:Company)
WHERE n.home = true
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
LIMIT 1
