// Every opportunity (in one of $stages unless null), by id.
MATCH (n:Opportunity)
WHERE $stages IS NULL OR n.stage IN $stages
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
