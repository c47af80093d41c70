-- Dossiers (hồ sơ). The whole dossier is kept as JSON (doc) beside the columns that queues, lookups
-- and reports filter and sort on; every state change is a row of dossier_events written in the same
-- transaction. version is for optimistic concurrency: an update names the version it read.
CREATE TABLE dossiers (
    id                INTEGER PRIMARY KEY,
    code              TEXT    UNIQUE,
    lookup_secret     TEXT    NOT NULL,
    procedure_code    TEXT    NOT NULL,
    procedure_version INTEGER NOT NULL,
    field_name        TEXT    NOT NULL,
    receiving_unit    TEXT    NOT NULL,
    competent_unit    TEXT    NOT NULL,
    channel           INTEGER NOT NULL,
    status            INTEGER NOT NULL,
    applicant_name    TEXT    NOT NULL,
    applicant_key     TEXT    NOT NULL,
    applicant_id      TEXT    NOT NULL,
    applicant_phone   TEXT    NOT NULL,
    assignee          TEXT    NOT NULL,
    submitted_at      INTEGER NOT NULL,
    correction_due_at INTEGER NOT NULL,
    received_at       INTEGER NOT NULL,
    due_at            INTEGER NOT NULL,
    original_due_at   INTEGER NOT NULL,
    finished_at       INTEGER NOT NULL,
    returned_at       INTEGER NOT NULL,
    outcome           TEXT    NOT NULL,
    timeliness        TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    doc               TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX dossiers_receiving ON dossiers(receiving_unit, status, due_at);
CREATE INDEX dossiers_competent ON dossiers(competent_unit, status, due_at);
CREATE INDEX dossiers_assignee ON dossiers(assignee, status);
CREATE INDEX dossiers_phone ON dossiers(applicant_phone);
CREATE INDEX dossiers_id_number ON dossiers(applicant_id);
CREATE INDEX dossiers_received ON dossiers(received_at);

CREATE TABLE dossier_events (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    actor_unit  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_status INTEGER NOT NULL,
    to_status   INTEGER NOT NULL,
    step        TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    private     INTEGER NOT NULL,
    attachments TEXT    NOT NULL
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id);

-- The daily sequence of dossier codes per prefix (unit identifier and day).
CREATE TABLE dossier_sequences (
    prefix TEXT    NOT NULL PRIMARY KEY,
    last   INTEGER NOT NULL
);
