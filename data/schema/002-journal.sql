-- jaw project file, schema version 2: analysts and the audit / undo journal.

CREATE TABLE analyst (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL DEFAULT '',
    first_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per change an analyst made, in order. payload holds every row
-- the change touched, as it was before and after (JSON; see jaw(5)):
-- undo writes the "before" rows back, redo the "after" rows. undone is 1
-- while the change is undone; live is 1 while the analyst's undo or redo
-- can still act on it (0 once a new change has cleared the redo list, or
-- when the rows were changed since by someone else).
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    analyst     TEXT NOT NULL,
    action      TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '{}',
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    live        INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1)),
    changed     TEXT
);
CREATE INDEX journal_by_analyst ON journal (analyst, live, undone, id);
