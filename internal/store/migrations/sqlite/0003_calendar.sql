-- Administrators' changes to the working calendar: extra closures and working Saturdays, for every
-- unit (unit_code '') or for one unit and the units below it; and desk hours per unit.
CREATE TABLE calendar_overrides (
    id         INTEGER PRIMARY KEY,
    unit_code  TEXT    NOT NULL DEFAULT '',
    day        TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    name_vi    TEXT    NOT NULL,
    name_en    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    UNIQUE (unit_code, day)
);

CREATE TABLE unit_hours (
    unit_code  TEXT    PRIMARY KEY REFERENCES units(code),
    hours      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
