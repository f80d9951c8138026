-- What the last later export of a fact table left stored, for the next one to skip its lookups: each
-- of its keys (a 128-bit hash) with the content hash stored after its merge (0: stored, hash not
-- known), and the dossiers' version (dossier_month_state) at its commit. Valid only while that
-- version has not moved, i.e. while nothing else has written a dossier since.
CREATE TABLE later_export_digest (
    fact_table text   PRIMARY KEY,
    version    bigint NOT NULL,
    entries    bytea  NOT NULL -- 24 bytes an entry: key hash (two int8), content hash (int8), big-endian
);
