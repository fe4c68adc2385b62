-- jaw project file, schema version 8: what the analysis tables count, kept
-- counted.
--
-- coding_tally holds, for each code and each of four properties of a
-- source (dim 1 its kind, 2 its event, 3 its stakeholder, 4 its survey
-- respondent), the codings (segments) and the distinct sources coded with
-- the code that have each value of the property; code_id 0 counts the
-- codings and sources of any code. A source has one value of each
-- property, so the figures of any grouping of values (an organisation's
-- people, the respondents with an attribute) are sums of these rows, and
-- a crosstab or a frequency reads a few thousand rows instead of every
-- coding. The triggers below keep it exact under every insert, delete and
-- update of a coding or source (undo and redo included); a row whose
-- segments reach 0 is removed. jaw check compares it with the codings.

CREATE TABLE coding_tally (
    code_id     INTEGER NOT NULL,  -- the code, or 0 for any code
    dim         INTEGER NOT NULL CHECK (dim BETWEEN 1 AND 4),
    value       NOT NULL,          -- the kind, or the id (0 for none)
    segments    INTEGER NOT NULL,
    sources     INTEGER NOT NULL,
    PRIMARY KEY (code_id, dim, value)
) WITHOUT ROWID;

-- The four values of the source s.id = ?, one row each: d(dim, value).
-- (Triggers cannot use WITH, so each trigger spells the join out.)

INSERT INTO coding_tally (code_id, dim, value, segments, sources)
    SELECT c.code, d.dim, CASE d.dim WHEN 1 THEN c.kind WHEN 2 THEN c.ev WHEN 3 THEN c.st
                          ELSE c.resp END, sum(c.n), count(*)
      FROM (SELECT k.code_id AS code, s.kind AS kind, coalesce(s.timeline_item_id, 0) AS ev,
                   coalesce(s.stakeholder_id, 0) AS st, coalesce(s.respondent_id, 0) AS resp,
                   count(*) AS n
              FROM coding k JOIN source s ON s.id = k.source_id
             GROUP BY k.source_id, k.code_id
            UNION ALL
            SELECT 0, s.kind, coalesce(s.timeline_item_id, 0), coalesce(s.stakeholder_id, 0),
                   coalesce(s.respondent_id, 0), count(*)
              FROM coding k JOIN source s ON s.id = k.source_id
             GROUP BY k.source_id) AS c,
           (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
     GROUP BY c.code, d.dim, 3;

-- A coding comes: one more segment of its code (and of any code) for each
-- value of its source, and one more source where it is the source's first
-- coding with the code (with any code).
CREATE TRIGGER coding_tally_insert AFTER INSERT ON coding BEGIN
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT c.code, d.dim, CASE d.dim WHEN 1 THEN s.kind
                                   WHEN 2 THEN coalesce(s.timeline_item_id, 0)
                                   WHEN 3 THEN coalesce(s.stakeholder_id, 0)
                                   ELSE coalesce(s.respondent_id, 0) END,
               1, c.first
          FROM source s,
               (SELECT new.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.code_id = new.code_id
                      AND x.id <> new.id) AS first
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.id <> new.id)) AS c,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
         WHERE s.id = new.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
END;

-- A coding goes: the same taken away. (When its source went first, in a
-- cascade, source_tally_delete took it away already.)
CREATE TRIGGER coding_tally_delete AFTER DELETE ON coding BEGIN
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT c.code, d.dim, CASE d.dim WHEN 1 THEN s.kind
                                   WHEN 2 THEN coalesce(s.timeline_item_id, 0)
                                   WHEN 3 THEN coalesce(s.stakeholder_id, 0)
                                   ELSE coalesce(s.respondent_id, 0) END,
               -1, -c.last
          FROM source s,
               (SELECT old.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.code_id = old.code_id
                      AND x.id <> old.id) AS last
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.id <> old.id)) AS c,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
         WHERE s.id = old.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_tally WHERE code_id IN (old.code_id, 0) AND segments = 0;
END;

