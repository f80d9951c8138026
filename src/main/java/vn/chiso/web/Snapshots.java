package vn.chiso.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Score;
import vn.chiso.scoring.ScoringService;

/**
 * A window's indicators as of the data now: its latest stored computation while it is current
 * ({@link IndicatorEngine#isCurrent}), else a new one — so the API gives the numbers
 * {@code ./chiso compute} would.
 */
@Component
class Snapshots {

    private final IndicatorEngine engine;
    private final ScoringService scoring;
    private final Index766Service index766;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    Snapshots(IndicatorEngine engine, ScoringService scoring, Index766Service index766) {
        this.engine = engine;
        this.scoring = scoring;
        this.index766 = index766;
    }

    Computation current(ReportingWindow window) {
        // One compute per window at a time: requests arriving meanwhile take its result.
        synchronized (locks.computeIfAbsent(window.id(), id -> new Object())) {
            return engine.upToDate(window);
        }
    }

    List<IndicatorValue> values(ReportingWindow window) {
        return engine.values(current(window));
    }

    /**
     * A window's indicators over the units valid on {@code unitsOn}: a trend reads the months of a
     * window over the units of its end, so that they compare like with like (SPEC §4.6).
     */
    List<IndicatorValue> values(ReportingWindow window, LocalDate unitsOn) {
        if (unitsOn.equals(window.to())) {
            return values(window);
        }
        synchronized (locks.computeIfAbsent(window.id() + "@" + unitsOn, id -> new Object())) {
            return engine.values(engine.upToDate(window, unitsOn));
        }
    }

    /** The former units each unit's figures include, by unit (SPEC §4.6). */
    Map<String, List<String>> formerUnits(ReportingWindow window) {
        return engine.formerUnits(current(window));
    }

    /** The national service index's rows of the window (SPEC §6a): criteria, group subtotals and totals. */
    List<Index766Score> index766(ReportingWindow window) {
        Computation computation = current(window);
        return index766.score(computation, engine.values(computation));
    }

    /** Each unit's rank by its index total among the units of its level (SPEC §6a); none for a unit alone at its level. */
    Map<String, Index766Service.Rank> index766Ranks(ReportingWindow window, List<Index766Score> scores) {
        return index766.ranks(current(window), scores);
    }

    List<Score> scores(ReportingWindow window) {
        Computation computation = current(window);
        return scoring.score(computation, engine.values(computation));
    }
}
