// Name search without the full-text index, for texts too long for a wildcard
// query: lower-cased name CONTAINS $text; same order as `search`.
MATCH (n:Node)
WHERE n.nameLower CONTAINS $text
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
WITH n, CASE WHEN n.nameLower = $text THEN 0 WHEN n.nameLower STARTS WITH $text THEN 1 ELSE 2 END AS rank
ORDER BY rank, n.name, n.id
LIMIT $limit
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
