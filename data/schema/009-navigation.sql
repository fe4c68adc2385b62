-- jaw project file, schema version 9: what the lists read on every move,
-- readable without the notes' text.
--
-- A note's text (up to a megabyte) lies in the source row before its
-- stakeholder, event and respondent; reading one of those walks the text's
-- overflow pages. Two things spare the lists that walk:
--
-- * finding_evidence.changed keeps whether a citation is changed (its
--   source's text at start_cp..end_cp is no longer its quote), so that
--   the strength of a finding's evidence ("5 src · 3 org ...") reads no
--   text. The triggers below keep it exact under every insert and update
--   of a citation and every change of a source's text (undo and redo
--   included); jaw check compares it with the texts.
-- * source_note_meta covers the notes' (not the survey answers') short
--   columns, read by id: the evidence list's search and a finding's
--   stakeholders read it instead of the row.

ALTER TABLE finding_evidence ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;

UPDATE finding_evidence SET changed =
    coalesce((SELECT substr(s.text, finding_evidence.start_cp + 1,
                            finding_evidence.end_cp - finding_evidence.start_cp)
                     IS NOT finding_evidence.quote
                FROM source s WHERE s.id = finding_evidence.source_id), 0);

-- A citation written (by jaw, by undo, by another tool; the snapshot
-- trigger's update included): its state as its source reads now.
CREATE TRIGGER finding_evidence_changed_insert AFTER INSERT ON finding_evidence BEGIN
    UPDATE finding_evidence SET changed =
        coalesce((SELECT substr(s.text, finding_evidence.start_cp + 1,
                                finding_evidence.end_cp - finding_evidence.start_cp)
                         IS NOT finding_evidence.quote
                    FROM source s WHERE s.id = finding_evidence.source_id), 0)
     WHERE id = new.id;
END;

CREATE TRIGGER finding_evidence_changed_update
    AFTER UPDATE OF source_id, start_cp, end_cp, quote ON finding_evidence BEGIN
    UPDATE finding_evidence SET changed =
        coalesce((SELECT substr(s.text, finding_evidence.start_cp + 1,
                                finding_evidence.end_cp - finding_evidence.start_cp)
                         IS NOT finding_evidence.quote
                    FROM source s WHERE s.id = finding_evidence.source_id), 0)
     WHERE id = new.id;
END;

-- A source whose text changes: its citations as it reads now.
CREATE TRIGGER source_text_citations AFTER UPDATE OF text ON source
    WHEN EXISTS (SELECT 1 FROM finding_evidence WHERE source_id = new.id) BEGIN
    UPDATE finding_evidence SET changed =
        substr(new.text, start_cp + 1, end_cp - start_cp) IS NOT quote
     WHERE source_id = new.id;
END;

CREATE INDEX source_note_meta
    ON source (id, kind, title, source_date, stakeholder_id, timeline_item_id, respondent_id)
    WHERE kind <> 'survey_answer';
