// Take a write lock, held to the end of the transaction, that serialises the
// writes whose check reads more than the rows they write (the one-home rule).
MERGE (l:KamgraphLock {name: $name})
SET l.n = coalesce(l.n, 0) + 1
