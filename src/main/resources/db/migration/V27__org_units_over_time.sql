-- Org units over time (SPEC §3.5, §4.6): a unit's first and last day and the unit that took its work
-- over. A code may have several rows with disjoint validity (a commune moved from its district to the
-- province on 1/7/2025 keeps its code and gets a new row), so the key is the code and its first day.
ALTER TABLE org_unit
    ADD COLUMN valid_from  DATE,
    ADD COLUMN valid_to    DATE,
    ADD COLUMN replaced_by TEXT;
ALTER TABLE org_unit DROP CONSTRAINT org_unit_pkey;
CREATE UNIQUE INDEX org_unit_key ON org_unit (agency_code, (coalesce(valid_from, '-infinity'::date)));

-- The day whose units a computation counts over: its window's last day, or for the comparison of a
-- report with the previous window (and its months), the reported window's, so that both count the
-- same units (SPEC §4.6).
ALTER TABLE computation ADD COLUMN units_on DATE;
UPDATE computation SET units_on = to_date;
ALTER TABLE computation ALTER COLUMN units_on SET NOT NULL;

-- Which former units' dossiers a computation counted for which unit, and how many: what a report's
-- "gồm số liệu của: …" line says, traceable to the dossiers' own codes.
CREATE TABLE computation_unit_source (
    computation_id BIGINT NOT NULL REFERENCES computation (id) ON DELETE CASCADE,
    org_code       TEXT   NOT NULL,
    former_code    TEXT   NOT NULL,
    dossiers       BIGINT NOT NULL,
    PRIMARY KEY (computation_id, org_code, former_code)
);
