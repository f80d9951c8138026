package vn.chiso.orgunit;

import java.time.LocalDate;

/**
 * One row of the org units' reference data (SPEC §3.5): a unit as it was from {@code validFrom} to
 * {@code validTo} (null: open), and the unit that took its work over when it ended. A code may have
 * several rows with disjoint validity.
 */
public record OrgUnit(String code, String name, String parentCode, Level level, LocalDate validFrom, LocalDate validTo,
                      String replacedBy) {

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    /** Whether the row ended before the day. */
    boolean endedBefore(LocalDate day) {
        return validTo != null && validTo.isBefore(day);
    }

    /** The unit's name, or its code when the reference data give none. */
    public String label() {
        return name == null || name.isBlank() ? code : name;
    }
}
