// relate for a bulk import (its ends were checked before the import began):
// the same writes, for the rows whose ends exist with the kinds the type needs
// ($fromLabel, $toLabel), and only how many rows were written comes back (fewer
// than given: a concurrent write removed or changed an end; the caller then
// finds out which and rolls the transaction back).
UNWIND $rows AS row
MATCH (a:Node {id: row.src})
WHERE $fromLabel IN labels(a)
MATCH (b:Node {id: row.dst})
WHERE $toLabel IN labels(b)
MERGE (a)-[r:{{TYPE}}]->(b)
ON CREATE SET r = $defaults
SET r += row.props
RETURN count(r) AS n
