package vn.chiso.ingest;

/** Why a row cannot be right: the column at fault, the value found and the reason (SPEC §7). */
record Problem(String column, String value, String reason) {
}
