-- A catalogue entry's code without its province suffix (vn.chiso.procedure.ProcedureCodes.base): a
-- dossier's code finds its entry exactly, else by this base, so that after the provinces merged
-- (1/7/2025) "1.004227.000.00.00.H56" of one former province finds the catalogue's
-- "1.004227.000.00.00.H12". The expression is ProcedureCodes.baseSql's; ProcedureCodesTest checks it.
ALTER TABLE procedure
    ADD COLUMN base_code TEXT GENERATED ALWAYS AS (regexp_replace(procedure_code, '^(.+)\.[Hh][0-9]+$', '\1')) STORED;

-- One index lookup per code looked up, the smallest code first (ProcedureCodes.entrySql).
CREATE INDEX procedure_base_code ON procedure (base_code, procedure_code COLLATE "C");
