// name: timeline
// answers: When each region first adopted a platform or program, and how many had by then (diffusion curve).
// params: name (required) — platform or program name or alias
MATCH (g:Region)-[a:ADOPTED|RUNS]->(x)
WHERE x.name = $name AND (x:Platform OR x:Program)
WITH g, min(a.first_year) AS first_year
WHERE first_year IS NOT NULL
WITH collect({region: g.name, first_year: first_year}) AS rows
UNWIND rows AS r
RETURN r.region AS region, r.first_year AS first_year,
       size([x IN rows WHERE x.first_year <= r.first_year]) AS cumulative
ORDER BY first_year, region
