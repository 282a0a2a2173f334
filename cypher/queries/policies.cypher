// name: policies
// answers: Cited policies, one row per issuing agency and policy: its document number, how many reports cite it, and the first citation's sentence.
// params: agency (optional) — the issuing agency's name
// columns: agency, policy, doc_number, reports, evidence, report, start, end
// A provincial policy is cited by the reports of hundreds of counties: one row per citation listed
// it hundreds of times. The first citation is the first by report file, offset and report id.
MATCH (a:Agency)-[i:ISSUED]->(p:Policy)
WHERE $agency IS NULL OR a.name = $agency
WITH a, p, i ORDER BY i.file, i.start, i.report
WITH a, p, head(collect(i)) AS first, count(DISTINCT i.report) AS reports
RETURN a.name AS agency, p.name AS policy, p.doc_number AS doc_number, reports,
       first.sentence AS evidence, first.file AS report, first.start AS start, first.end AS end
ORDER BY agency, policy
