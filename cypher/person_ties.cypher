// Every KNOWS, REPORTS_TO, WORKS_AT and INTERESTED_IN relationship touching one of $ids.
UNWIND $ids AS id
MATCH (:Person {id: id})-[r:KNOWS|REPORTS_TO|WORKS_AT|INTERESTED_IN]-(:Node)
WITH DISTINCT r
RETURN type(r) AS type, startNode(r).id AS src, endNode(r).id AS dst, properties(r) AS props
