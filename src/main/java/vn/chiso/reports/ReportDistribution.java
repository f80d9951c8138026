package vn.chiso.reports;

import vn.chiso.calendar.ReportingWindow;

/**
 * Renders a window's reports in other processes (vn.chiso.remote, when RabbitMQ is configured);
 * without one they render in this process, as {@link ReportService#generate} always did.
 */
public interface ReportDistribution {

    /**
     * Has every report of {@link ReportService#reportCodes} rendered through
     * {@link ReportService#renderOnce} under the generation {@code run}; returns once all are
     * finished, or throws when they could not be.
     */
    void render(ReportingWindow window, ReportFormat format, String run);
}
