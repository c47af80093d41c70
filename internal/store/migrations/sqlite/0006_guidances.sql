-- Guidances given at the desk to applicants whose papers were incomplete (Mẫu 02), when no dossier
-- was recorded: kept so that the form can be printed again and the desk's work counted.
CREATE TABLE desk_guidances (
    id             INTEGER PRIMARY KEY,
    unit_code      TEXT    NOT NULL,
    at             INTEGER NOT NULL,
    officer        TEXT    NOT NULL,
    procedure_code TEXT    NOT NULL,
    applicant_name TEXT    NOT NULL,
    doc            TEXT    NOT NULL
);
CREATE INDEX desk_guidances_unit ON desk_guidances(unit_code, at);
