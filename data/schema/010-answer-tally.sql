-- jaw project file, schema version 10: the counts of a crosstab by a
-- survey attribute kept counted.
--
-- coding_answer_tally holds, for each attribute column of a survey
-- (survey_column role 'attribute') and each code, the codings (segments)
-- and the distinct sources coded with the code whose source's respondent
-- answered each value of the column; code_id 0 counts any code. The value
-- is the answer as text, CAST(json_extract(answers, ...) AS TEXT), or the
-- integer 0 for none (a key cannot be NULL; an answer is always text, so
-- 0 is no answer's value). A crosstab by an attribute reads the rows of
-- its columns instead of every respondent's answers. The triggers below
-- keep it exact under every insert, delete and update of a coding or
-- source (undo and redo included), and of a respondent or a survey's
-- column; a row whose segments reach 0 is removed. jaw check compares it
-- with the codings.

CREATE TABLE coding_answer_tally (
    column_id   INTEGER NOT NULL,  -- the attribute column
    code_id     INTEGER NOT NULL,  -- the code, or 0 for any code
    value       NOT NULL,          -- the answer as text, or 0 for none
    segments    INTEGER NOT NULL,
    sources     INTEGER NOT NULL,
    PRIMARY KEY (column_id, code_id, value)
) WITHOUT ROWID;

-- From the respondents' rows of coding_tally (dimension 4), each
-- respondent's codings and sources by code.
INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
    SELECT q.id, t.code_id,
           coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
           sum(t.segments), sum(t.sources)
      FROM coding_tally t JOIN respondent r ON r.id = t.value
      JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute'
     WHERE t.dim = 4
     GROUP BY 1, 2, 3;

-- A coding comes: one more segment of its code (and of any code) under
-- each attribute of its source's respondent, and one more source where it
-- is the source's first coding with the code (with any code).
CREATE TRIGGER coding_answer_tally_insert AFTER INSERT ON coding BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, c.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               1, c.first
          FROM source s JOIN respondent r ON r.id = s.respondent_id
          JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute',
               (SELECT new.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.code_id = new.code_id
                      AND x.id <> new.id) AS first
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.id <> new.id)) AS c
         WHERE s.id = new.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
END;

-- A coding goes: the same taken away. (When its source went first, in a
-- cascade, source_answer_tally_delete took it away already.)
CREATE TRIGGER coding_answer_tally_delete AFTER DELETE ON coding BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, c.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               -1, -c.last
          FROM source s JOIN respondent r ON r.id = s.respondent_id
          JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute',
               (SELECT old.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.code_id = old.code_id
                      AND x.id <> old.id) AS last
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.id <> old.id)) AS c
         WHERE s.id = old.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_answer_tally WHERE segments = 0 AND code_id IN (old.code_id, 0)
       AND column_id IN (SELECT q.id FROM source s JOIN respondent r ON r.id = s.respondent_id
                           JOIN survey_column q ON q.survey_id = r.survey_id
                          WHERE s.id = old.source_id AND q.role = 'attribute');
END;

-- A coding moves to another code or source (a merge of codes, an undo):
-- taken away as it was, counted as it is.
CREATE TRIGGER coding_answer_tally_update AFTER UPDATE OF code_id, source_id ON coding
    WHEN old.code_id IS NOT new.code_id OR old.source_id IS NOT new.source_id BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, c.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               -1, -c.last
          FROM source s JOIN respondent r ON r.id = s.respondent_id
          JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute',
               (SELECT old.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.code_id = old.code_id
                      AND x.id <> old.id) AS last
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = old.source_id AND x.id <> old.id)) AS c
         WHERE s.id = old.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, c.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               1, c.first
          FROM source s JOIN respondent r ON r.id = s.respondent_id
          JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute',
               (SELECT new.code_id AS code, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.code_id = new.code_id
                      AND x.id <> new.id) AS first
                UNION ALL SELECT 0, NOT EXISTS (SELECT 1 FROM coding x
                    WHERE x.source_id = new.source_id AND x.id <> new.id)) AS c
         WHERE s.id = new.source_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_answer_tally WHERE segments = 0 AND code_id IN (old.code_id, 0)
       AND column_id IN (SELECT q.id FROM source s JOIN respondent r ON r.id = s.respondent_id
                           JOIN survey_column q ON q.survey_id = r.survey_id
                          WHERE s.id = old.source_id AND q.role = 'attribute');
END;

-- A source's codings g(code, n) under its respondent's answers; sign -1
-- takes them away.

