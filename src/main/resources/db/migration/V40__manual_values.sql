-- manual_values.csv (SPEC §6a): the rates of the national service index that the exports cannot give,
-- stated by an office for one window (window_id, a standard id such as 2024-Q1) or for a year (year:
-- every window ending in it). window_id is '' for a year's value and year is 0 for a window's, so that
-- both sit in one key. A rate as numerator and denominator, or as a value between 0 and 1.
CREATE TABLE manual_value (
    window_id    TEXT    NOT NULL DEFAULT '',
    year         INTEGER NOT NULL DEFAULT 0,
    agency_code  TEXT    NOT NULL,
    indicator    TEXT    NOT NULL,
    numerator    BIGINT,
    denominator  BIGINT,
    value        NUMERIC,
    exported_at  TIMESTAMPTZ NOT NULL,
    run_id       BIGINT NOT NULL,
    line         BIGINT NOT NULL,
    PRIMARY KEY (window_id, year, agency_code, indicator),
    CHECK ((window_id = '') <> (year = 0)),
    CHECK ((value IS NULL) <> (numerator IS NULL AND denominator IS NULL))
);
