// Delete a person and every relationship of theirs; whether they existed.
MATCH (n:Person {id: $id})
DETACH DELETE n
RETURN count(*) AS n
