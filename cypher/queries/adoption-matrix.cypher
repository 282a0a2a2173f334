// name: adoption-matrix
// answers: Every region × platform adoption with its first year (long format), optionally in one province.
// params: province (optional) — province name, e.g. 安徽省
// columns: region, province, platform, first_year
MATCH (g:Region)-[a:ADOPTED]->(p:Platform)
WHERE g.province = $province OR $province IS NULL
RETURN g.name AS region, g.province AS province, p.name AS platform, a.first_year AS first_year
ORDER BY province, region, platform
