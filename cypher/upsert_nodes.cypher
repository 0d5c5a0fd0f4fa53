// Create or update nodes of one kind. The kind's label is filled in (whitelisted
// by the loader). A property given as null in row.props is removed. The search
// keys (see schema.cypher) are set only when the name is given: nameLower
// always, nameKey (indexed) when short, nameLong = true when not.
// Returns each row's node (for an id given twice, the last row's is the final
// state). A row whose id names a node of another kind (created by a concurrent
// write after this transaction checked) is not written and comes back with
// fits = false; the caller then rolls the transaction back.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
  ON CREATE SET n:{{LABEL}}
WITH n, row, n:{{LABEL}} AS fits
FOREACH (_ IN CASE WHEN fits THEN [1] ELSE [] END |
  SET n += row.props)
FOREACH (_ IN CASE WHEN fits AND row.nameLower IS NOT NULL THEN [1] ELSE [] END |
  SET n.nameLower = row.nameLower, n.nameKey = row.nameKey, n.nameLong = row.nameLong)
RETURN row.id AS id, fits, labels(n) AS labels, properties(n) AS props
