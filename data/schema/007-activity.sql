-- jaw project file, schema version 7: who holds the project for a long
-- change (an import), so that the sessions waiting for it can say so.
--
-- A long writer commits its row here before it takes the write lock for
-- long, and deletes it when it is done. A row whose process is gone (killed
-- with SIGKILL) is stale: on the same host its pid is no longer alive, or
-- belongs to a process that started at another time; it is ignored and
-- deleted by the next long writer.

CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    analyst TEXT NOT NULL,        -- who: the analyst's (login) name
    host TEXT NOT NULL,           -- the host the process runs on
    pid INTEGER NOT NULL,         -- its process id there
    process_start TEXT,           -- boot id and start time of that process (Linux), or NULL
    what TEXT NOT NULL,           -- what it does, in words: "an import"
    object TEXT NOT NULL DEFAULT '', -- of what: the file's name, or ''
    started TEXT NOT NULL         -- when, UTC: 2026-12-05T10:02:11Z
);
