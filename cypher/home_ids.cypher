// Ids of the companies marked as home (the rules allow one).
MATCH (n:Company)
WHERE n.home = true
RETURN n.id AS id
ORDER BY id
