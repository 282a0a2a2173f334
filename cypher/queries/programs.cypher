// name: programs
// answers: Which programs a region runs, since when, with one evidence sentence each (status: done, or only planned).
// params: region (required) — region name, e.g. 涡阳县
// columns: program, first_year, last_year, reports, status, evidence, report, start, end
MATCH (g:Region {name: $region})-[a:RUNS]->(p:Program)
RETURN p.name AS program, a.first_year AS first_year, a.last_year AS last_year, a.n_reports AS reports, a.status AS status,
       a.evidence AS evidence, a.evidence_file AS report, a.evidence_start AS start, a.evidence_end AS `end`
ORDER BY first_year, program
