// name: similar-regions
// answers: Regions most like a given one, ranked by the platforms and programs they share.
// params: region (required) — region name
MATCH (g:Region {name: $region})-[:ADOPTED|RUNS]->(x)<-[:ADOPTED|RUNS]-(o:Region)
WHERE o <> g
WITH o, x ORDER BY x.name
WITH o, collect(x) AS shared
WITH o, [i IN shared WHERE i:Platform | i.name] AS platforms, [i IN shared WHERE i:Program | i.name] AS programs
RETURN o.name AS region, o.province AS province, size(platforms) + size(programs) AS shared,
       platforms AS shared_platforms, programs AS shared_programs
ORDER BY shared DESC, region, province
