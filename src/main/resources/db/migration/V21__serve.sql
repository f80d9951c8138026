-- What ./chiso serve adds: who uploaded a run (org-bound users see their units' uploads only), and
-- the history of scheduled jobs, so that a run a crash interrupted shows as failed and can be restarted.
-- No foreign keys to import_run: tests and operators empty it with a plain TRUNCATE.

CREATE TABLE upload (
    run_id       BIGINT PRIMARY KEY,
    user_name    TEXT        NOT NULL,
    org_code     TEXT,                  -- the uploader's org unit; NULL for a province-wide user
    uploaded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE schedule_run (
    id            BIGSERIAL PRIMARY KEY,
    job_name      TEXT        NOT NULL,
    kind          TEXT        NOT NULL,   -- pickup, reports
    fire_time     TIMESTAMPTZ NOT NULL,   -- the firing it does the work of; a restart keeps it
    instance_id   TEXT        NOT NULL,   -- the Quartz node that ran it
    status        TEXT        NOT NULL,   -- STARTED, COMPLETED, FAILED
    message       TEXT,
    restart_of    BIGINT,
    started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    heartbeat_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX schedule_run_job ON schedule_run (job_name, id DESC);
