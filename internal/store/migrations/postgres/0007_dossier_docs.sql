-- The dossier document moves out of the dossiers table into its own table, so that the rows that
-- queues, lookups and reports read stay narrow (a few hundred bytes instead of several kilobytes):
-- more of them fit in a page and in the cache, and a report scans megabytes, not gigabytes.
CREATE TABLE dossier_docs (
    dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
    doc        TEXT   NOT NULL
);
INSERT INTO dossier_docs (dossier_id, doc) SELECT id, doc FROM dossiers;
ALTER TABLE dossiers DROP COLUMN doc;
