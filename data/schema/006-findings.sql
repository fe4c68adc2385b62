-- jaw project file, schema version 6: findings in the lessons process,
-- citations that never dangle, attribution and the project's marking.
--
-- * finding.status follows the lessons process: observation, identified
--   (lesson identified), assigned (action assigned), learned (lesson
--   learned), or rejected. Older statuses move on: draft -> observation,
--   review -> identified, agreed -> assigned, released -> learned.
--   finding.owner names the analyst who owns it ('' for none).
-- * finding_area: the human-security areas a finding concerns, codes of
--   the top of the codebook (jaw refuses others; see jaw(5)).
-- * finding_evidence, a citation, keeps a snapshot of what was cited: the
--   source's id, the stretch (code points), its text, the source's title
--   and kind and the code's path when cited, who cited it and when.
--   Deleting the source or the coding sets the link to NULL and keeps the
--   snapshot, so the finding can say the citation was lost; a source whose
--   text at start..end no longer equals the quote makes it changed. A row
--   another tool inserts without a snapshot gets one from its coding or
--   source (trigger finding_evidence_snapshot).
-- * stakeholder.attribution: named, role or anonymous; NULL is the
--   default for its kind (an organisation named, a person anonymous).
--   source.attribution: NULL inherits from its stakeholder (see jaw(5)).
-- * project.marking: a classification or handling caveat printed on every
--   page of the report ('' for none).
-- Run with foreign keys off; jaw checks them before it commits.

CREATE TABLE finding_v6 (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    observation    TEXT NOT NULL DEFAULT '',
    discussion     TEXT NOT NULL DEFAULT '',
    conclusion     TEXT NOT NULL DEFAULT '',
    recommendation TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'observation'
                   CHECK (status IN ('observation', 'identified', 'assigned', 'learned',
                                     'rejected')),
    action_body    TEXT NOT NULL DEFAULT '',
    owner          TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    created        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO finding_v6 (id, title, observation, discussion, conclusion, recommendation, status,
                        action_body, position, created, updated)
    SELECT id, title, observation, discussion, conclusion, recommendation,
           CASE status WHEN 'review' THEN 'identified' WHEN 'agreed' THEN 'assigned'
                       WHEN 'released' THEN 'learned' ELSE 'observation' END,
           action_body, position, created, updated FROM finding;

CREATE TABLE finding_evidence_v6 (
    id           INTEGER PRIMARY KEY,
    finding_id   INTEGER NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
    coding_id    INTEGER REFERENCES coding (id) ON DELETE SET NULL,
    source_id    INTEGER REFERENCES source (id) ON DELETE SET NULL,
    -- the snapshot: what was cited, as it was
    cited_source INTEGER,
    cited_coding INTEGER,
    start_cp     INTEGER CHECK (start_cp >= 0),
    end_cp       INTEGER CHECK (end_cp > start_cp),
    quote        TEXT,
    source_title TEXT NOT NULL DEFAULT '',
    source_kind  TEXT NOT NULL DEFAULT '',
    code         TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    cited_by     TEXT NOT NULL DEFAULT '',
    cited        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    position     INTEGER NOT NULL DEFAULT 0
);
INSERT INTO finding_evidence_v6 (id, finding_id, coding_id, source_id, note)
    SELECT id, finding_id, coding_id, source_id, note FROM finding_evidence;

DROP TABLE finding_evidence;
DROP TABLE finding;
ALTER TABLE finding_v6 RENAME TO finding;
ALTER TABLE finding_evidence_v6 RENAME TO finding_evidence;
CREATE INDEX finding_by_position ON finding (position, id);

-- A citation's snapshot, for rows written without one (older files, other
-- tools): the coding's stretch, or the whole source.
CREATE TRIGGER finding_evidence_snapshot AFTER INSERT ON finding_evidence
    WHEN new.quote IS NULL BEGIN
    UPDATE finding_evidence SET
        source_id = coalesce(new.source_id,
                             (SELECT source_id FROM coding WHERE id = new.coding_id)),
        cited_coding = new.coding_id,
        start_cp = coalesce((SELECT start_cp FROM coding WHERE id = new.coding_id), 0),
        end_cp = coalesce((SELECT end_cp FROM coding WHERE id = new.coding_id),
                          (SELECT max(length(text), 1) FROM source WHERE id = new.source_id))
     WHERE id = new.id;
    UPDATE finding_evidence SET
        cited_source = source_id,
        quote = coalesce((SELECT substr(s.text, finding_evidence.start_cp + 1,
                                        finding_evidence.end_cp - finding_evidence.start_cp)
                            FROM source s WHERE s.id = finding_evidence.source_id), ''),
        source_title = coalesce((SELECT title FROM source WHERE id = finding_evidence.source_id),
                                ''),
        source_kind = coalesce((SELECT kind FROM source WHERE id = finding_evidence.source_id),
                               ''),
        code = coalesce((WITH RECURSIVE up (id, parent, path) AS (
                            SELECT c.id, c.parent_id, c.name FROM code c JOIN coding k
                                ON k.code_id = c.id WHERE k.id = new.coding_id
                            UNION ALL SELECT p.id, p.parent_id, p.name || '/' || up.path
                                FROM code p JOIN up ON p.id = up.parent)
                         SELECT path FROM up WHERE parent IS NULL), '')
     WHERE id = new.id;
END;
-- the rows this file already had
UPDATE finding_evidence SET
    source_id = coalesce(source_id, (SELECT source_id FROM coding WHERE id = coding_id)),
    cited_coding = coding_id,
    start_cp = coalesce((SELECT start_cp FROM coding WHERE id = coding_id), 0),
    end_cp = coalesce((SELECT end_cp FROM coding WHERE id = coding_id),
                      (SELECT max(length(text), 1) FROM source s
                        WHERE s.id = finding_evidence.source_id));
UPDATE finding_evidence SET
    cited_source = source_id,
    quote = coalesce((SELECT substr(s.text, finding_evidence.start_cp + 1,
                                    finding_evidence.end_cp - finding_evidence.start_cp)
                        FROM source s WHERE s.id = finding_evidence.source_id), ''),
    source_title = coalesce((SELECT title FROM source s WHERE s.id = finding_evidence.source_id),
                            ''),
    source_kind = coalesce((SELECT kind FROM source s WHERE s.id = finding_evidence.source_id),
                           '');

CREATE INDEX finding_evidence_by_finding ON finding_evidence (finding_id, position, id);
CREATE INDEX finding_evidence_by_coding ON finding_evidence (coding_id)
    WHERE coding_id IS NOT NULL;
CREATE INDEX finding_evidence_by_source ON finding_evidence (source_id)
    WHERE source_id IS NOT NULL;

CREATE TABLE finding_area (
    id          INTEGER PRIMARY KEY,
    finding_id  INTEGER NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
    code_id     INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,
    UNIQUE (finding_id, code_id)
);
CREATE INDEX finding_area_by_code ON finding_area (code_id);

ALTER TABLE stakeholder ADD COLUMN attribution TEXT
    CHECK (attribution IN ('named', 'role', 'anonymous'));
ALTER TABLE source ADD COLUMN attribution TEXT
    CHECK (attribution IN ('named', 'role', 'anonymous'));

ALTER TABLE project ADD COLUMN marking TEXT NOT NULL DEFAULT '';

-- The memos view pages through memos by date and by author; codings'
-- memos join them.
CREATE INDEX memo_by_created ON memo (created, id);
CREATE INDEX memo_by_author ON memo (author, created, id);
CREATE INDEX coding_with_memo ON coding (created, id) WHERE memo <> '';
