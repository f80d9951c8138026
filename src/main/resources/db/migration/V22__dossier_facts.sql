-- Per-dossier facts that hold whatever the reporting window (SPEC §4.2–4.5), derived when a dossier
-- is stored (vn.chiso.indicators.DossierFacts), so that a window's computation is one pass of counts
-- over the dossiers. fact_basis fingerprints the calendar, processing times and office hours they were
-- derived with; rows of another basis (or none, as every row stored before this migration) are derived
-- again by the next computation.
ALTER TABLE dossier
    ADD COLUMN flags              INTEGER,      -- DossierFacts.Flag bits: status and channel classes, late, early, …
    ADD COLUMN effective_due_at   TIMESTAMPTZ,  -- due_at, else computed from the procedure's processing time
    ADD COLUMN intake_minutes     INTEGER,      -- working minutes from online submission to receipt
    ADD COLUMN due_working_minute BIGINT,       -- effective_due_at on the calendar's working-minute scale
    ADD COLUMN working_days_late  INTEGER,      -- for a dossier completed late
    ADD COLUMN fact_basis         INTEGER;

-- Every agency code a fact table has held, so that the indicator export lists every unit "seen in the
-- data" without scanning the facts; a computation still checks that a code outside its window occurs.
CREATE TABLE seen_agency (
    fact_table   TEXT NOT NULL,
    agency_code  TEXT NOT NULL,
    PRIMARY KEY (fact_table, agency_code)
);
INSERT INTO seen_agency
SELECT DISTINCT 'dossier', agency_code FROM dossier
UNION SELECT DISTINCT 'evaluation', agency_code FROM evaluation WHERE agency_code IS NOT NULL
UNION SELECT DISTINCT 'feedback', agency_code FROM feedback WHERE agency_code IS NOT NULL
UNION SELECT DISTINCT 'payment', agency_code FROM payment WHERE agency_code IS NOT NULL;

-- The few dossiers behind a window's late list: those completed late (flag LATE = 128) and those not
-- settled (flag SETTLED = 8 clear). DossierFacts.Flag numbers the bits; IndicatorSql.LATE names them.
CREATE INDEX dossier_late ON dossier (completed_at) WHERE (flags & 128) <> 0;
CREATE INDEX dossier_open ON dossier (effective_due_at) WHERE (flags & 8) = 0;
