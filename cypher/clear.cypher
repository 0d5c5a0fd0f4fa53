// Delete up to $batch nodes (of any label) with their relationships; how many.
MATCH (n)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS n
