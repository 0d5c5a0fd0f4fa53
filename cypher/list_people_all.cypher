// One page of all people in ascending id order after $after (never null: '' for
// the first page; ids are not empty), and how many there are. Without a filter
// the total comes from the count store and the page from the person_id index in
// its order, so the cost does not grow with the number of people.
CALL () {
  MATCH (n:Person)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Person)
  WHERE n.id > $after
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS items
}
RETURN total, items
