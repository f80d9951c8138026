-- Rows a unit-bound user uploaded for units outside its own (SPEC §7) are rejected and listed, but do
-- not count towards refusing the file: an officer may upload the province's whole export, and the rows
-- of its own units are stored from it.
ALTER TABLE import_reject ADD COLUMN outside_units BOOLEAN NOT NULL DEFAULT false;
