// Constraints and indexes, applied idempotently by Neo4jStore.open() and
// `kamgraph init-db`. One statement per `;`.

// every node carries :Node and its kind's label; ids are unique across kinds
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interest_id IF NOT EXISTS FOR (n:Interest) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE;

// audit entries (not :Node) and their sequence counter
CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE;
CREATE CONSTRAINT audit_counter IF NOT EXISTS FOR (c:AuditCounter) REQUIRE c.name IS UNIQUE;
CREATE INDEX audit_actor IF NOT EXISTS FOR (e:AuditEntry) ON (e.actor);

// lookups the analyses and listings filter on
CREATE INDEX company_home IF NOT EXISTS FOR (n:Company) ON (n.home);
CREATE INDEX company_industry IF NOT EXISTS FOR (n:Company) ON (n.industry);
CREATE INDEX opportunity_stage IF NOT EXISTS FOR (n:Opportunity) ON (n.stage);

// name search: nameLower is the lower-cased name; the keyword analyzer keeps
// the whole name as one term, searched with a *wildcard* query
CREATE FULLTEXT INDEX node_names IF NOT EXISTS
FOR (n:Company|Person|Interest|Product|Opportunity) ON EACH [n.nameLower]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

// listings filtered by nameContains
CREATE TEXT INDEX company_name_lower IF NOT EXISTS FOR (n:Company) ON (n.nameLower);
CREATE TEXT INDEX person_name_lower IF NOT EXISTS FOR (n:Person) ON (n.nameLower);
