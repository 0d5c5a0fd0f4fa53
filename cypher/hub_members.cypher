// The WORKS_AT (current or past) into each company of $companyIds and the
// INTERESTED_IN into each interest of $interestIds.
CALL () {
  UNWIND $companyIds AS cid
  MATCH (:Company {id: cid})<-[r:WORKS_AT]-(:Person)
  RETURN r
  UNION
  UNWIND $interestIds AS iid
  MATCH (:Interest {id: iid})<-[r:INTERESTED_IN]-(:Person)
  RETURN r
}
RETURN type(r) AS type, startNode(r).id AS src, endNode(r).id AS dst, properties(r) AS props
