-- The dossiers behind a computation's late and overdue counts (SPEC §5: the report lists them), so
-- the list a report prints is the very set its RESOLVED_LATE and IN_PROCESS_OVERDUE figures count.
CREATE TABLE late_dossier (
    computation_id    BIGINT      NOT NULL REFERENCES computation (id) ON DELETE CASCADE,
    agency_code       TEXT        NOT NULL,
    dossier_code      TEXT        NOT NULL,
    procedure_code    TEXT        NOT NULL,
    officer           TEXT,
    received_at       TIMESTAMPTZ NOT NULL,
    due_at            TIMESTAMPTZ NOT NULL,
    completed_at      TIMESTAMPTZ,            -- NULL: still in process, overdue at the window's end
    working_days_late INTEGER     NOT NULL,
    apology_issued    BOOLEAN     NOT NULL,
    PRIMARY KEY (computation_id, agency_code, dossier_code)
);

-- Every generated report (SPEC §5 archive): a new version for each generation, never overwritten.
CREATE TABLE report (
    id             BIGSERIAL PRIMARY KEY,
    window_id      TEXT        NOT NULL,
    org_code       TEXT,                   -- NULL: the province summary
    format         TEXT        NOT NULL,   -- PDF, XLSX
    version        INTEGER     NOT NULL,
    status         TEXT        NOT NULL,   -- RUNNING, DONE, FAILED
    parameters     TEXT        NOT NULL,   -- what it was made from: window dates, computation, import runs
    computation_id BIGINT      REFERENCES computation (id) ON DELETE SET NULL,
    file_name      TEXT        NOT NULL,
    path           TEXT,
    size           BIGINT,
    sha256         TEXT,
    message        TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX report_version ON report (window_id, coalesce(org_code, ''), format, version);
CREATE INDEX report_latest ON report (window_id, org_code, format, id DESC);
