-- Drafts of dossiers citizens file online on the public portal (issue 8): kept server-side so that a
-- reload or a later visit shows everything entered, including the files already uploaded (their
-- content is in the attachment blobs, named here by content hash inside doc). dossier_code and
-- lookup_secret are written in the transaction that files the dossier, so a draft is filed once.
CREATE TABLE portal_drafts (
    token          TEXT    PRIMARY KEY,
    procedure_code TEXT    NOT NULL,
    unit_code      TEXT    NOT NULL DEFAULT '',
    doc            TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    dossier_code   TEXT,
    lookup_secret  TEXT,
    submitted_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX portal_drafts_updated ON portal_drafts(updated_at);
