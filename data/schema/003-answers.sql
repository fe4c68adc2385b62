-- jaw project file, schema version 3: survey answers kept lean.
--
-- A survey brings hundreds of thousands of open answers at once, so:
-- * source's kind CHECK compares instead of using an IN list (SQLite builds
--   a temporary table for an IN list on every row it inserts);
-- * respondent_id has no foreign key (an answer goes with its question's
--   column, whose key deletes it), so deleting a respondent need not search
--   the answers;
-- * the indexes only notes need leave survey answers out, and answers have
--   one index of their own, by question and respondent;
-- * source_fts indexes notes, interviews, observations and documents only
--   (through the view source_note); each survey's answers have a full-text
--   index of their own, survey_fts_<survey id>, made by jaw import-csv.
-- Run with foreign keys off; jaw checks them before it commits.

-- The source ids of each survey's answers (survey_fts_<id> indexes them):
-- new answers get ids above every survey's, never inside one's range.
ALTER TABLE survey ADD COLUMN first_source INTEGER;
ALTER TABLE survey ADD COLUMN last_source INTEGER;

CREATE TABLE source_v3 (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL
                     CHECK (kind = 'interview' OR kind = 'observation' OR kind = 'document'
                            OR kind = 'survey_answer'),
    title            TEXT NOT NULL,
    text             TEXT NOT NULL,
    source_date      TEXT,
    stakeholder_id   INTEGER REFERENCES stakeholder (id) ON DELETE SET NULL,
    timeline_item_id INTEGER REFERENCES timeline_item (id) ON DELETE SET NULL,
    respondent_id    INTEGER,
    column_id        INTEGER REFERENCES survey_column (id) ON DELETE CASCADE,
    origin_file      TEXT NOT NULL DEFAULT '',
    content_hash     TEXT NOT NULL DEFAULT '',
    created          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO source_v3 (id, kind, title, text, source_date, stakeholder_id, timeline_item_id,
                       respondent_id, column_id, origin_file, content_hash, created)
    SELECT id, kind, title, text, source_date, stakeholder_id, timeline_item_id,
           respondent_id, column_id, origin_file, content_hash, created FROM source;
DROP TABLE source_fts;
DROP TABLE source;
ALTER TABLE source_v3 RENAME TO source;

CREATE INDEX source_by_date ON source (source_date IS NULL, source_date, id)
    WHERE kind <> 'survey_answer';
CREATE INDEX source_by_title ON source (title, id) WHERE kind <> 'survey_answer';
CREATE INDEX source_by_stakeholder ON source (stakeholder_id) WHERE stakeholder_id IS NOT NULL;
CREATE INDEX source_by_timeline_item ON source (timeline_item_id)
    WHERE timeline_item_id IS NOT NULL;
CREATE INDEX source_by_answer ON source (column_id, respondent_id) WHERE column_id IS NOT NULL;
CREATE INDEX source_by_hash ON source (content_hash) WHERE content_hash <> '';

-- The sources source_fts indexes: all but survey answers.
CREATE VIEW source_note AS
    SELECT id, title, text FROM source WHERE kind <> 'survey_answer';

CREATE VIRTUAL TABLE source_fts USING fts5 (
    title, text, content = 'source_note', content_rowid = 'id'
);
CREATE TRIGGER source_fts_insert AFTER INSERT ON source WHEN new.kind <> 'survey_answer' BEGIN
    INSERT INTO source_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER source_fts_delete AFTER DELETE ON source WHEN old.kind <> 'survey_answer' BEGIN
    INSERT INTO source_fts (source_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER source_fts_update AFTER UPDATE OF kind, title, text ON source BEGIN
    INSERT INTO source_fts (source_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text WHERE old.kind <> 'survey_answer';
    INSERT INTO source_fts (rowid, title, text)
        SELECT new.id, new.title, new.text WHERE new.kind <> 'survey_answer';
END;
INSERT INTO source_fts (source_fts) VALUES ('rebuild');
