-- Provenance store, schema version 3 (PostgreSQL): each ingested document may belong to a project (a proposal
-- whose data is embargoed). A query scoped to some projects sees the documents of those projects and the
-- documents of none; what another project's documents hold (elements and relations) it does not see.
ALTER TABLE documents ADD COLUMN project TEXT;
CREATE INDEX documents_project ON documents(project);
