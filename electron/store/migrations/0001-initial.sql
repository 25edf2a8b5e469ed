-- Briefbook library, schema version 1. Never edit this file once released: add a new one.

-- The classification scheme items are marked with (one row).
CREATE TABLE markings (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  scheme        TEXT    NOT NULL,
  levels        TEXT    NOT NULL,            -- JSON array of { code, banner, portion }, lowest first
  portion_marks INTEGER NOT NULL DEFAULT 1,
  extra         TEXT                         -- JSON: properties of the file's scheme we do not know
) STRICT;

CREATE TABLE items (
  seq               INTEGER PRIMARY KEY,            -- stable rowid: the search index's key
  id                TEXT    NOT NULL UNIQUE,
  kind              TEXT    NOT NULL,
  title             TEXT    NOT NULL,
  body              TEXT    NOT NULL,
  topic             TEXT,
  classification    TEXT    NOT NULL,
  caveats           TEXT    NOT NULL DEFAULT '[]',   -- JSON array of strings
  status            TEXT    NOT NULL CHECK (status IN ('draft', 'in_review', 'cleared')),
  owner             TEXT,
  lang              TEXT,
  extra             TEXT,                             -- JSON: extension properties, kept on export
  version           INTEGER NOT NULL,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  status_changed_by TEXT,
  status_changed_at TEXT,
  deleted_at        TEXT
) STRICT;
CREATE INDEX items_kind ON items (kind);
CREATE INDEX items_updated ON items (updated_at);

CREATE TABLE item_tags (
  item_id  TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  tag      TEXT    NOT NULL,
  PRIMARY KEY (item_id, position)
) STRICT;
CREATE INDEX item_tags_tag ON item_tags (tag);

CREATE TABLE item_translations (
  item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  lang    TEXT NOT NULL,
  title   TEXT,
  body    TEXT,
  extra   TEXT,
  PRIMARY KEY (item_id, lang)
) STRICT;

CREATE TABLE item_sources (
  item_id  TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title    TEXT    NOT NULL,
  author   TEXT,
  date     TEXT,
  url      TEXT,
  note     TEXT,
  extra    TEXT,
  PRIMARY KEY (item_id, position)
) STRICT;

-- Every saved version of every item, the current one included: history and "changed since".
CREATE TABLE item_versions (
  item_id  TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  version  INTEGER NOT NULL,
  saved_at TEXT    NOT NULL,
  snapshot TEXT    NOT NULL,  -- JSON: the item as an exchange-format object
  PRIMARY KEY (item_id, version)
) STRICT;

CREATE TABLE books (
  id                 TEXT PRIMARY KEY,
  title              TEXT NOT NULL,
  subtitle           TEXT,
  meeting            TEXT,   -- JSON { date, location, principal, counterpart, format }
  meeting_date       TEXT,   -- copy of meeting.date, for ordering
  prepared_by        TEXT,
  floor              TEXT,
  authority          TEXT,   -- JSON { classifiedBy, derivedFrom, reason, declassifyOn }
  distribution       TEXT,   -- JSON array of recipients, in copy order
  extra              TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE sections (
  book_id  TEXT    NOT NULL REFERENCES books (id) ON DELETE CASCADE,
  id       TEXT    NOT NULL,
  position INTEGER NOT NULL,
  title    TEXT    NOT NULL,
  extra    TEXT,
  PRIMARY KEY (book_id, id)
) STRICT;

CREATE TABLE section_items (
  book_id    TEXT    NOT NULL,
  section_id TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  item_id    TEXT    NOT NULL REFERENCES items (id),
  PRIMARY KEY (book_id, section_id, item_id),
  FOREIGN KEY (book_id, section_id) REFERENCES sections (book_id, id) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;
CREATE INDEX section_items_item ON section_items (item_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE export_log (
  id            INTEGER PRIMARY KEY,
  book_id       TEXT,               -- NULL: the whole library (an exchange file)
  book_title    TEXT    NOT NULL,
  exported_at   TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('pdf', 'exchange')),
  file_name     TEXT    NOT NULL,
  options       TEXT    NOT NULL,   -- JSON
  page_count    INTEGER,
  sha256        TEXT    NOT NULL,
  item_versions TEXT    NOT NULL    -- JSON { itemId: version }
) STRICT;
CREATE INDEX export_log_book ON export_log (book_id, exported_at);
CREATE INDEX export_log_sha ON export_log (sha256);

-- Full-text search. Words (English stems, Korean words with their particles by prefix) ...
CREATE VIRTUAL TABLE search_words USING fts5 (
  title, body, tags, translations,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- ranking: a match in the title counts most, then tags and topic, then translations, then body
INSERT INTO search_words (search_words, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0, 2.0)');
-- ... and substrings of three characters or more (Korean compounds written without spaces).
CREATE VIRTUAL TABLE search_grams USING fts5 (
  title, body, tags, translations,
  tokenize = 'trigram', content = '', contentless_delete = 1
);
