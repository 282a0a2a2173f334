// name: evidence
// answers: Every sentence in a region's reports that mentions a name, with report, character offsets and status (done/planned).
// params: region (required) — the reporting region; name (required) — platform, program, agency, policy or partner region
// columns: report, year, type, name, surface, sentence, start, end, status
CALL () {
  MATCH (rep:Report)-[:ABOUT]->(:Region {name: $region})
  MATCH (rep)-[m:MENTIONS]->(x)
  WHERE x.name = $name
  RETURN rep, m, labels(x)[0] AS type, x.name AS name
  UNION ALL
  MATCH (rep:Report)-[:ABOUT]->(:Region {name: $region})
  MATCH (rep)-[m:CITES_PARTNER]->(x:Region)
  WHERE x.name = $name
  RETURN rep, m, 'Partner' AS type, x.name AS name
}
RETURN rep.file AS report, rep.year AS year, type, name, m.surface AS surface,
       m.sentence AS sentence, m.start AS start, m.end AS end, m.status AS status
ORDER BY report, start, type
