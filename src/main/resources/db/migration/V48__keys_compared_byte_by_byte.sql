-- The keys of the stored facts, and the dossier codes that refer to them, compare byte by byte
-- (collation "C") whatever the database's own collation. The embedded database is created with
-- collation C already; a PostgreSQL server's database usually has C.UTF-8 or a language's, under
-- which every comparison of two codes goes through the C library's strcoll: on the service here
-- (C.UTF-8), building 1M dossiers' key took 1.31-1.44 s against 0.82-0.89 s, and 80,000 key lookups
-- in a 5.4M-dossier table 723 ms against 215 ms (docs/performance.md). Codes are identifiers, not
-- words: C.UTF-8 orders them by code point, as C does; a language's collation would order them as
-- words, which no report relies on. A code column compared with one of these takes "C" (a
-- non-default collation wins over the default), so joins and lookups keep using these keys' indexes.
-- On a database holding rows already, this rebuilds the indexes of these columns (~5 s a 5M table).
ALTER TABLE dossier ALTER COLUMN dossier_code TYPE text COLLATE "C";
ALTER TABLE payment ALTER COLUMN transaction_id TYPE text COLLATE "C",
                    ALTER COLUMN dossier_code TYPE text COLLATE "C";
ALTER TABLE evaluation ALTER COLUMN evaluation_id TYPE text COLLATE "C",
                       ALTER COLUMN dossier_code TYPE text COLLATE "C";
ALTER TABLE feedback ALTER COLUMN feedback_id TYPE text COLLATE "C";
ALTER TABLE late_dossier ALTER COLUMN dossier_code TYPE text COLLATE "C";
