-- Feedback and complaints (phản ánh, kiến nghị, PAKN, domain.md §9). Deadlines and step times are
-- instants in Unix milliseconds (0 when not set), computed in Go on the unit's working calendar;
-- reports only compare them. version is for optimistic concurrency, as for dossiers. The public_*
-- columns hold the masked copies shown once the answer is published; search_key is their folded
-- text for the public search.
CREATE TABLE feedback (
    id                INTEGER PRIMARY KEY,
    ref               TEXT    NOT NULL UNIQUE,
    access_key        TEXT    NOT NULL,
    unit_code         TEXT    NOT NULL,
    subject           TEXT    NOT NULL,
    procedure_code    TEXT    NOT NULL,
    dossier_code      TEXT    NOT NULL,
    dossier_linked    INTEGER NOT NULL,
    sender_name       TEXT    NOT NULL,
    sender_phone      TEXT    NOT NULL,
    sender_email      TEXT    NOT NULL,
    content           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    received_at       INTEGER NOT NULL,
    reject_due_at     INTEGER NOT NULL,
    info_due_at       INTEGER NOT NULL,
    answer_due_at     INTEGER NOT NULL,
    publish_due_at    INTEGER NOT NULL,
    rejected_at       INTEGER NOT NULL,
    info_requested_at INTEGER NOT NULL,
    paused_at         INTEGER NOT NULL,
    answered_at       INTEGER NOT NULL,
    published_at      INTEGER NOT NULL,
    closed_at         INTEGER NOT NULL,
    reason            TEXT    NOT NULL,
    info_request      TEXT    NOT NULL,
    answer            TEXT    NOT NULL,
    public_name       TEXT    NOT NULL,
    public_content    TEXT    NOT NULL,
    public_answer     TEXT    NOT NULL,
    search_key        TEXT    NOT NULL,
    handler           TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX feedback_unit_status ON feedback(unit_code, status, answer_due_at);
CREATE INDEX feedback_unit_received ON feedback(unit_code, received_at, closed_at);
CREATE INDEX feedback_published ON feedback(published_at);

CREATE TABLE feedback_events (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    note        TEXT    NOT NULL
);
CREATE INDEX feedback_events_feedback ON feedback_events(feedback_id, id);
