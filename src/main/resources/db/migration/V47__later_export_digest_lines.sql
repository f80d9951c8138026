-- The lines a later export read (ExportDigest): per entry of entries, in the same order, the 64-bit
-- hash of the row's cells as the file gave them, its export time left out (0: not kept); the
-- reading they were read under (columns, source profile, reference data, checking code); and the
-- start of the day after the latest export time of those rows; and the version they were saved with,
-- so that entries saved without their lines (by a build before this one) leave the lines untrusted.
-- A cache like the rest of the row.
ALTER TABLE later_export_digest ADD COLUMN lines bytea, ADD COLUMN reading bytea, ADD COLUMN lines_valid_before timestamp,
    ADD COLUMN lines_version bigint;
ALTER TABLE later_export_digest ALTER COLUMN lines SET STORAGE EXTERNAL;
