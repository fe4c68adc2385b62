-- jaw project file, schema version 5: a stable GUID per code, for
-- REFI-QDA interchange (jaw export qdc|qdpx, jaw import-qdc|qdpx).
--
-- Every code gets a random (version 4) GUID when it is made, unless it is
-- made with one (an import keeps the GUID of the file); existing codes get
-- one now. A GUID is lower-case 8-4-4-4-12 hex and unique in the project.

ALTER TABLE code ADD COLUMN guid TEXT;

UPDATE code SET guid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

CREATE UNIQUE INDEX code_by_guid ON code (guid);

CREATE TRIGGER code_guid AFTER INSERT ON code WHEN new.guid IS NULL BEGIN
    UPDATE code SET guid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
     WHERE id = new.id;
END;
