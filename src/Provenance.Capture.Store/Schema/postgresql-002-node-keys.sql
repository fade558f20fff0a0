-- Provenance store, schema version 2 (PostgreSQL; the same tables as SQLite's): every node — entity, activity, agent, or an id that only a
-- relation names — has an integer key in `nodes`, and the element tables and the relations refer to nodes by
-- it. Relations become three integers and a role: their two indexes are a fraction of the text ones, which
-- made most of an ingest's time and of a big walk's. A relation's kind is a code of `relation_kinds`.
-- The element and relation tables declare no foreign keys: every row is written by an ingest, with the
-- node keys and the document it has just written in the same transaction, and checking each of a night's
-- 2.5 million rows cost PostgreSQL a third of the relations' insert (9 of 25 s).
CREATE TABLE nodes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
);
INSERT INTO nodes (key)
    SELECT id FROM entities UNION SELECT id FROM activities UNION SELECT id FROM agents
    UNION SELECT subject FROM relations UNION SELECT object FROM relations
    UNION SELECT session FROM activities WHERE session IS NOT NULL
    ORDER BY 1;

CREATE TABLE relation_kinds (
    code SMALLINT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO relation_kinds (code, name) VALUES
    (1, 'wasGeneratedBy'), (2, 'used'), (3, 'wasInformedBy'), (4, 'wasDerivedFrom'), (5, 'wasAttributedTo'),
    (6, 'wasAssociatedWith'), (7, 'actedOnBehalfOf'), (8, 'hadMember'), (9, 'wasStartedBy'), (10, 'wasEndedBy'),
    (11, 'wasInvalidatedBy'), (12, 'specializationOf'), (13, 'alternateOf');

CREATE TABLE entities_v2 (
    node BIGINT PRIMARY KEY,
    name TEXT,
    type TEXT,
    location TEXT,
    hash TEXT,
    hash_type TEXT,
    size BIGINT,
    content_type TEXT,
    attributes TEXT NOT NULL,
    document BIGINT NOT NULL
);
INSERT INTO entities_v2 SELECT n.id, e.name, e.type, e.location, e.hash, e.hash_type, e.size, e.content_type, e.attributes, e.document
    FROM entities e JOIN nodes n ON n.key = e.id ORDER BY n.id;
DROP TABLE entities;
ALTER TABLE entities_v2 RENAME TO entities;
CREATE INDEX entities_location ON entities(location);
CREATE INDEX entities_hash ON entities(hash);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE activities_v2 (
    node BIGINT PRIMARY KEY,
    name TEXT,
    start_time TEXT,
    end_time TEXT,
    status TEXT,
    run BIGINT,
    subrun BIGINT,
    observation_date TEXT,
    session BIGINT,
    attributes TEXT NOT NULL,
    document BIGINT NOT NULL
);
INSERT INTO activities_v2 SELECT n.id, a.name, a.start_time, a.end_time, a.status, a.run, a.subrun, a.observation_date, s.id, a.attributes, a.document
    FROM activities a JOIN nodes n ON n.key = a.id LEFT JOIN nodes s ON s.key = a.session ORDER BY n.id;
DROP TABLE activities;
ALTER TABLE activities_v2 RENAME TO activities;
CREATE INDEX activities_name ON activities(name, run, subrun);
CREATE INDEX activities_run ON activities(run, subrun);
CREATE INDEX activities_start ON activities(start_time);
CREATE INDEX activities_date ON activities(observation_date);

CREATE TABLE agents_v2 (
    node BIGINT PRIMARY KEY,
    name TEXT,
    type TEXT,
    attributes TEXT NOT NULL,
    document BIGINT NOT NULL
);
INSERT INTO agents_v2 SELECT n.id, g.name, g.type, g.attributes, g.document FROM agents g JOIN nodes n ON n.key = g.id ORDER BY n.id;
DROP TABLE agents;
ALTER TABLE agents_v2 RENAME TO agents;

-- Every PROV relation, subject and object in PROV's order (wasGeneratedBy: entity, activity); role '' when none.
-- The key walks back (subject to object); relations_object, which includes the subject and role, walks forth.
CREATE TABLE relations_v2 (
    subject BIGINT NOT NULL,
    kind SMALLINT NOT NULL,
    object BIGINT NOT NULL,
    role TEXT NOT NULL,
    time TEXT,
    document BIGINT NOT NULL,
    PRIMARY KEY (subject, kind, object, role)
);
INSERT INTO relations_v2 SELECT s.id, k.code, o.id, r.role, r.time, r.document
    FROM relations r JOIN nodes s ON s.key = r.subject JOIN nodes o ON o.key = r.object JOIN relation_kinds k ON k.name = r.kind
    ORDER BY 1, 2, 3, 4;
DROP TABLE relations;
ALTER TABLE relations_v2 RENAME TO relations;
CREATE INDEX relations_object ON relations(object, kind) INCLUDE (subject, role);
