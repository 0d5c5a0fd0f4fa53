// Delete the relationships of the kind's type named by (src, dst) rows; how many there were.
// Both ends are bound before the subquery so that the planner expands from the
// less connected one (Expand(Into)), not from a dense end.
UNWIND $rows AS row
MATCH (a:Node {id: row.src})
MATCH (b:Node {id: row.dst})
CALL (a, b) {
  MATCH (a)-[r:{{TYPE}}]->(b)
  DELETE r
  RETURN count(*) AS deleted
}
RETURN sum(deleted) AS n
