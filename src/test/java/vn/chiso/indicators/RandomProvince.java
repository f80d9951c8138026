package vn.chiso.indicators;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A province's exports made up from a seed: a three-level hierarchy of eight units (plus an agency the
 * reference data does not know), a few procedures (one missing from the catalogue), holidays and a
 * make-up Saturday, a few hundred dossiers from October 2023 to December 2024 with every status,
 * channel and flag, some without a due date or with a date-only one, payments, evaluations and
 * feedback. Times are local; about one in ten is a bare date (midnight). About one dossier in twenty
 * was never received (half of those without a receipt time or due date), one in five is marked paid
 * online; withdrawn and cancelled ones may lack a due date even for a procedure of unknown time.
 */
record RandomProvince(Map<String, String> parents, List<Procedure> procedures, Set<LocalDate> holidays,
                      Set<LocalDate> workdays, List<Dossier> dossiers, List<Payment> payments,
                      List<Evaluation> evaluations, List<Feedback> feedback) {

    static final String UNKNOWN_AGENCY = "UNKNOWN";
    static final String NOT_IN_CATALOGUE = "PX";

    record Procedure(String code, int processingDays, String onlineLevel, boolean feeBearing, boolean documentResult,
                     boolean postalEnabled) {
    }

    record Dossier(String code, String agency, String procedure, String channel, LocalDateTime submittedAt,
                   LocalDateTime receivedAt, LocalDateTime dueAt, LocalDate dueDate, LocalDateTime completedAt,
                   boolean completedDateOnly, String status, boolean digitized, boolean eResult, boolean dataReused,
                   boolean apologyIssued, int supplementRequests, String officer, boolean paidOnline) {
    }

    record Payment(String transactionId, String dossierCode, String status) {
    }

    record Evaluation(String id, String dossierCode, String agency, LocalDateTime evaluatedAt, String rating) {
    }

    record Feedback(String id, String agency, LocalDateTime receivedAt, LocalDateTime dueAt, LocalDateTime answeredAt,
                    String rating) {
    }

    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 10, 1);
    private static final int DAYS = 458;   // to 31/12/2024
    private static final String[] RESOLVED = {"RESOLVED", "RETURNED", "REFUSED"};
    private static final String[] IN_PROCESS = {"RECEIVED", "IN_PROGRESS", "WAITING_SUPPLEMENT", "PAUSED"};

    static RandomProvince generate(long seed, int dossierCount) {
        Random random = new Random(seed);
        Random more = new Random(seed * 31 + 1); // what later rules added, leaving the first draws as they were
        Map<String, String> parents = new LinkedHashMap<>();
        parents.put("PROV", null);
        parents.put("D1", "PROV");
        parents.put("D2", "PROV");
        parents.put("D3", "PROV");
        parents.put("C11", "D1");
        parents.put("C12", "D1");
        parents.put("C21", "D2");
        parents.put("C31", "D3");
        List<String> agencies = new ArrayList<>(parents.keySet());
        agencies.add(UNKNOWN_AGENCY);

        List<Procedure> procedures = List.of(
                new Procedure("PA", 0, "FULL", true, true, true),
                new Procedure("PB", 3, "PARTIAL", false, true, false),
                new Procedure("PC", 10, "NONE", true, false, true),
                new Procedure("PD", 1, "FULL", false, true, true),
                new Procedure("PE", 5, "PARTIAL", true, true, false));
        List<String> procedureCodes = new ArrayList<>(procedures.stream().map(Procedure::code).toList());
        procedureCodes.add(NOT_IN_CATALOGUE);

        Set<LocalDate> holidays = Set.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 8), LocalDate.of(2024, 2, 9),
                LocalDate.of(2024, 2, 12), LocalDate.of(2024, 2, 13), LocalDate.of(2024, 2, 14), LocalDate.of(2024, 4, 18),
                LocalDate.of(2024, 4, 29), LocalDate.of(2024, 4, 30), LocalDate.of(2024, 5, 1), LocalDate.of(2024, 9, 2),
                LocalDate.of(2024, 9, 3));
        Set<LocalDate> workdays = Set.of(LocalDate.of(2024, 5, 4), LocalDate.of(2023, 12, 30));

        List<Dossier> dossiers = new ArrayList<>();
        for (int i = 0; i < dossierCount; i++) {
            String procedure = pick(random, procedureCodes);
            LocalDateTime received = instant(random, FIRST_DAY.plusDays(random.nextInt(DAYS)));
            String channel = pick(random, List.of("ONLINE", "ONLINE", "ONLINE", "DIRECT", "DIRECT", "POSTAL"));
            LocalDateTime submitted = (channel.equals("ONLINE") && random.nextInt(10) < 7) || random.nextInt(20) == 0
                    ? received.minusMinutes(random.nextInt(4 * 24 * 60)) : null;
            LocalDateTime dueAt = null;
            LocalDate dueDate = null;
            if (procedure.equals(NOT_IN_CATALOGUE) || random.nextInt(10) < 7) {
                dueDate = received.toLocalDate().plusDays(random.nextInt(21));
                dueAt = random.nextBoolean() ? dueDate.atTime(17, 0) : dueDate.plusDays(1).atStartOfDay();
            }
            int kind = random.nextInt(100);
            String status;
            LocalDateTime completed = null;
            boolean completedDateOnly = false;
            if (kind < 50) {
                status = pick(random, List.of(RESOLVED));
                completed = received.plusMinutes(random.nextInt(40 * 24 * 60));
                LocalDateTime dateOnly = completed.toLocalDate().atStartOfDay();
                if (random.nextInt(10) == 0 && !dateOnly.isBefore(received)) {
                    completed = dateOnly;
                    completedDateOnly = more.nextBoolean(); // else a time of day that happens to be midnight
                }
            } else if (kind < 85) {
                status = pick(random, List.of(IN_PROCESS));
            } else {
                status = random.nextBoolean() ? "WITHDRAWN" : "CANCELLED";
                if (more.nextInt(3) == 0) {
                    dueAt = null;
                    dueDate = null;
                }
            }
            LocalDateTime receivedAt = received;
            if (more.nextInt(20) == 0) {
                status = "NOT_RECEIVED";
                completed = null;
                completedDateOnly = false;
                if (more.nextBoolean()) {
                    receivedAt = null;
                    dueAt = null;
                    dueDate = null;
                }
            }
            dossiers.add(new Dossier("R" + seed + "-" + i, pick(random, agencies), procedure, channel, submitted, receivedAt,
                    dueAt, dueDate, completed, completedDateOnly, status, random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean(), random.nextBoolean(), random.nextInt(4),
                    random.nextInt(5) == 0 ? null : "Cán bộ " + random.nextInt(4), more.nextInt(5) == 0));
        }

        List<Payment> payments = new ArrayList<>();
        for (Dossier d : dossiers) {
            if (random.nextInt(10) < 4) {
                for (int t = random.nextInt(2); t >= 0; t--) {
                    payments.add(new Payment("T" + payments.size() + "-" + d.code(), d.code(),
                            pick(random, List.of("SUCCESS", "SUCCESS", "FAILED", "REFUNDED"))));
                }
            }
        }

        List<String> evaluationAgencies = new ArrayList<>(agencies);
        evaluationAgencies.add("EVALUATED_ONLY");
        List<Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < dossierCount / 3; i++) {
            Dossier d = pick(random, dossiers);
            String agency = random.nextBoolean() ? null : pick(random, evaluationAgencies);
            String dossier = random.nextInt(10) == 0 ? "NO-SUCH-DOSSIER" : d.code();
            evaluations.add(new Evaluation("E" + i, dossier, agency, instant(random, FIRST_DAY.plusDays(random.nextInt(DAYS))),
                    pick(random, List.of("VERY_SATISFIED", "SATISFIED", "NEUTRAL", "DISSATISFIED"))));
        }

        List<Feedback> feedback = new ArrayList<>();
        for (int i = 0; i < dossierCount / 4; i++) {
            LocalDateTime received = instant(random, FIRST_DAY.plusDays(random.nextInt(DAYS)));
            LocalDateTime due = random.nextInt(10) == 0 ? null : received.plusDays(15);
            LocalDateTime answered = random.nextInt(4) == 0 ? null : received.plusMinutes(random.nextInt(30 * 24 * 60));
            String rating = answered == null || random.nextInt(10) < 3 ? null : random.nextInt(4) == 0 ? "DISSATISFIED" : "SATISFIED";
            String agency = random.nextInt(15) == 0 ? null : pick(random, agencies);
            feedback.add(new Feedback("F" + seed + "-" + i, agency, received, due, answered, rating));
        }
        return new RandomProvince(parents, procedures, holidays, workdays, dossiers, payments, evaluations, feedback);
    }

    /** Every unit the export must show: the reference data's and every agency code in the data. */
    Set<String> units() {
        Set<String> units = new TreeSet<>(parents.keySet());
        dossiers.forEach(d -> units.add(d.agency()));
        evaluations.stream().map(Evaluation::agency).filter(a -> a != null).forEach(units::add);
        feedback.stream().map(Feedback::agency).filter(a -> a != null).forEach(units::add);
        return units;
    }

    Procedure procedure(String code) {
        return procedures.stream().filter(p -> p.code().equals(code)).findFirst().orElse(null);
    }

    void insert(JdbcTemplate jdbc) {
        parents.forEach((code, parent) -> IndicatorFixtures.orgUnit(jdbc, code, parent));
        for (Procedure p : procedures) {
            jdbc.update("""
                    INSERT INTO procedure (procedure_code, processing_days, online_level, fee_bearing, document_result,
                                           postal_enabled, exported_at, run_id, line)
                    VALUES (?, ?, ?, ?, ?, ?, now(), 1, 1)""",
                    p.code(), p.processingDays(), p.onlineLevel(), p.feeBearing(), p.documentResult(), p.postalEnabled());
        }
        holidays.forEach(d -> IndicatorFixtures.holiday(jdbc, d.toString()));
        workdays.forEach(d -> IndicatorFixtures.workday(jdbc, d.toString()));
        jdbc.batchUpdate("""
                INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, submitted_at, received_at, due_at,
                                     due_date, completed_at, completed_date_only, status, digitized, e_result, data_reused,
                                     apology_issued, supplement_requests, officer, paid_online, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 1, 1)""",
                dossiers.stream().map(d -> new Object[] {d.code(), d.procedure(), d.agency(), d.channel(), ts(d.submittedAt()),
                        ts(d.receivedAt()), ts(d.dueAt()), d.dueDate(), ts(d.completedAt()), d.completedDateOnly(), d.status(),
                        d.digitized(), d.eResult(), d.dataReused(), d.apologyIssued(), d.supplementRequests(), d.officer(),
                        d.paidOnline()}).toList());
        jdbc.batchUpdate("""
                INSERT INTO payment (transaction_id, dossier_code, amount, fee_type, status, exported_at, run_id, line)
                VALUES (?, ?, 10000, 'FEE', ?, now(), 1, 1)""",
                payments.stream().map(p -> new Object[] {p.transactionId(), p.dossierCode(), p.status()}).toList());
        jdbc.batchUpdate("""
                INSERT INTO evaluation (evaluation_id, dossier_code, agency_code, evaluated_at, rating, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, now(), 1, 1)""",
                evaluations.stream().map(e -> new Object[] {e.id(), e.dossierCode(), e.agency(), ts(e.evaluatedAt()), e.rating()}).toList());
        jdbc.batchUpdate("""
                INSERT INTO feedback (feedback_id, agency_code, received_at, due_at, answered_at, citizen_rating, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, ?, now(), 1, 1)""",
                feedback.stream().map(f -> new Object[] {f.id(), f.agency(), ts(f.receivedAt()), ts(f.dueAt()), ts(f.answeredAt()),
                        f.rating()}).toList());
        IndicatorFixtures.recordSeenAgencies(jdbc);
    }

    private static LocalDateTime instant(Random random, LocalDate day) {
        if (random.nextInt(10) == 0) {
            return day.atStartOfDay();
        }
        return day.atTime(LocalTime.of(6, 0).plusMinutes(random.nextInt(16 * 60)));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Timestamp ts(LocalDateTime local) {
        return local == null ? null : Timestamp.from(local.atOffset(DossierFixture.LOCAL).toInstant());
    }
}
