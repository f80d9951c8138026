-- The keys and lines of a later export's digest (ExportDigest) in pieces of 240 entries, a row each,
-- stored in the row itself: one value of 32 MB for 1M keys was cut by TOAST into 16,000 chunks of
-- 2 KB, each fetched through the TOAST index on every read and written through it on every save.
-- By hand on the service, 32 MB: read 180-245 ms as one value against 18-83 ms in pieces; saved
-- ~500 ms against ~190-300 ms (docs/performance.md). Pieces have no order: each holds its entries'
-- lines beside them. A cache like the row it belongs to: the digests kept until now are dropped,
-- and the next later export looks its keys up once.
CREATE UNLOGGED TABLE later_export_digest_piece (
    fact_table TEXT    NOT NULL,
    piece      INTEGER NOT NULL,
    entries    BYTEA   NOT NULL, -- per entry, 24 bytes: the key's 128-bit hash, its content hash
    lines      BYTEA   NOT NULL  -- per entry, 8 bytes: its line's hash (0: not kept)
);
ALTER TABLE later_export_digest_piece ALTER COLUMN entries SET STORAGE PLAIN, ALTER COLUMN lines SET STORAGE PLAIN;
DELETE FROM later_export_digest;
ALTER TABLE later_export_digest DROP COLUMN entries, DROP COLUMN lines, ADD COLUMN size INTEGER NOT NULL;
