// name: similar-regions
// answers: Regions most like a given one, ranked by the platforms and programs they share.
// params: region (required) — region name; limit (optional) — how many regions (default 20)
// columns: region, province, shared, shared_platforms, shared_programs
// sorted: shared_platforms, shared_programs
// A target counts for a region when a region of the given name other than itself has it (two
// regions may bear one name).
MATCH (h:Region {name: $region})-[:ADOPTED|RUNS]->(x:Platform|Program)<-[:ADOPTED|RUNS]-(o:Region)
WHERE o.id <> h.id
WITH o, count(DISTINCT x) AS shared,
     collect(DISTINCT CASE WHEN x.kind = 'Platform' THEN x.name END) AS shared_platforms,
     collect(DISTINCT CASE WHEN x.kind = 'Program' THEN x.name END) AS shared_programs
RETURN o.name AS region, o.province AS province, shared, shared_platforms, shared_programs
ORDER BY shared DESC, region, province, o.id
LIMIT $limit
