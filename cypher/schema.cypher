// govkg schema for Neo4j 5: applied by `kg schema --target neo4j` and before every load.
// Every statement is idempotent (IF NOT EXISTS), so applying it again changes nothing.

// One uniqueness constraint per node key: MERGE on these keys is then an index seek, and no
// load can ever create two nodes for the same report, region or name.
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT platform_name IF NOT EXISTS FOR (n:Platform) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT program_name IF NOT EXISTS FOR (n:Program) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT agency_name IF NOT EXISTS FOR (n:Agency) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT policy_name IF NOT EXISTS FOR (n:Policy) REQUIRE n.name IS UNIQUE;

// Indexes the canned queries and the loader look things up by.
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);     // platforms, programs, evidence, similar-regions, partners
CREATE INDEX region_province IF NOT EXISTS FOR (n:Region) ON (n.province);  // adoption-matrix
CREATE INDEX report_path IF NOT EXISTS FOR (n:Report) ON (n.path);     // loader: an edited file replaces its older version
CREATE INDEX issued_report IF NOT EXISTS FOR ()-[i:ISSUED]-() ON (i.report);  // loader: a replaced report takes its ISSUED edges along
