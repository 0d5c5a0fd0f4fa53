// One page of nodes of the kind's label in ascending id order after $after, and their total.
CALL () {
  MATCH (n:{{LABEL}})
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:{{LABEL}})
  WHERE $after IS NULL OR n.id > $after
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS items
}
RETURN total, items
