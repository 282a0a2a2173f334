// name: province-rollup
// answers: Per province, how many regions adopted a platform or run a program, first year, and which.
// params: name (required) — platform or program name or alias
// columns: province, regions, first_year, region_names
// sorted: region_names
MATCH (g:Region)-[a:ADOPTED|RUNS]->(x:Platform|Program)
WHERE x.name = $name
WITH g, min(a.first_year) AS first_year
WITH g.province AS province, count(g) AS regions, min(first_year) AS first_year, collect(g.name) AS region_names
RETURN province, regions, first_year, region_names
ORDER BY regions DESC, province
