// The ties around $ids and the members of $companyIds and $interestIds
// (person_ties and hub_members in one), as ONE record: a list of
// [type, src, dst, strength of a KNOWS or current of a WORKS_AT].
CALL () {
  UNWIND $ids AS id
  MATCH (:Person {id: id})-[r:KNOWS|REPORTS_TO|WORKS_AT|INTERESTED_IN]-(:Node)
  RETURN r
  UNION
  UNWIND $companyIds AS cid
  MATCH (:Company {id: cid})<-[r:WORKS_AT]-(:Person)
  RETURN r
  UNION
  UNWIND $interestIds AS iid
  MATCH (:Interest {id: iid})<-[r:INTERESTED_IN]-(:Person)
  RETURN r
}
RETURN collect([type(r), startNode(r).id, endNode(r).id,
                CASE type(r) WHEN 'KNOWS' THEN r.strength WHEN 'WORKS_AT' THEN r.current END]) AS ties
