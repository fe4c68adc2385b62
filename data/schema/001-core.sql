-- jaw project file, schema version 1: the domain model.
-- Every table is documented in jaw(5). Dates are ISO 8601 text (YYYY-MM-DD),
-- times are UTC ISO 8601 text (YYYY-MM-DDTHH:MM:SSZ).

CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL,
    aim         TEXT NOT NULL DEFAULT '',
    sponsor     TEXT NOT NULL DEFAULT '',
    start_date  TEXT,
    end_date    TEXT,
    created     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE timeline_item (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('phase', 'milestone', 'event')),
    title       TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    location    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'active', 'done', 'cancelled')),
    notes       TEXT NOT NULL DEFAULT '',
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX timeline_item_by_date ON timeline_item (start_date, id);

CREATE TABLE stakeholder (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('organisation', 'person')),
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES stakeholder (id) ON DELETE SET NULL,
    role        TEXT NOT NULL DEFAULT '',
    power       INTEGER CHECK (power BETWEEN 1 AND 5),
    interest    INTEGER CHECK (interest BETWEEN 1 AND 5),
    attitude    TEXT NOT NULL DEFAULT 'unknown'
                CHECK (attitude IN ('supportive', 'neutral', 'resistant', 'unknown')),
    contact     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    -- The register's order as a tree, kept by jaw: the path of names from
    -- the top (see jaw(5)). A tool that changes name, kind or parent_id
    -- sets it to NULL and jaw computes it again.
    sort_key    TEXT
);
CREATE INDEX stakeholder_by_parent ON stakeholder (parent_id);
CREATE INDEX stakeholder_by_name ON stakeholder (name, id);
CREATE INDEX stakeholder_by_sort_key ON stakeholder (sort_key, id);

