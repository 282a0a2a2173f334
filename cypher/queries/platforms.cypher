// name: platforms
// answers: Which platforms a region uses, since when, with one evidence sentence each (status: done, or only planned).
// params: region (required) — region name, e.g. 广德市 (former names such as 广德县 work too)
// columns: platform, first_year, last_year, reports, status, evidence, report, start, end
MATCH (g:Region {name: $region})-[a:ADOPTED]->(p:Platform)
RETURN p.name AS platform, a.first_year AS first_year, a.last_year AS last_year, a.n_reports AS reports, a.status AS status,
       a.evidence AS evidence, a.evidence_file AS report, a.evidence_start AS start, a.evidence_end AS `end`
ORDER BY first_year, platform
