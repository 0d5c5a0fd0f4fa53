// One batch of relationships of the kind's type in (src, dst) order after ($afterSrc, $afterDst)
// ($afterSrc = '' for the first batch). Start nodes come in id order from the
// id index and each one's relationships sorted by dst, so the LIMIT stops the
// scan early: a batch costs about its own size, however many there are.
MATCH (a:Node)
WHERE a.id >= $afterSrc
WITH a ORDER BY a.id
CALL (a) {
  MATCH (a)-[r:{{TYPE}}]->(b:Node)
  WHERE a.id > $afterSrc OR b.id > $afterDst
  RETURN b.id AS dst, properties(r) AS props
  ORDER BY dst
}
RETURN a.id AS src, dst, props
LIMIT $limit
