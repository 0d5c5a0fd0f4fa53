// Create or update nodes of one kind. {{LABEL}} is a NodeKind label (whitelisted
// by the loader). A property given as null in row.props is removed.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n:{{LABEL}}
SET n += row.props
SET n.nameLower = coalesce(row.nameLower, n.nameLower)
