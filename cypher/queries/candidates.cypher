// name: candidates
// answers: Names found by open discovery that no knowledge base or curation entry knows, by how many reports use them: what to curate next.
// params: type (optional) — platform, program, agency or policy; min_reports (optional) — only names in at least this many reports (default 1)
MATCH (x)
WHERE (x:Platform OR x:Program OR x:Agency OR x:Policy) AND x.discovered = true
  AND ($type IS NULL OR toLower(labels(x)[0]) = $type)
CALL (x) {
  MATCH (rep:Report)-[m:MENTIONS]->(x)
  WITH rep, m ORDER BY rep.file, m.start, rep.id
  RETURN count(m) AS mentions, count(DISTINCT rep) AS reports,
         head(collect({sentence: m.sentence, file: rep.file})) AS example
}
CALL (x) {
  MATCH (:Report)-[m:MENTIONS]->(x)
  WITH DISTINCT m.surface AS surface ORDER BY surface
  RETURN collect(surface) AS surfaces
}
WITH x, mentions, reports, example, surfaces
WHERE reports >= coalesce($min_reports, 1)
RETURN toLower(labels(x)[0]) AS type, x.name AS name, reports, mentions, surfaces,
       example.sentence AS example, example.file AS report
ORDER BY reports DESC, mentions DESC, type, name