-- A coding moves to another code or source (a merge of codes, an undo):
-- taken away as it was, counted as it is.
CREATE TRIGGER coding_tally_update AFTER UPDATE OF code_id, source_id ON coding
    WHEN old.code_id IS NOT new.code_id OR old.source_id IS NOT new.source_id BEGIN
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT c.code, d.dim, CASE d.dim WHEN 1 THEN s.kind
                                   WHEN 2 THEN coalesce(s.timeline_item_id, 0)
                                   WHEN 3 THEN coalesce(s.stakeholder_id, 0)
                                   ELSE coalesce(s.respondent_id, 0) END,
               -1, -c.last
          FROM source s,
               (SELECT old.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.code_id = old.code_id
                      AND x.id <> old.id) AS last
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.id <> old.id)) AS c,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
         WHERE s.id = old.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT c.code, d.dim, CASE d.dim WHEN 1 THEN s.kind
                                   WHEN 2 THEN coalesce(s.timeline_item_id, 0)
                                   WHEN 3 THEN coalesce(s.stakeholder_id, 0)
                                   ELSE coalesce(s.respondent_id, 0) END,
               1, c.first
          FROM source s,
               (SELECT new.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.code_id = new.code_id
                      AND x.id <> new.id) AS first
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.id <> new.id)) AS c,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
         WHERE s.id = new.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_tally WHERE code_id IN (old.code_id, 0) AND segments = 0;
END;

-- A source's codings under the source's values: g(code, n) each code's
-- codings, and (code 0) all of them; sign -1 takes them away.

-- A source that goes takes its codings' counts with it, before its
-- codings go (their own trigger finds no source then).
CREATE TRIGGER source_tally_delete BEFORE DELETE ON source BEGIN
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT g.code, d.dim, CASE d.dim WHEN 1 THEN old.kind
                                   WHEN 2 THEN coalesce(old.timeline_item_id, 0)
                                   WHEN 3 THEN coalesce(old.stakeholder_id, 0)
                                   ELSE coalesce(old.respondent_id, 0) END,
               -g.n, -1
          FROM (SELECT code_id AS code, count(*) AS n FROM coding WHERE source_id = old.id
                 GROUP BY code_id
                UNION ALL SELECT 0, count(*) FROM coding WHERE source_id = old.id
                 HAVING count(*) > 0) AS g,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
         WHERE true
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_tally WHERE segments = 0
       AND code_id IN (SELECT code_id FROM coding WHERE source_id = old.id UNION SELECT 0);
END;

-- A source that comes with codings already there (an undo that puts a
-- source back after its codings) brings their counts.
CREATE TRIGGER source_tally_insert AFTER INSERT ON source
    WHEN EXISTS (SELECT 1 FROM coding WHERE source_id = new.id) BEGIN
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT g.code, d.dim, CASE d.dim WHEN 1 THEN new.kind
                                   WHEN 2 THEN coalesce(new.timeline_item_id, 0)
                                   WHEN 3 THEN coalesce(new.stakeholder_id, 0)
                                   ELSE coalesce(new.respondent_id, 0) END,
               g.n, 1
          FROM (SELECT code_id AS code, count(*) AS n FROM coding WHERE source_id = new.id
                 GROUP BY code_id
                UNION ALL SELECT 0, count(*) FROM coding WHERE source_id = new.id) AS g,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d
         WHERE true
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
END;

-- A source whose kind, event, stakeholder or respondent changes moves its
-- codings' counts from the old values to the new.
CREATE TRIGGER source_tally_update
    AFTER UPDATE OF kind, timeline_item_id, stakeholder_id, respondent_id ON source
    WHEN (old.kind IS NOT new.kind OR old.timeline_item_id IS NOT new.timeline_item_id
          OR old.stakeholder_id IS NOT new.stakeholder_id
          OR old.respondent_id IS NOT new.respondent_id)
         AND EXISTS (SELECT 1 FROM coding WHERE source_id = new.id) BEGIN
    INSERT INTO coding_tally (code_id, dim, value, segments, sources)
        SELECT g.code, d.dim, CASE d.dim WHEN 1 THEN v.kind
                                   WHEN 2 THEN coalesce(v.ev, 0)
                                   WHEN 3 THEN coalesce(v.st, 0)
                                   ELSE coalesce(v.resp, 0) END,
               v.sign * g.n, v.sign
          FROM (SELECT code_id AS code, count(*) AS n FROM coding WHERE source_id = new.id
                 GROUP BY code_id
                UNION ALL SELECT 0, count(*) FROM coding WHERE source_id = new.id) AS g,
               (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d,
               (SELECT -1 AS sign, old.kind AS kind, old.timeline_item_id AS ev,
                       old.stakeholder_id AS st, old.respondent_id AS resp
                UNION ALL SELECT 1, new.kind, new.timeline_item_id, new.stakeholder_id,
                       new.respondent_id) AS v
         WHERE true
         ORDER BY v.sign
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_tally WHERE segments = 0
       AND code_id IN (SELECT code_id FROM coding WHERE source_id = new.id UNION SELECT 0);
END;

-- Codings by source with their ends and code: the co-occurrence of codes
-- (codings that overlap in a source) reads this index alone.
DROP INDEX coding_by_source;
CREATE INDEX coding_by_source ON coding (source_id, start_cp, end_cp, code_id);
