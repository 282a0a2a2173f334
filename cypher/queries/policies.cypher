// name: policies
// answers: Cited policies with their document numbers and the agency that issued them, with the sentence that says so.
// params: agency (optional) — the issuing agency's name
MATCH (a:Agency)-[i:ISSUED]->(p:Policy)
WHERE $agency IS NULL OR a.name = $agency
RETURN a.name AS agency, p.name AS policy, p.doc_number AS doc_number,
       i.sentence AS evidence, i.file AS report, i.start AS start, i.end AS end
ORDER BY agency, policy, report, start
