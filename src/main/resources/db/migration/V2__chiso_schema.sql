-- chiso's own tables. Every stored fact keeps the import run and the export time it came from,
-- so that a newer export replaces an older one (SPEC §7) and every figure can be traced back.

CREATE TABLE import_run (
    id              BIGSERIAL PRIMARY KEY,
    file_name       TEXT        NOT NULL,
    file_path       TEXT        NOT NULL,
    file_size       BIGINT      NOT NULL,
    checksum        TEXT        NOT NULL,
    kind            TEXT,
    status          TEXT        NOT NULL,   -- STARTED, STORED, REFUSED, FAILED
    rows_read       BIGINT      NOT NULL DEFAULT 0,
    rows_stored     BIGINT      NOT NULL DEFAULT 0,
    rows_rejected   BIGINT      NOT NULL DEFAULT 0,
    message         TEXT,
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    heartbeat_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX import_run_checksum ON import_run (checksum);

CREATE TABLE import_reject (
    run_id   BIGINT NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    line     BIGINT NOT NULL,
    key      TEXT,
    column_name TEXT,
    value    TEXT,
    reason   TEXT   NOT NULL
);
CREATE INDEX import_reject_run ON import_reject (run_id, line);

CREATE TABLE import_warning (
    run_id   BIGINT NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    kind     TEXT   NOT NULL,              -- UNKNOWN_AGENCY, UNKNOWN_PROCEDURE
    code     TEXT   NOT NULL,
    rows     BIGINT NOT NULL,
    PRIMARY KEY (run_id, kind, code)
);

-- Reference data (SPEC §3.5)
CREATE TABLE org_unit (
    agency_code  TEXT PRIMARY KEY,
    name         TEXT,
    parent_code  TEXT,
    level        TEXT,
    exported_at  TIMESTAMPTZ NOT NULL,
    run_id       BIGINT NOT NULL,
    line         BIGINT NOT NULL
);

CREATE TABLE procedure (
    procedure_code  TEXT PRIMARY KEY,
    name            TEXT,
    field           TEXT,
    processing_days INTEGER,
    online_level    TEXT,
    fee_bearing     BOOLEAN,
    document_result BOOLEAN,
    postal_enabled  BOOLEAN,
    exported_at     TIMESTAMPTZ NOT NULL,
    run_id          BIGINT NOT NULL,
    line            BIGINT NOT NULL
);

CREATE TABLE holiday (
    day          DATE PRIMARY KEY,
    kind         TEXT NOT NULL,   -- HOLIDAY or WORKDAY
    name         TEXT,
    exported_at  TIMESTAMPTZ NOT NULL,
    run_id       BIGINT NOT NULL,
    line         BIGINT NOT NULL
);

CREATE TABLE target (
    year         INTEGER NOT NULL,
    agency_code  TEXT    NOT NULL DEFAULT '',   -- '' = every unit
    indicator    TEXT    NOT NULL,
    target       NUMERIC NOT NULL,
    exported_at  TIMESTAMPTZ NOT NULL,
    run_id       BIGINT NOT NULL,
    line         BIGINT NOT NULL,
    PRIMARY KEY (year, agency_code, indicator)
);

-- Facts (SPEC §3.1–3.4). A due value given as a bare date means the end of that day:
-- due_at then holds 24:00 of it and due_date the date itself (needed to tell early from on time).
CREATE TABLE dossier (
    dossier_code        TEXT PRIMARY KEY,
    procedure_code      TEXT NOT NULL,
    procedure_name      TEXT,
    agency_code         TEXT NOT NULL,
    agency_name         TEXT,
    channel             TEXT NOT NULL,
    submitted_at        TIMESTAMPTZ,
    received_at         TIMESTAMPTZ NOT NULL,
    due_at              TIMESTAMPTZ,
    due_date            DATE,
    rescheduled_due_at  TIMESTAMPTZ,
    completed_at        TIMESTAMPTZ,
    returned_at         TIMESTAMPTZ,
    status              TEXT NOT NULL,
    digitized           BOOLEAN NOT NULL DEFAULT false,
    e_result            BOOLEAN NOT NULL DEFAULT false,
    data_reused         BOOLEAN NOT NULL DEFAULT false,
    supplement_requests INTEGER NOT NULL DEFAULT 0,
    apology_issued      BOOLEAN NOT NULL DEFAULT false,
    inter_agency        BOOLEAN NOT NULL DEFAULT false,
    officer             TEXT,
    exported_at         TIMESTAMPTZ NOT NULL,
    run_id              BIGINT NOT NULL,
    line                BIGINT NOT NULL
);

CREATE TABLE payment (
    transaction_id  TEXT PRIMARY KEY,
    dossier_code    TEXT NOT NULL,
    agency_code     TEXT,
    procedure_code  TEXT,
    amount          BIGINT,
    fee_type        TEXT,
    paid_at         TIMESTAMPTZ,
    status          TEXT,
    provider        TEXT,
    exported_at     TIMESTAMPTZ NOT NULL,
    run_id          BIGINT NOT NULL,
    line            BIGINT NOT NULL
);
CREATE INDEX payment_dossier ON payment (dossier_code);

CREATE TABLE evaluation (
    evaluation_id   TEXT PRIMARY KEY,
    dossier_code    TEXT,
    agency_code     TEXT,
    evaluated_at    TIMESTAMPTZ NOT NULL,
    rating          TEXT NOT NULL,
    comment         TEXT,
    exported_at     TIMESTAMPTZ NOT NULL,
    run_id          BIGINT NOT NULL,
    line            BIGINT NOT NULL
);

CREATE TABLE feedback (
    feedback_id     TEXT PRIMARY KEY,
    agency_code     TEXT,
    received_at     TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ,
    answered_at     TIMESTAMPTZ,
    citizen_rating  TEXT,
    subject         TEXT,
    exported_at     TIMESTAMPTZ NOT NULL,
    run_id          BIGINT NOT NULL,
    line            BIGINT NOT NULL
);
