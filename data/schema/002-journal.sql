-- jaw project file, schema version 2: analysts and the audit / undo journal.

CREATE TABLE analyst (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL DEFAULT '',
    first_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per change an analyst made. payload holds what undo and redo
-- need (JSON); undone is 1 while the change is undone.
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    analyst     TEXT NOT NULL,
    action      TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '{}',
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX journal_by_analyst ON journal (analyst, id);
