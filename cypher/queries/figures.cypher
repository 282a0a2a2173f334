// name: figures
// answers: Figures the reports state about platforms and programs (registered users, cases handled, items online): value, unit, year, evidence.
// params: name (optional) — platform or program name or alias; region (optional) — the reporting region
// columns: region, year, type, name, metric, value, unit, amount, status, evidence, report, start, end
// One branch per question asked, each starting from the narrowest side given: the region's reports
// (ten or so) when a region is given, else the entity (a national program's figures run to tens of
// thousands), else every figure. A branch whose condition is false returns nothing at once.
CALL () {
  WITH 1 AS one WHERE $region IS NOT NULL
  MATCH (g:Region {name: $region})<-[:ABOUT]-(rep:Report)-[f:STATES_FIGURE]->(x)
  WHERE $name IS NULL OR x.name = $name
  RETURN rep, f, x, g
  UNION ALL
  WITH 1 AS one WHERE $region IS NULL AND $name IS NOT NULL
  MATCH (x:Platform|Program {name: $name})<-[f:STATES_FIGURE]-(rep:Report)
  OPTIONAL MATCH (rep)-[:ABOUT]->(g:Region)
  RETURN rep, f, x, g
  UNION ALL
  WITH 1 AS one WHERE $region IS NULL AND $name IS NULL
  MATCH (rep:Report)-[f:STATES_FIGURE]->(x)
  OPTIONAL MATCH (rep)-[:ABOUT]->(g:Region)
  RETURN rep, f, x, g
}
RETURN g.name AS region, f.year AS year, toLower(labels(x)[0]) AS type, x.name AS name, f.metric AS metric,
       f.value AS value, f.unit AS unit, f.amount AS amount, f.status AS status,
       f.sentence AS evidence, rep.file AS report, f.start AS start, f.end AS end
ORDER BY name, metric, year, region, report, start
