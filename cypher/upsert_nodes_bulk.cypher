// upsert_nodes for a bulk import: the same writes, and only the ids that were
// not written (a concurrent write gave them another kind) come back.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
  ON CREATE SET n:{{LABEL}}
WITH n, row, n:{{LABEL}} AS fits
FOREACH (_ IN CASE WHEN fits THEN [1] ELSE [] END |
  SET n += row.props)
FOREACH (_ IN CASE WHEN fits AND row.nameLower IS NOT NULL THEN [1] ELSE [] END |
  SET n.nameLower = row.nameLower, n.nameKey = row.nameKey, n.nameLong = row.nameLong)
RETURN collect(CASE WHEN NOT fits THEN row.id END) AS raced
