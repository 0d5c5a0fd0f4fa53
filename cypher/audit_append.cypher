// Append an audit entry, numbered from a counter node in the same transaction.
// Audit entries are not :Node, so they never show up as graph nodes.
MERGE (c:AuditCounter {name: 'audit'})
ON CREATE SET c.seq = 0
SET c.seq = c.seq + 1
CREATE (e:AuditEntry {seq: c.seq, at: $at, actor: $actor, operation: $operation, ids: $ids})
RETURN e.seq AS seq
