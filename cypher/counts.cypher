// How many nodes of each kind and relationships of each kind (count store lookups).
MATCH (n:Company) RETURN 'COMPANY' AS key, count(n) AS n
UNION ALL
MATCH (n:Person) RETURN 'PERSON' AS key, count(n) AS n
UNION ALL
MATCH (n:Interest) RETURN 'INTEREST' AS key, count(n) AS n
UNION ALL
MATCH (n:Product) RETURN 'PRODUCT' AS key, count(n) AS n
UNION ALL
MATCH (n:Opportunity) RETURN 'OPPORTUNITY' AS key, count(n) AS n
UNION ALL
MATCH ()-[r:WORKS_AT]->() RETURN 'WORKS_AT' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:REPORTS_TO]->() RETURN 'REPORTS_TO' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:KNOWS]->() RETURN 'KNOWS' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:INTERESTED_IN]->() RETURN 'INTERESTED_IN' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:COVERS]->() RETURN 'COVERS' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:SUPPLIES]->() RETURN 'SUPPLIES' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:COMPETES_WITH]->() RETURN 'COMPETES_WITH' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:PARTNERS_WITH]->() RETURN 'PARTNERS_WITH' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:SUBSIDIARY_OF]->() RETURN 'SUBSIDIARY_OF' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:OFFERS]->() RETURN 'OFFERS' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:USES]->() RETURN 'USES' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:TARGETS]->() RETURN 'TARGETS' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:PROPOSES]->() RETURN 'PROPOSES' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:AGAINST]->() RETURN 'AGAINST' AS key, count(r) AS n
UNION ALL
MATCH ()-[r:INFLUENCES]->() RETURN 'INFLUENCES' AS key, count(r) AS n
