-- A hash of what each stored fact row's export said (its stored columns but the export time), written
-- by the ingest (FileStager): a later export of the same row with the same hash changes nothing, and
-- a nightly re-export is compared by hash alone. Rows stored before are hashless until an export
-- sends them again; the merge then fills in the hash of an unchanged row once.
ALTER TABLE dossier ADD COLUMN content_hash bigint;
ALTER TABLE payment ADD COLUMN content_hash bigint;
ALTER TABLE evaluation ADD COLUMN content_hash bigint;
ALTER TABLE feedback ADD COLUMN content_hash bigint;