-- A source that goes takes its codings' counts with it, before its
-- codings go (their own trigger finds no source then).
CREATE TRIGGER source_answer_tally_delete BEFORE DELETE ON source
    WHEN old.respondent_id IS NOT NULL BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, g.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               -g.n, -1
          FROM respondent r JOIN survey_column q ON q.survey_id = r.survey_id
               AND q.role = 'attribute',
               (SELECT code_id AS code, count(*) AS n FROM coding WHERE source_id = old.id
                 GROUP BY code_id
                UNION ALL SELECT 0, count(*) FROM coding WHERE source_id = old.id
                 HAVING count(*) > 0) AS g
         WHERE r.id = old.respondent_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_answer_tally WHERE segments = 0
       AND code_id IN (SELECT code_id FROM coding WHERE source_id = old.id UNION SELECT 0)
       AND column_id IN (SELECT q.id FROM respondent r JOIN survey_column q
                            ON q.survey_id = r.survey_id
                          WHERE r.id = old.respondent_id AND q.role = 'attribute');
END;

-- A source that comes with codings already there (an undo that puts a
-- source back after its codings) brings their counts.
CREATE TRIGGER source_answer_tally_insert AFTER INSERT ON source
    WHEN new.respondent_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM coding WHERE source_id = new.id) BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, g.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               g.n, 1
          FROM respondent r JOIN survey_column q ON q.survey_id = r.survey_id
               AND q.role = 'attribute',
               (SELECT code_id AS code, count(*) AS n FROM coding WHERE source_id = new.id
                 GROUP BY code_id
                UNION ALL SELECT 0, count(*) FROM coding WHERE source_id = new.id) AS g
         WHERE r.id = new.respondent_id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
END;

-- A source whose respondent changes moves its codings' counts from the
-- old respondent's answers to the new's.
CREATE TRIGGER source_answer_tally_update AFTER UPDATE OF respondent_id ON source
    WHEN old.respondent_id IS NOT new.respondent_id
         AND EXISTS (SELECT 1 FROM coding WHERE source_id = new.id) BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, g.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               v.sign * g.n, v.sign
          FROM (SELECT -1 AS sign, old.respondent_id AS resp
                UNION ALL SELECT 1, new.respondent_id) AS v
          JOIN respondent r ON r.id = v.resp
          JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute',
               (SELECT code_id AS code, count(*) AS n FROM coding WHERE source_id = new.id
                 GROUP BY code_id
                UNION ALL SELECT 0, count(*) FROM coding WHERE source_id = new.id) AS g
         WHERE true
         ORDER BY v.sign
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_answer_tally WHERE segments = 0;
END;

-- A respondent's codings by code, from coding_tally: a respondent that
-- goes (its survey deleted) takes them away, one whose answers or survey
-- change moves them. (jaw itself changes neither; the triggers keep the
-- table exact whatever does.)
CREATE TRIGGER respondent_answer_tally_delete BEFORE DELETE ON respondent BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, t.code_id,
               coalesce(CAST(json_extract(old.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               -t.segments, -t.sources
          FROM coding_tally t JOIN survey_column q ON q.survey_id = old.survey_id
               AND q.role = 'attribute'
         WHERE t.dim = 4 AND t.value = old.id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_answer_tally WHERE segments = 0;
END;

CREATE TRIGGER respondent_answer_tally_update AFTER UPDATE OF answers, survey_id ON respondent
    WHEN old.answers IS NOT new.answers OR old.survey_id IS NOT new.survey_id BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT q.id, t.code_id,
               coalesce(CAST(json_extract(v.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               v.sign * t.segments, v.sign * t.sources
          FROM (SELECT -1 AS sign, old.survey_id AS survey, old.answers AS answers
                UNION ALL SELECT 1, new.survey_id, new.answers) AS v
          JOIN survey_column q ON q.survey_id = v.survey AND q.role = 'attribute',
               coding_tally t
         WHERE t.dim = 4 AND t.value = new.id
         ORDER BY v.sign
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
    DELETE FROM coding_answer_tally WHERE segments = 0;
END;

-- A column that goes takes its rows; one whose role, place or survey
-- changes is counted again from coding_tally.
CREATE TRIGGER survey_column_answer_tally_delete AFTER DELETE ON survey_column
    WHEN old.role = 'attribute' BEGIN
    DELETE FROM coding_answer_tally WHERE column_id = old.id;
END;

CREATE TRIGGER survey_column_answer_tally_update
    AFTER UPDATE OF role, position, survey_id ON survey_column
    WHEN (old.role = 'attribute' OR new.role = 'attribute')
         AND (old.role IS NOT new.role OR old.position IS NOT new.position
              OR old.survey_id IS NOT new.survey_id) BEGIN
    DELETE FROM coding_answer_tally WHERE column_id = old.id;
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources)
        SELECT new.id, t.code_id,
               coalesce(CAST(json_extract(r.answers, '$[' || (new.position - 1) || ']') AS TEXT), 0),
               sum(t.segments), sum(t.sources)
          FROM respondent r JOIN coding_tally t ON t.dim = 4 AND t.value = r.id
         WHERE r.survey_id = new.survey_id AND new.role = 'attribute'
         GROUP BY 1, 2, 3;
END;
