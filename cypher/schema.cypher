// Constraints and indexes, applied idempotently by Neo4jStore.open() and
// `kamgraph init-db`. One statement per `;`.

// every node carries :Node and its kind's label; ids are unique across kinds
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interest_id IF NOT EXISTS FOR (n:Interest) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE;

// audit entries (not :Node), their sequence counter, and write locks
CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE;
CREATE CONSTRAINT audit_counter IF NOT EXISTS FOR (c:AuditCounter) REQUIRE c.name IS UNIQUE;
CREATE CONSTRAINT kamgraph_lock IF NOT EXISTS FOR (l:KamgraphLock) REQUIRE l.name IS UNIQUE;

// lookups the analyses filter on (small values only: an index refuses a write
// whose value is too large, so free-text properties are not indexed)
CREATE INDEX company_home IF NOT EXISTS FOR (n:Company) ON (n.home);
CREATE INDEX opportunity_stage IF NOT EXISTS FOR (n:Opportunity) ON (n.stage);

// name search: nameKey is the lower-cased name when it is short enough to be
// one Lucene term; the keyword analyzer keeps it whole, searched with a
// *wildcard* query. Longer names have no nameKey but nameLong = true instead.
CREATE FULLTEXT INDEX node_name_keys IF NOT EXISTS
FOR (n:Company|Person|Interest|Product|Opportunity) ON EACH [n.nameKey]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
CREATE INDEX node_name_long IF NOT EXISTS FOR (n:Node) ON (n.nameLong);

// indexes of earlier development versions that fail on very long values
DROP INDEX node_names IF EXISTS;
DROP INDEX company_name_lower IF EXISTS;
DROP INDEX person_name_lower IF EXISTS;
DROP INDEX company_industry IF EXISTS;
DROP INDEX audit_actor IF EXISTS;
