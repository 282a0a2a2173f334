// name: similar-regions
// answers: Regions most like a given one, ranked by the platforms and programs they share.
// params: region (required) — region name
// Names are read once per target before fanning out to the other adopters (a popular target has
// thousands), and the region itself is dropped after grouping rather than compared on every row.
MATCH (g:Region {name: $region})-[:ADOPTED|RUNS]->(x)
WITH g, x.name AS name, x:Platform AS platform, x
MATCH (x)<-[:ADOPTED|RUNS]-(o)  // only regions hold derived facts
WITH g, o, name, platform ORDER BY name
WITH g, o, collect(CASE WHEN platform THEN name END) AS platforms,
     collect(CASE WHEN NOT platform THEN name END) AS programs
WHERE o <> g
RETURN o.name AS region, o.province AS province, size(platforms) + size(programs) AS shared,
       platforms AS shared_platforms, programs AS shared_programs
ORDER BY shared DESC, region, province
