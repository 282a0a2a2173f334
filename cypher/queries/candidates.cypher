// name: candidates
// answers: Names found by open discovery that no knowledge base or curation entry knows, by how many reports use them: what to curate next.
// params: type (optional) — platform, program, agency or policy; min_reports (optional) — only names in at least this many reports (default 1); limit (optional) — how many names (default 50)
// columns: type, name, reports, mentions, surfaces, example, report
// The usage figures are kept on each node as reports load (kg/entity_stats.py); only the names kept
// by the limit have their surfaces and example sentence read.
MATCH (x)
WHERE (x:Platform OR x:Program OR x:Agency OR x:Policy) AND x.discovered = true
  AND ($type IS NULL OR toLower(labels(x)[0]) = $type)
  AND x.n_reports >= coalesce($min_reports, 1)
WITH x, toLower(labels(x)[0]) AS type
ORDER BY x.n_reports DESC, x.n_mentions DESC, type, x.name
LIMIT coalesce($limit, 50)
RETURN type, x.name AS name, x.n_reports AS reports, x.n_mentions AS mentions,
       x.surfaces AS surfaces, x.example AS example, x.example_file AS report
ORDER BY reports DESC, mentions DESC, type, name
