-- Schema version 5: revisions and the import log (docs/data-model.md). Never edit this file
-- once released: add a new one.
--
-- `revisions` holds every rev (docs/spec/EXCHANGE.md, "Revisions and merging") each item and
-- book has had: its own edits, the revs it imported and the history those files carried. An
-- object's current rev is always recomputed from the object; this table is what it has been.
-- The data step of this version (repositories/migration-data.ts) fills it for an existing
-- library: every saved version of every item, and every book as it stands.
CREATE TABLE revisions (
  entity   TEXT    NOT NULL CHECK (entity IN ('item', 'book')),
  id       TEXT    NOT NULL,
  rev      TEXT    NOT NULL CHECK (rev GLOB 'sha256:*'),
  position INTEGER NOT NULL,            -- larger is newer; a rev seen again moves up
  seen_at  TEXT    NOT NULL,
  origin   TEXT    NOT NULL CHECK (origin IN ('edit', 'import', 'file-history', 'upgrade')),
  PRIMARY KEY (entity, id, rev)
) STRICT;
CREATE INDEX revisions_order ON revisions (entity, id, position);

-- One row per import that changed something: the file, its SHA-256, and per object what it was
-- before (so that the whole import can be undone) and the rev it had after.
CREATE TABLE import_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  summary    TEXT NOT NULL,
  changes    TEXT NOT NULL,           -- JSON array of the objects changed (repositories/stored-json.ts)
  undone_at  TEXT
) STRICT;
