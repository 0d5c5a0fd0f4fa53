// Nodes whose lower-cased name contains $text, found through the full-text index
// (keyword analyzer on nameKey, $query = '*<escaped text>*') plus the few names
// too long for it (nameLong), confirmed with CONTAINS on nameLower;
// exact name first, then prefix, then the rest; ties by name, id.
CALL () {
  CALL db.index.fulltext.queryNodes('node_name_keys', $query) YIELD node
  RETURN node AS n
  UNION
  MATCH (n:Node) WHERE n.nameLong = true
  RETURN n
}
WITH n
WHERE n.nameLower CONTAINS $text
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
WITH n, CASE WHEN n.nameLower = $text THEN 0 WHEN n.nameLower STARTS WITH $text THEN 1 ELSE 2 END AS rank
ORDER BY rank, n.name, n.id
LIMIT $limit
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
