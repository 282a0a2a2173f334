// name: similar-regions
// answers: Regions most like a given one, ranked by the platforms and programs they share.
// params: region (required) — region name; limit (optional) — how many regions (default 20)
// columns: region, province, shared, shared_platforms, shared_programs
// A target counts for a region when a region of the given name other than itself has it (two
// regions may bear one name). A national program's adopters are every region, so the pairs to count
// run to hundreds of thousands: they come from each target's `adopters` list (the ids of the regions
// with a fact to it, kept exact by the loader; a graph loaded before the list existed is read from
// its facts instead) and are counted per region id. A region of the given name is counted again
// from its facts, since it must not count the targets only it has. Only the regions that can make
// the cut are looked up; the kept regions' shared names come from their own facts.
// The ranked rows are carried as lists (`ranked`, `kept`) and regrouped by an aggregation, so that
// no sort holds a list per row (Neo4j charges each row for every list it holds); for the same
// reason the given regions' targets are matched again after the cut (a few hundred facts) instead
// of being carried through it. UNWIND and CALL keep the order of `kept`, which is the ranking.
MATCH (g:Region {name: $region})
WITH collect(g.id) AS owner_ids
CALL () {
  MATCH (:Region {name: $region})-[:ADOPTED|RUNS]->(x)
  WITH DISTINCT x
  UNWIND coalesce(x.adopters, COLLECT { MATCH (x)<-[:ADOPTED|RUNS]-(a) RETURN a.id }) AS id
  RETURN id, count(*) AS n
}
WITH id, CASE WHEN id IN owner_ids
              THEN COUNT { MATCH (:Region {id: id})-[:ADOPTED|RUNS]->(x)<-[:ADOPTED|RUNS]-(h:Region {name: $region})
                           WHERE h.id <> id RETURN DISTINCT x }
              ELSE n END AS shared
WHERE shared > 0
WITH id, shared ORDER BY shared DESC
WITH collect([id, shared]) AS ranked
WITH ranked, ranked[coalesce($limit, 20) - 1][1] AS cut  // null when fewer: all stay
UNWIND [r IN ranked WHERE cut IS NULL OR r[1] >= cut] AS r
MATCH (o:Region {id: r[0]})
WITH o, max(r[1]) AS shared  // one row per region, without `ranked`
ORDER BY shared DESC, o.name, o.province, o.id
LIMIT coalesce($limit, 20)
WITH collect([o, shared]) AS kept
CALL () {
  MATCH (:Region {name: $region})-[:ADOPTED|RUNS]->(x)
  RETURN collect(DISTINCT x) AS targets
}
UNWIND kept AS k
WITH k[0] AS o, k[1] AS shared, targets
CALL (o, targets) {
  MATCH (o)-[:ADOPTED|RUNS]->(x)
  WHERE x IN targets AND (o.name <> $region OR EXISTS { (x)<-[:ADOPTED|RUNS]-(h:Region {name: $region}) WHERE h <> o })
  WITH x ORDER BY x.name
  RETURN collect(CASE WHEN x:Platform THEN x.name END) AS platforms,
         collect(CASE WHEN NOT x:Platform THEN x.name END) AS programs
}
RETURN o.name AS region, o.province AS province, shared,
       platforms AS shared_platforms, programs AS shared_programs
