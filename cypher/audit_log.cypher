// Audit entries newest first below sequence number $after, with the total count
// of entries matching $actor and $since.
CALL () {
  MATCH (e:AuditEntry)
  WHERE ($actor IS NULL OR e.actor = $actor) AND ($since IS NULL OR e.at >= $since)
  RETURN count(e) AS total
}
CALL () {
  MATCH (e:AuditEntry)
  WHERE ($actor IS NULL OR e.actor = $actor) AND ($since IS NULL OR e.at >= $since)
    AND ($after IS NULL OR e.seq < $after)
  WITH e ORDER BY e.seq DESC LIMIT $limit
  RETURN collect(e {.seq, .at, .actor, .operation, .ids}) AS entries
}
RETURN total, entries
