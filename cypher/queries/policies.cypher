// name: policies
// answers: Cited policies, one row per issuing agency and policy: its document number, how many reports cite it, and the first citation's sentence.
// params: agency (optional) — the issuing agency's name
// columns: agency, policy, doc_number, reports, evidence, report, start, end
// A provincial policy is cited by the reports of hundreds of counties: one row per citation would
// list it hundreds of times. The first citation is the first by report file, then offset, then
// report id: each key is narrowed by its own minimum in turn.
MATCH (a:Agency)-[i:ISSUED]->(p:Policy)
WHERE a.name = $agency OR $agency IS NULL
WITH a, p, min(i.file) AS first_file, count(DISTINCT i.report) AS reports
MATCH (a)-[i:ISSUED]->(p)
WHERE i.file = first_file
WITH a, p, first_file, reports, min(i.start) AS first_start
MATCH (a)-[i:ISSUED]->(p)
WHERE i.file = first_file AND i.start = first_start
WITH a, p, first_file, first_start, reports, min(i.report) AS first_report
MATCH (a)-[i:ISSUED]->(p)
WHERE i.file = first_file AND i.start = first_start AND i.report = first_report
RETURN a.name AS agency, p.name AS policy, p.doc_number AS doc_number, reports,
       min(i.sentence) AS evidence, first_file AS report, first_start AS start, min(i.`end`) AS `end`
ORDER BY agency, policy
