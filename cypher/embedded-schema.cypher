// govkg schema for the embedded store (LadybugDB): applied when `kg load` creates a database.
// LadybugDB wants every table and column declared, with one table per node label (its key is the
// primary key) and one per relationship type, listing the label pairs it joins. The graph is the
// one cypher/schema.cypher constrains in Neo4j, property for property (kg/model.py describes it).

CREATE NODE TABLE Report(id STRING PRIMARY KEY, kind STRING, file STRING, path STRING, title STRING, format STRING, url STRING,
                         year INT64, plan_year INT64, area STRING, region STRING, extractor STRING);
CREATE NODE TABLE Region(id STRING PRIMARY KEY, kind STRING, name STRING, level STRING, code STRING, prefecture STRING,
                         province STRING);
// Every node carries its label as `kind` too: queries read it instead of labels(), which differ.
// The four entity tables share their columns, so a query over several of them reads the same names.
CREATE NODE TABLE Platform(name STRING PRIMARY KEY, kind STRING, discovered BOOLEAN, doc_number STRING,
                           n_reports INT64, n_mentions INT64, surfaces STRING[], example STRING, example_file STRING,
                           example_start INT64, example_report STRING);
CREATE NODE TABLE Program(name STRING PRIMARY KEY, kind STRING, discovered BOOLEAN, doc_number STRING,
                          n_reports INT64, n_mentions INT64, surfaces STRING[], example STRING, example_file STRING,
                          example_start INT64, example_report STRING);
CREATE NODE TABLE Agency(name STRING PRIMARY KEY, kind STRING, discovered BOOLEAN, doc_number STRING,
                         n_reports INT64, n_mentions INT64, surfaces STRING[], example STRING, example_file STRING,
                         example_start INT64, example_report STRING);
CREATE NODE TABLE Policy(name STRING PRIMARY KEY, kind STRING, discovered BOOLEAN, doc_number STRING,
                         n_reports INT64, n_mentions INT64, surfaces STRING[], example STRING, example_file STRING,
                         example_start INT64, example_report STRING);

CREATE REL TABLE ABOUT(FROM Report TO Region);
CREATE REL TABLE PART_OF(FROM Region TO Region);
// Mentions are stored from the report only (storage_direction 'fwd'): every name is mentioned by
// thousands of reports, and a table stored both ways has the whole of each name's mentions rewritten
// at every checkpoint of a load.  A pattern may still be written from the name's side
// ((x)<-[:MENTIONS]-(r)), but not inside EXISTS or COUNT (LadybugDB then wants the backward data).
CREATE REL TABLE MENTIONS(FROM Report TO Platform, FROM Report TO Program, FROM Report TO Agency,
                          FROM Report TO Policy, surface STRING, start INT64, `end` INT64, sentence STRING,
                          sentence_start INT64, source STRING, status STRING, year INT64) WITH (storage_direction = 'fwd');
CREATE REL TABLE CITES_PARTNER(FROM Report TO Region, surface STRING, start INT64, `end` INT64, sentence STRING,
                               sentence_start INT64);
CREATE REL TABLE STATES_FIGURE(FROM Report TO Platform, FROM Report TO Program, metric STRING, value DOUBLE,
                               unit STRING, amount DOUBLE, year INT64, status STRING, surface STRING, start INT64,
                               `end` INT64, sentence STRING, sentence_start INT64);
CREATE REL TABLE ISSUED(FROM Agency TO Policy, report STRING, file STRING, start INT64, `end` INT64, sentence STRING,
                        sentence_start INT64);
CREATE REL TABLE ADOPTED(FROM Region TO Platform, first_year INT64, last_year INT64, reports STRING[],
                         n_reports INT64, status STRING, evidence STRING, evidence_file STRING,
                         evidence_start INT64, evidence_end INT64);
CREATE REL TABLE RUNS(FROM Region TO Program, first_year INT64, last_year INT64, reports STRING[],
                      n_reports INT64, status STRING, evidence STRING, evidence_file STRING,
                      evidence_start INT64, evidence_end INT64);
CREATE REL TABLE PARTNERS_WITH(FROM Region TO Region, first_year INT64, last_year INT64, reports STRING[],
                               n_reports INT64, status STRING, evidence STRING, evidence_file STRING,
                               evidence_start INT64, evidence_end INT64);

// What format this database is in: kg refuses a database of a format it does not know.
CREATE NODE TABLE GovkgFormat(name STRING PRIMARY KEY, version INT64);
