-- Schema version 3: clearance bound to the text (docs/data-model.md, docs/spec/EXCHANGE.md
-- "Clearance"). Never edit this file once released: add a new one.
--
-- items.clearance: JSON { by, at, contentHash }, who cleared which text; NULL when never cleared
-- (or withdrawn: the earlier clearance stays in the item's saved versions).
-- items.content_hash: the hash of what the item prints now, kept with every write, so a listing
-- can tell "cleared" from "changed since cleared" without reading every body.
-- export_log.clearance: JSON { itemId: { contentHash, cleared } }, each printed item's hash at
-- export time and whether it was cleared on that text (briefbook verify); NULL for exports made
-- before this version.
-- The data step of this version (electron/store/repositories/migration-data.ts) records the
-- hash of every item and a clearance for every item already cleared, so it stays cleared.
ALTER TABLE items ADD COLUMN clearance TEXT;
ALTER TABLE items ADD COLUMN content_hash TEXT;
ALTER TABLE export_log ADD COLUMN clearance TEXT;
