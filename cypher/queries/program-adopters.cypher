// name: program-adopters
// answers: Which regions run a program (reform, initiative, service mode), since when, on what evidence (status: done, or only planned).
// params: program (required) — program name or alias, e.g. 高效办成一件事
// columns: region, level, prefecture, province, first_year, last_year, reports, status, evidence, report, start, end
MATCH (g:Region)-[a:RUNS]->(p:Program {name: $program})
RETURN g.name AS region, g.level AS level, g.prefecture AS prefecture, g.province AS province,
       a.first_year AS first_year, a.last_year AS last_year, a.n_reports AS reports, a.status AS status,
       a.evidence AS evidence, a.evidence_file AS report, a.evidence_start AS start, a.evidence_end AS `end`
ORDER BY first_year, region, prefecture, province
