-- The procedure catalog. Each version of a procedure is one narrow row with the columns that SQL
-- filters, sorts and searches on (search_key is the accent-folded code and name) and a short JSON
-- summary (name, field, channels with times and fees) for lists; the whole procedure as JSON is in
-- procedure_docs, read only when one procedure is shown, so that searches scan small rows.
-- Fields and legal documents are shared records; procedure_units says which units apply a procedure;
-- reviews (rà soát) are kept per procedure.
CREATE TABLE fields (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE legal_documents (
    number         TEXT NOT NULL PRIMARY KEY,
    name           TEXT NOT NULL,
    issued         TEXT NOT NULL,
    issuer         TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE procedures (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    field_code     TEXT    NOT NULL,
    field_name     TEXT    NOT NULL,
    levels         TEXT    NOT NULL,
    online_level   TEXT    NOT NULL,
    effective_from TEXT    NOT NULL,
    abolished_from TEXT    NOT NULL,
    search_key     TEXT    NOT NULL,
    summary        TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    created_by     TEXT    NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (code, version)
);
-- Covers the catalog list: filtered by status, ordered by field and name, searched by search_key.
CREATE INDEX procedures_list ON procedures(status, field_name, name, code, version, search_key, levels);

CREATE TABLE procedure_docs (
    procedure_id INTEGER NOT NULL PRIMARY KEY REFERENCES procedures(id),
    doc          TEXT    NOT NULL
);
CREATE INDEX procedures_field ON procedures(field_name);

CREATE TABLE procedure_units (
    procedure_code TEXT NOT NULL,
    unit_code      TEXT NOT NULL REFERENCES units(code),
    PRIMARY KEY (procedure_code, unit_code)
);
CREATE INDEX procedure_units_unit ON procedure_units(unit_code);

CREATE TABLE procedure_reviews (
    id                INTEGER PRIMARY KEY,
    procedure_code    TEXT    NOT NULL,
    procedure_version INTEGER NOT NULL,
    reviewer          TEXT    NOT NULL,
    reviewed_on       TEXT    NOT NULL,
    proposal          TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    doc               TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX procedure_reviews_code ON procedure_reviews(procedure_code, reviewed_on);
