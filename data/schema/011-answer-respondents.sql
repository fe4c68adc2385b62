-- jaw project file, schema version 11: the respondents of a crosstab by a
-- survey attribute kept counted too, and coding_answer_tally kept from
-- coding_tally.
--
-- coding_answer_tally gains respondents: for each attribute column, code
-- and value, the distinct respondents with the value coded with the code
-- (in any of their answers); code_id 0 counts those coded with any code.
-- A respondent has one value of each column, so the respondents of any
-- grouping of values (of a label, across surveys) are sums of these rows,
-- like the segments and sources.
--
-- Each row of coding_tally of dimension 4 (a code and a respondent) holds
-- that respondent's codings and sources with the code, and is there only
-- while it has some: a row of coding_answer_tally is the sum of the rows
-- of its respondents with the value, and their number is its respondents.
-- The triggers below keep it from coding_tally's own changes instead of
-- the codings' and sources' (which coding_tally's triggers already turn
-- into changes of its rows): a row of dimension 4 that comes adds its
-- counts and one respondent under each attribute of its respondent, one
-- that goes takes them away, one that changes moves the difference. The
-- triggers of schema 10 on coding and source go. A row whose segments
-- and respondents are both 0 is removed.

DROP TRIGGER coding_answer_tally_insert;
DROP TRIGGER coding_answer_tally_delete;
DROP TRIGGER coding_answer_tally_update;
DROP TRIGGER source_answer_tally_delete;
DROP TRIGGER source_answer_tally_insert;
DROP TRIGGER source_answer_tally_update;
DROP TRIGGER respondent_answer_tally_delete;
DROP TRIGGER respondent_answer_tally_update;
DROP TRIGGER survey_column_answer_tally_update;
DROP TABLE coding_answer_tally;

CREATE TABLE coding_answer_tally (
    column_id   INTEGER NOT NULL,  -- the attribute column
    code_id     INTEGER NOT NULL,  -- the code, or 0 for any code
    value       NOT NULL,          -- the answer as text, or 0 for none
    segments    INTEGER NOT NULL,
    sources     INTEGER NOT NULL,
    respondents INTEGER NOT NULL,
    PRIMARY KEY (column_id, code_id, value)
) WITHOUT ROWID;

INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
    SELECT q.id, t.code_id,
           coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
           sum(t.segments), sum(t.sources), count(*)
      FROM coding_tally t JOIN respondent r ON r.id = t.value
      JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute'
     WHERE t.dim = 4
     GROUP BY 1, 2, 3;

-- A respondent's first coding with a code (or any code): its row comes.
CREATE TRIGGER coding_tally_answer_insert AFTER INSERT ON coding_tally
    WHEN new.dim = 4 AND new.value <> 0 BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT q.id, new.code_id,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               new.segments, new.sources, 1
          FROM respondent r JOIN survey_column q ON q.survey_id = r.survey_id
               AND q.role = 'attribute'
         WHERE r.id = new.value
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources,
                                  respondents = respondents + excluded.respondents;
END;

-- Its last goes: its row goes. (A respondent that went first, its survey
-- deleted, took its counts away already: the join finds nothing.)
CREATE TRIGGER coding_tally_answer_delete AFTER DELETE ON coding_tally
    WHEN old.dim = 4 AND old.value <> 0 BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT q.id, old.code_id,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               -old.segments, -old.sources, -1
          FROM respondent r JOIN survey_column q ON q.survey_id = r.survey_id
               AND q.role = 'attribute'
         WHERE r.id = old.value
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources,
                                  respondents = respondents + excluded.respondents;
    DELETE FROM coding_answer_tally WHERE code_id = old.code_id
       AND segments = 0 AND respondents = 0
       AND column_id IN (SELECT q.id FROM respondent r JOIN survey_column q
                            ON q.survey_id = r.survey_id
                          WHERE r.id = old.value AND q.role = 'attribute');
END;

-- Its counts change (a coding more or less): the difference.
CREATE TRIGGER coding_tally_answer_count AFTER UPDATE OF segments, sources ON coding_tally
    WHEN new.dim = 4 AND new.value <> 0 AND old.dim = 4 AND old.value = new.value
         AND old.code_id = new.code_id
         AND (old.segments <> new.segments OR old.sources <> new.sources) BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT q.id, new.code_id,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               new.segments - old.segments, new.sources - old.sources, 0
          FROM respondent r JOIN survey_column q ON q.survey_id = r.survey_id
               AND q.role = 'attribute'
         WHERE r.id = new.value
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources;
END;

