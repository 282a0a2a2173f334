// name: similar-regions
// answers: Regions most like a given one, ranked by the platforms and programs they share.
// params: region (required) — region name; limit (optional) — how many regions (default 20)
// A target's adopters are read once per target (a popular one has thousands). A target counts for
// a region when a region of the given name other than itself has it (two regions may bear one
// name). Only the regions kept by the limit have their shared names read and sorted.
MATCH (g:Region {name: $region})-[:ADOPTED|RUNS]->(x)
WITH x, collect(g) AS owners
MATCH (x)<-[:ADOPTED|RUNS]-(o)  // only regions hold derived facts
WHERE any(g IN owners WHERE g <> o)
WITH o, collect(x) AS common
ORDER BY size(common) DESC, o.name, o.province, o.id
LIMIT coalesce($limit, 20)
CALL (common) {
  UNWIND common AS x
  WITH x ORDER BY x.name
  RETURN collect(CASE WHEN x:Platform THEN x.name END) AS platforms,
         collect(CASE WHEN NOT x:Platform THEN x.name END) AS programs
}
RETURN o.name AS region, o.province AS province, size(common) AS shared,
       platforms AS shared_platforms, programs AS shared_programs
ORDER BY shared DESC, region, province, o.id
