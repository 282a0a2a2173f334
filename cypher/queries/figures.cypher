// name: figures
// answers: Figures the reports state about platforms and programs (registered users, cases handled, items online): value, unit, year, evidence.
// params: name (optional) — platform or program name or alias; region (optional) — the reporting region
MATCH (rep:Report)-[f:STATES_FIGURE]->(x)
WHERE $name IS NULL OR x.name = $name
OPTIONAL MATCH (rep)-[:ABOUT]->(g:Region)
WITH rep, f, x, g
WHERE $region IS NULL OR g.name = $region
RETURN g.name AS region, f.year AS year, toLower(labels(x)[0]) AS type, x.name AS name, f.metric AS metric,
       f.value AS value, f.unit AS unit, f.amount AS amount, f.status AS status,
       f.sentence AS evidence, rep.file AS report, f.start AS start, f.end AS end
ORDER BY name, metric, year, region, report, start
