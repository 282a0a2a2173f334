// name: timeline
// answers: When each region first adopted a platform or program, and how many had by then (diffusion curve).
// params: name (required) — platform or program name or alias
// columns: region, first_year, cumulative
// Each name is looked up by its index (one branch per label), and the running total is summed
// per year rather than by comparing every region with every other.
CALL () {
  MATCH (g:Region)-[a:ADOPTED]->(:Platform {name: $name}) RETURN g, a
  UNION ALL
  MATCH (g:Region)-[a:RUNS]->(:Program {name: $name}) RETURN g, a
}
WITH g, min(a.first_year) AS first_year
WHERE first_year IS NOT NULL
WITH first_year, collect(g.name) AS regions
ORDER BY first_year
WITH collect({year: first_year, regions: regions}) AS years
UNWIND range(0, size(years) - 1) AS i
WITH years[i] AS y, reduce(total = 0, j IN range(0, i) | total + size(years[j].regions)) AS cumulative
UNWIND y.regions AS region
RETURN region, y.year AS first_year, cumulative
ORDER BY first_year, region
