-- Provenance store, schema version 1 (PostgreSQL; the same tables as SQLite's). Times are UTC, ISO 8601 with 7 fraction digits and a Z,
-- so that text order is time order. Attributes are the element's PROV attributes as JSON
-- ({name: [[text, type or null], ...]}), kept whole so that a lineage can be written as PROV again.
CREATE TABLE documents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    size BIGINT NOT NULL,
    records BIGINT NOT NULL,
    ingested_at TEXT NOT NULL,
    label TEXT
);

CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    name TEXT,
    start_time TEXT,
    end_time TEXT,
    status TEXT,
    run BIGINT,
    subrun BIGINT,
    observation_date TEXT,
    session TEXT,
    attributes TEXT NOT NULL,
    document BIGINT NOT NULL REFERENCES documents(id)
);
CREATE INDEX activities_name ON activities(name, run, subrun);
CREATE INDEX activities_run ON activities(run, subrun);
CREATE INDEX activities_start ON activities(start_time);
CREATE INDEX activities_date ON activities(observation_date);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT,
    type TEXT,
    location TEXT,
    hash TEXT,
    hash_type TEXT,
    size BIGINT,
    content_type TEXT,
    attributes TEXT NOT NULL,
    document BIGINT NOT NULL REFERENCES documents(id)
);
CREATE INDEX entities_location ON entities(location);
CREATE INDEX entities_hash ON entities(hash);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT,
    type TEXT,
    attributes TEXT NOT NULL,
    document BIGINT NOT NULL REFERENCES documents(id)
);

-- Every PROV relation, subject and object in PROV's order (wasGeneratedBy: entity, activity); role '' when none.
CREATE TABLE relations (
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    object TEXT NOT NULL,
    role TEXT NOT NULL,
    time TEXT,
    document BIGINT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (subject, kind, object, role)
);
CREATE INDEX relations_object ON relations(object, kind);

-- The model's descriptions of activities, entities and agents by name.
CREATE TABLE descriptions (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (kind, name)
);