-- Its key changes (jaw never does this; the table stays exact whatever
-- does): taken away as it was, counted as it is.
CREATE TRIGGER coding_tally_answer_move AFTER UPDATE OF code_id, dim, value ON coding_tally
    WHEN (old.dim = 4 OR new.dim = 4)
         AND (old.code_id IS NOT new.code_id OR old.dim IS NOT new.dim
              OR old.value IS NOT new.value) BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT q.id, v.code,
               coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               v.sign * v.segments, v.sign * v.sources, v.sign
          FROM (SELECT -1 AS sign, old.code_id AS code, old.value AS resp,
                       old.segments AS segments, old.sources AS sources WHERE old.dim = 4
                UNION ALL SELECT 1, new.code_id, new.value, new.segments, new.sources
                 WHERE new.dim = 4) AS v
          JOIN respondent r ON r.id = v.resp
          JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute'
         WHERE v.resp <> 0
         ORDER BY v.sign
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources,
                                  respondents = respondents + excluded.respondents;
    DELETE FROM coding_answer_tally WHERE segments = 0 AND respondents = 0;
END;

-- A respondent's rows of coding_tally, each one respondent: a respondent
-- that goes (its survey deleted) takes them away, one whose answers or
-- survey change moves them. (jaw itself changes neither.)
CREATE TRIGGER respondent_answer_tally_delete BEFORE DELETE ON respondent BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT q.id, t.code_id,
               coalesce(CAST(json_extract(old.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               -t.segments, -t.sources, -1
          FROM coding_tally t JOIN survey_column q ON q.survey_id = old.survey_id
               AND q.role = 'attribute'
         WHERE t.dim = 4 AND t.value = old.id
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources,
                                  respondents = respondents + excluded.respondents;
    DELETE FROM coding_answer_tally WHERE segments = 0 AND respondents = 0;
END;

CREATE TRIGGER respondent_answer_tally_update AFTER UPDATE OF answers, survey_id ON respondent
    WHEN old.answers IS NOT new.answers OR old.survey_id IS NOT new.survey_id BEGIN
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT q.id, t.code_id,
               coalesce(CAST(json_extract(v.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0),
               v.sign * t.segments, v.sign * t.sources, v.sign
          FROM (SELECT -1 AS sign, old.survey_id AS survey, old.answers AS answers
                UNION ALL SELECT 1, new.survey_id, new.answers) AS v
          JOIN survey_column q ON q.survey_id = v.survey AND q.role = 'attribute',
               coding_tally t
         WHERE t.dim = 4 AND t.value = new.id
         ORDER BY v.sign
        ON CONFLICT DO UPDATE SET segments = segments + excluded.segments,
                                  sources = sources + excluded.sources,
                                  respondents = respondents + excluded.respondents;
    DELETE FROM coding_answer_tally WHERE segments = 0 AND respondents = 0;
END;

-- A column whose role, place or survey changes is counted again from
-- coding_tally. (survey_column_answer_tally_delete, of schema 10, still
-- takes a column's rows away with it.)
CREATE TRIGGER survey_column_answer_tally_update
    AFTER UPDATE OF role, position, survey_id ON survey_column
    WHEN (old.role = 'attribute' OR new.role = 'attribute')
         AND (old.role IS NOT new.role OR old.position IS NOT new.position
              OR old.survey_id IS NOT new.survey_id) BEGIN
    DELETE FROM coding_answer_tally WHERE column_id = old.id;
    INSERT INTO coding_answer_tally (column_id, code_id, value, segments, sources, respondents)
        SELECT new.id, t.code_id,
               coalesce(CAST(json_extract(r.answers, '$[' || (new.position - 1) || ']') AS TEXT), 0),
               sum(t.segments), sum(t.sources), count(*)
          FROM respondent r JOIN coding_tally t ON t.dim = 4 AND t.value = r.id
         WHERE r.survey_id = new.survey_id AND new.role = 'attribute'
         GROUP BY 1, 2, 3;
END;
