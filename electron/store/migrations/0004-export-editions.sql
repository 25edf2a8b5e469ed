-- Schema version 4: what an export of a book was, so "changes since an edition" can tell moves.
-- Never edit this file once released: add a new one.
--
-- document: which document of the export the entry is ('book', or the book's 'pocket_card');
--   NULL for an entry logged before this version (taken as the book) or an exchange file.
-- sections: the book's sections as exported, JSON [{ "id", "title", "items": [item ids] }] in
--   book order, only the items the file carries; NULL before this version, when moves are unknown.
ALTER TABLE export_log ADD COLUMN document TEXT CHECK (document IN ('book', 'pocket_card'));
ALTER TABLE export_log ADD COLUMN sections TEXT;
