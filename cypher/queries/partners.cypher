// name: partners
// answers: Cooperation partners (跨省通办 / 异地代办 agreements) of one region, or of all regions.
// params: region (optional) — region name
// columns: region, partner, partner_province, first_year, reports, evidence, report, start, end
MATCH (g:Region)-[w:PARTNERS_WITH]->(p:Region)
WHERE g.name = $region OR $region IS NULL
RETURN g.name AS region, p.name AS partner, p.province AS partner_province,
       w.first_year AS first_year, w.n_reports AS reports,
       w.evidence AS evidence, w.evidence_file AS report, w.evidence_start AS start, w.evidence_end AS `end`
ORDER BY region, partner, partner_province
