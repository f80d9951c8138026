-- The stored dossiers counted by reporting month (vn.chiso.indicators.MonthCube): a standard window
-- is a run of whole months (15th to 14th), so its grain is summed from these rows instead of counted
-- from every dossier. Months are numbered year * 12 + month of the 14th that ends them; a dossier
-- never settled, or never due, has month 2147483647 there. Count columns: MonthCube.COUNTS. A key
-- may have several rows: an ingest appends its own counts, a computation sums them, and building the
-- months again leaves one row per key.
CREATE TABLE dossier_month (
    agency_code       TEXT    NOT NULL,
    procedure_code    TEXT    NOT NULL,
    officer           TEXT    NOT NULL,  -- '' for none
    received_month    INTEGER NOT NULL,
    settled_month     INTEGER NOT NULL,
    due_month         INTEGER NOT NULL,
    n                 INTEGER NOT NULL,
    live              INTEGER NOT NULL,
    online            INTEGER NOT NULL,
    postal            INTEGER NOT NULL,
    multi_supplement  INTEGER NOT NULL,
    late              INTEGER NOT NULL,
    early             INTEGER NOT NULL,
    late_apology      INTEGER NOT NULL,
    digitized         INTEGER NOT NULL,
    reused            INTEGER NOT NULL,
    e_result          INTEGER NOT NULL,
    apology           INTEGER NOT NULL,
    intake            INTEGER NOT NULL,
    intake_8h         INTEGER NOT NULL,
    withdrawn         INTEGER NOT NULL,
    cancelled         INTEGER NOT NULL
);

-- Whether dossier_month says what the dossiers say, and with the facts of which basis
-- (dossier.fact_basis). One row; its lock orders whoever changes the dossiers before whoever builds
-- the months again.
CREATE TABLE dossier_month_state (
    one      BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
    current  BOOLEAN NOT NULL,
    basis    INTEGER,
    version  BIGINT  NOT NULL DEFAULT 0, -- how many transactions have changed the dossiers
    changer  BIGINT                       -- the last of them (txid_current())
);
INSERT INTO dossier_month_state (current) VALUES (false);

-- Any statement that changes the dossiers marks the months out of date, and holds the state row until
-- its transaction ends: a computation meanwhile counts from the dossiers, and one building the months
-- again finishes before the change can mark them. An ingest that counted its rows itself adds them
-- and marks the months current again in the same transaction, if its own transaction is the only
-- change since it found them current (version).
CREATE FUNCTION dossier_month_outdated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One step of the version per transaction: an upsert fires both its INSERT and UPDATE triggers.
    UPDATE dossier_month_state
    SET current = false, version = version + CASE WHEN changer = txid_current() THEN 0 ELSE 1 END, changer = txid_current();
    RETURN NULL;
END
$$;
CREATE TRIGGER dossier_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dossier
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_month_outdated();
