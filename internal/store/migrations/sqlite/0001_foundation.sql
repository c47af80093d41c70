-- Units, accounts, sessions and the audit log. Instants are Unix milliseconds (UTC); days are
-- 'YYYY-MM-DD' text, on both engines, so that SQL compares them the same way.
CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    code         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    parent_id    INTEGER REFERENCES units(id),
    path         TEXT    NOT NULL,
    valid_from   TEXT    NOT NULL,
    valid_to     TEXT,
    successor_id INTEGER REFERENCES units(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);

-- unit_history keeps each unit's name and parent from a day on, so the tree can be shown as of any date.
CREATE TABLE unit_history (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    valid_from TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    parent_id  INTEGER REFERENCES units(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX unit_history_unit ON unit_history(unit_id, valid_from);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    full_name     TEXT    NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    password_hash TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT    NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor_id  INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    unit_code TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    object    TEXT    NOT NULL,
    before    TEXT    NOT NULL,
    after     TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object);

-- audit_head holds the last sequence number and hash written; appending locks this row.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
