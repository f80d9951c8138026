-- How a run's file is read (SPEC §3.6): the source profile applied and the encoding named, so that a
-- run continued after an interruption reads its file as the first attempt did.
ALTER TABLE import_run
    ADD COLUMN profile  TEXT,
    ADD COLUMN encoding TEXT;

-- Rows rejected only because their key is repeated in the file (SPEC §4.4) are rejected and listed, but
-- do not count towards refusing the file (SPEC §7): the threshold guards against a file misread, and a
-- key the exporting system wrote twice says nothing about how the file reads.
ALTER TABLE import_reject ADD COLUMN repeated_key BOOLEAN NOT NULL DEFAULT false;
