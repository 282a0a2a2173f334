// name: evidence
// answers: Every sentence in a region's reports that mentions a name, with report, character offsets and status (done/planned).
// params: region (required) — the reporting region; name (required) — platform, program, agency, policy or partner region
// columns: report, year, type, name, surface, sentence, start, end, status
// A partner region is cited (CITES_PARTNER) rather than mentioned: its rows have the type Partner.
MATCH (rep:Report)-[:ABOUT]->(:Region {name: $region})
MATCH (rep)-[m:MENTIONS|CITES_PARTNER]->(x:Platform|Program|Agency|Policy|Region)
WHERE x.name = $name
RETURN rep.file AS report, rep.year AS year, CASE WHEN x.kind = 'Region' THEN 'Partner' ELSE x.kind END AS type,
       x.name AS name, m.surface AS surface, m.sentence AS sentence, m.start AS start, m.`end` AS `end`,
       m.status AS status
ORDER BY report, start, type, `end`
