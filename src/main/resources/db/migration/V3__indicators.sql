-- Computed indicators (SPEC §4.5), kept with the computation that produced them so reports and
-- the API read them without recomputing, and each figure can be traced to the data behind it.
CREATE TABLE computation (
    id           BIGSERIAL PRIMARY KEY,
    window_id    TEXT        NOT NULL,
    from_date    DATE        NOT NULL,
    to_date      DATE        NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_run_id  BIGINT,                -- the newest import run whose data it saw
    dossiers     BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX computation_window ON computation (window_id, id DESC);

CREATE TABLE indicator_value (
    computation_id BIGINT NOT NULL REFERENCES computation (id) ON DELETE CASCADE,
    org_code       TEXT   NOT NULL,
    indicator      TEXT   NOT NULL,
    numerator      BIGINT NOT NULL,
    denominator    BIGINT,             -- NULL for counts
    PRIMARY KEY (computation_id, org_code, indicator)
);

CREATE TABLE officer_stat (
    computation_id BIGINT NOT NULL REFERENCES computation (id) ON DELETE CASCADE,
    org_code       TEXT   NOT NULL,
    officer        TEXT   NOT NULL,
    resolved       BIGINT NOT NULL,
    late           BIGINT NOT NULL,
    PRIMARY KEY (computation_id, org_code, officer)
);
