-- jaw project file, schema version 4: each change knows where it was made.
--
-- Undo in a view takes back the analyst's latest change made in that view
-- (see jaw(5)): context names it ('timeline', 'stakeholders', 'evidence',
-- 'codebook', 'coding'), subject the record within it (for 'coding', the
-- source whose codings changed; NULL where none).

ALTER TABLE journal ADD COLUMN context TEXT NOT NULL DEFAULT '';
ALTER TABLE journal ADD COLUMN subject INTEGER;

-- Until now the journal held changes to codes and codings only.
UPDATE journal SET context = 'codebook' WHERE action LIKE 'code%' AND action NOT LIKE 'coding-%';
UPDATE journal SET context = 'coding',
    subject = (SELECT coalesce(json_extract(value, '$.after.source_id'),
                               json_extract(value, '$.before.source_id'))
                 FROM json_each(journal.payload, '$.rows')
                WHERE json_extract(value, '$.table') = 'coding' LIMIT 1)
    WHERE action LIKE 'coding-%';

CREATE INDEX journal_by_context ON journal (analyst, context, subject, live, undone, id);