CREATE TABLE survey (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    origin_file  TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    imported     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    row_count    INTEGER NOT NULL DEFAULT 0,
    encoding     TEXT NOT NULL DEFAULT 'UTF-8',
    delimiter    TEXT NOT NULL DEFAULT ',',
    header_rows  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX survey_by_hash ON survey (content_hash);

CREATE TABLE survey_column (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    label       TEXT NOT NULL,
    question    TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL
                CHECK (role IN ('id', 'attribute', 'likert', 'open_text', 'ignore')),
    value_type  TEXT NOT NULL DEFAULT 'text'
                CHECK (value_type IN ('text', 'integer', 'real')),
    UNIQUE (survey_id, position),
    UNIQUE (survey_id, label)
);

-- The labels of a Likert scale: value 1 is "Strongly disagree" and so on.
CREATE TABLE survey_label (
    column_id   INTEGER NOT NULL REFERENCES survey_column (id) ON DELETE CASCADE,
    value       INTEGER NOT NULL,
    label       TEXT NOT NULL,
    PRIMARY KEY (column_id, value)
) WITHOUT ROWID;

-- One row of a results file. answers holds the respondent's values as a
-- JSON array with one element per column of the file, in order: the value
-- of each attribute and likert column (a number in integer and real
-- columns, a string otherwise, null when empty) and null for the id,
-- open_text and ignore columns. One row per respondent instead of one per
-- value keeps a large import fast; the view below reads it value by value.
CREATE TABLE respondent (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    line        INTEGER,
    answers     TEXT NOT NULL DEFAULT '[]',
    UNIQUE (survey_id, external_id)
);

CREATE VIEW respondent_value AS
    SELECT respondent_id, column_id, value FROM (
        SELECT r.id AS respondent_id, c.id AS column_id,
               json_extract(r.answers, '$[' || (c.position - 1) || ']') AS value
          FROM respondent AS r JOIN survey_column AS c ON c.survey_id = r.survey_id
         WHERE c.role IN ('attribute', 'likert'))
     WHERE value IS NOT NULL;

CREATE TABLE source (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL
                     CHECK (kind IN ('interview', 'observation', 'document', 'survey_answer')),
    title            TEXT NOT NULL,
    text             TEXT NOT NULL,
    source_date      TEXT,
    stakeholder_id   INTEGER REFERENCES stakeholder (id) ON DELETE SET NULL,
    timeline_item_id INTEGER REFERENCES timeline_item (id) ON DELETE SET NULL,
    respondent_id    INTEGER REFERENCES respondent (id) ON DELETE CASCADE,
    column_id        INTEGER REFERENCES survey_column (id) ON DELETE CASCADE,
    origin_file      TEXT NOT NULL DEFAULT '',
    content_hash     TEXT NOT NULL DEFAULT '',
    created          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX source_by_date ON source (source_date IS NULL, source_date, id);
CREATE INDEX source_by_title ON source (title, id);
CREATE INDEX source_by_stakeholder ON source (stakeholder_id);
CREATE INDEX source_by_timeline_item ON source (timeline_item_id);
CREATE INDEX source_by_respondent ON source (respondent_id);
CREATE INDEX source_by_column ON source (column_id);
CREATE INDEX source_by_hash ON source (content_hash);

-- Full-text search over sources (FTS5, external content: the text is
-- stored once, in source; the triggers keep the index in step).
CREATE VIRTUAL TABLE source_fts USING fts5 (
    title, text, content = 'source', content_rowid = 'id'
);
CREATE TRIGGER source_fts_insert AFTER INSERT ON source BEGIN
    INSERT INTO source_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER source_fts_delete AFTER DELETE ON source BEGIN
    INSERT INTO source_fts (source_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER source_fts_update AFTER UPDATE OF title, text ON source BEGIN
    INSERT INTO source_fts (source_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO source_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE code (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES code (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (name <> ''),
    description TEXT NOT NULL DEFAULT '',
    colour      TEXT NOT NULL DEFAULT '',
    quick_key   INTEGER UNIQUE CHECK (quick_key BETWEEN 1 AND 9),
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX code_name_in_parent ON code (ifnull(parent_id, 0), name);
CREATE INDEX code_by_parent ON code (parent_id, position);

CREATE TABLE coding (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    start_cp    INTEGER NOT NULL CHECK (start_cp >= 0),
    end_cp      INTEGER NOT NULL,
    code_id     INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,
    coder       TEXT NOT NULL,
    created     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    memo        TEXT NOT NULL DEFAULT '',
    CHECK (end_cp > start_cp)
);
CREATE INDEX coding_by_source ON coding (source_id, start_cp);
-- The longest coding of a source bounds the search for codings that
-- overlap a range: only those starting that far before it can reach it.
CREATE INDEX coding_by_source_length ON coding (source_id, (end_cp - start_cp));
CREATE INDEX coding_by_code ON coding (code_id, source_id, start_cp, end_cp);
-- One analyst codes a stretch of text with a code once.
CREATE UNIQUE INDEX coding_once ON coding (source_id, code_id, coder, start_cp, end_cp);

CREATE TABLE memo (
    id          INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN
                ('project', 'source', 'code', 'stakeholder', 'timeline_item', 'finding')),
    target_id   INTEGER,
    title       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX memo_by_target ON memo (target_kind, target_id);

CREATE TABLE finding (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    observation    TEXT NOT NULL DEFAULT '',
    discussion     TEXT NOT NULL DEFAULT '',
    conclusion     TEXT NOT NULL DEFAULT '',
    recommendation TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'review', 'agreed', 'released')),
    action_body    TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    created        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE finding_evidence (
    id          INTEGER PRIMARY KEY,
    finding_id  INTEGER NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
    coding_id   INTEGER REFERENCES coding (id) ON DELETE CASCADE,
    source_id   INTEGER REFERENCES source (id) ON DELETE CASCADE,
    note        TEXT NOT NULL DEFAULT '',
    CHECK ((coding_id IS NULL) <> (source_id IS NULL))
);
CREATE INDEX finding_evidence_by_finding ON finding_evidence (finding_id);
CREATE INDEX finding_evidence_by_coding ON finding_evidence (coding_id);
CREATE INDEX finding_evidence_by_source ON finding_evidence (source_id);
