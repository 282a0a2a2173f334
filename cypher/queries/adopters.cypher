// name: adopters
// answers: Which regions adopted a platform, since when, in how many reports, and one sentence that says so (status: done, or only planned).
// params: platform (required) — platform name or alias, e.g. 皖事通 or 皖事通APP
// columns: region, level, prefecture, province, first_year, last_year, reports, status, evidence, report, start, end
MATCH (g:Region)-[a:ADOPTED]->(p:Platform {name: $platform})
RETURN g.name AS region, g.level AS level, g.prefecture AS prefecture, g.province AS province,
       a.first_year AS first_year, a.last_year AS last_year, a.n_reports AS reports, a.status AS status,
       a.evidence AS evidence, a.evidence_file AS report, a.evidence_start AS start, a.evidence_end AS `end`
ORDER BY first_year, region, prefecture, province
