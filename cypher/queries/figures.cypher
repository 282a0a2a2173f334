// name: figures
// answers: Figures the reports state about platforms and programs (registered users, cases handled, items online): value, unit, year, evidence.
// params: name (optional) — platform or program name or alias; region (optional) — the reporting region
// columns: region, year, type, name, metric, value, unit, amount, status, evidence, report, start, end
MATCH (rep:Report)-[f:STATES_FIGURE]->(x:Platform|Program)
WHERE x.name = $name OR $name IS NULL
OPTIONAL MATCH (rep)-[:ABOUT]->(g:Region)
WITH rep, f, x, g
WHERE g.name = $region OR $region IS NULL
RETURN g.name AS region, f.year AS year, toLower(x.kind) AS type, x.name AS name, f.metric AS metric,
       f.value AS value, f.unit AS unit, f.amount AS amount, f.status AS status,
       f.sentence AS evidence, rep.file AS report, f.start AS start, f.`end` AS `end`
ORDER BY name, metric, year, region, report, start, `end`
