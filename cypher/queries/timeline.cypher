// name: timeline
// answers: When each region first adopted a platform or program, and how many had by then (diffusion curve).
// params: name (required) — platform or program name or alias
// columns: region, first_year, cumulative
// The running total is counted per year (a few dozen) over the adopters' first years, then each
// region is given its year's total.
MATCH (g:Region)-[a:ADOPTED|RUNS]->(x:Platform|Program)
WHERE x.name = $name
WITH g, min(a.first_year) AS first_year
WHERE first_year IS NOT NULL
WITH collect(first_year) AS years
UNWIND years AS year
WITH DISTINCT years, year
UNWIND years AS other
WITH year, sum(CASE WHEN other <= year THEN 1 ELSE 0 END) AS cumulative
MATCH (g:Region)-[a:ADOPTED|RUNS]->(x:Platform|Program)
WHERE x.name = $name
WITH year, cumulative, g, min(a.first_year) AS first_year
WHERE first_year = year
RETURN g.name AS region, first_year, cumulative
ORDER BY first_year, region
