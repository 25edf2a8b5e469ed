-- Schema version 2: markings by the rules (caveat list, owner, per-page marking). Never edit
-- this file once released: add a new one.
--
-- A library made before the scheme had a caveat list gains the default list, in banner order,
-- as it stood when this migration was written (docs/markings.md). A scheme that already has
-- one (imported from a newer file) keeps it. Items' caveat strings are normalised by the data
-- step of this version (electron/store/repositories/migration-data.ts), after this file runs.
UPDATE markings
SET extra = json_set(
  COALESCE(extra, '{}'),
  '$.caveats',
  json('[
    { "code": "ORCON",  "portion": "OC" },
    { "code": "IMCON",  "portion": "IMC" },
    { "code": "NOFORN", "portion": "NF", "supersedes": ["REL TO"] },
    { "code": "PROPIN", "portion": "PR" },
    { "code": "REL TO", "countries": true },
    { "code": "RELIDO" },
    { "code": "FOUO" }
  ]')
)
WHERE json_type(COALESCE(extra, '{}'), '$.caveats') IS NULL;
