-- The process that reads an import run (issue 17, item 4): the next ingest of its file continues the
-- run at once when that process has ended (kill -9, a crash), and leaves it alone while it runs. A
-- heartbeat alone tells a process gone from a slow one only after a minute; it stays the test for a
-- process on another machine (one PostgreSQL shared by several), whose ids mean nothing here.
ALTER TABLE import_run
    ADD COLUMN owner_pid        BIGINT,
    ADD COLUMN owner_machine    TEXT,
    ADD COLUMN owner_started_at TIMESTAMPTZ;
