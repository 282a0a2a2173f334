// name: candidates
// answers: Names found by open discovery that no knowledge base or curation entry knows, by how many reports use them: what to curate next.
// params: type (optional) — platform, program, agency or policy; min_reports (optional) — only names in at least this many reports (default 1); limit (optional) — how many names (default 50)
// columns: type, name, reports, mentions, surfaces, example, report
// sorted: surfaces
// The usage figures are kept on each node as reports load (kg/entity_stats.py).
MATCH (x:Platform|Program|Agency|Policy)
WHERE x.discovered = true AND (toLower(x.kind) = $type OR $type IS NULL) AND x.n_reports >= $min_reports
RETURN toLower(x.kind) AS type, x.name AS name, x.n_reports AS reports, x.n_mentions AS mentions,
       x.surfaces AS surfaces, x.example AS example, x.example_file AS report
ORDER BY reports DESC, mentions DESC, type, name
LIMIT $limit
