-- Lateness by date or by instant (SPEC §4.3, setting chiso.lateness), dossiers never received (§3.1),
-- dossiers marked paid online (§3.1, §4.5), and one rule for whether a computation is still current.

-- A NOT_RECEIVED dossier may have no receipt time; it is stored and counted in nothing.
ALTER TABLE dossier ALTER COLUMN received_at DROP NOT NULL;

ALTER TABLE dossier
    -- the export marks it paid online (DuocThanhToanTrucTuyen = 1): it counts as paid online without a payment
    ADD COLUMN paid_online          BOOLEAN NOT NULL DEFAULT false,
    -- its completed_at had no time of day (stored as 00:00 of its day): by instant it is then compared as a
    -- date. Rows stored before this migration cannot tell and read false; ingesting their export again sets it.
    ADD COLUMN completed_date_only  BOOLEAN NOT NULL DEFAULT false,
    -- DossierFacts.Derived.overdueAfter: in process at a window's end e, the dossier is overdue there when
    -- overdue_after < e (by date 24:00 of its due date, by instant its due instant; NULL: never overdue,
    -- as with its clock stopped). due_working_minute is now this instant's working minute.
    ADD COLUMN overdue_after        TIMESTAMPTZ;

-- Every stored dossier's facts are derived again by the next computation: the facts' basis now includes
-- the lateness setting, so none of the stored bases matches (rows of another basis are derived again).

-- The late list reads the dossiers overdue at a window's end by overdue_after now (V23 read effective_due_at).
DROP INDEX dossier_late;
DROP INDEX dossier_open;
CREATE INDEX dossier_late ON dossier (completed_at, overdue_after) WHERE (flags & 128) <> 0;
CREATE INDEX dossier_open ON dossier (overdue_after) WHERE (flags & 9) = 0;

-- Dossiers marked paid online, per month (MonthCube.COUNTS); the months are built again from the dossiers.
ALTER TABLE dossier_month ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
TRUNCATE dossier_month;
UPDATE dossier_month_state SET current = false, basis = NULL;

-- What a computation was made with, printed on its reports, and what it saw:
-- lateness  'date' or 'instant'; computations before this migration judged by instant;
-- fact_basis  the dossier facts' basis (calendar, processing times, office hours, lateness);
-- snapshot  the transactions whose data its counts could see (txid_current_snapshot() before it counted).
ALTER TABLE computation
    ADD COLUMN lateness    TEXT,
    ADD COLUMN fact_basis  INTEGER,
    ADD COLUMN snapshot    txid_snapshot;
UPDATE computation SET lateness = 'instant';
ALTER TABLE computation ALTER COLUMN lateness SET NOT NULL;

-- The transaction that marked a run STORED, which is the one that stored its rows or commits after it:
-- a computation whose snapshot does not see it did not count the run's data (vn.chiso.indicators.Computations).
ALTER TABLE import_run ADD COLUMN stored_xid BIGINT;

CREATE FUNCTION import_run_stored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'STORED' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'STORED') THEN
        NEW.stored_xid := txid_current();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER import_run_stored BEFORE INSERT OR UPDATE OF status ON import_run
    FOR EACH ROW EXECUTE FUNCTION import_run_stored();
