package vn.chiso.schedule;

import vn.chiso.calendar.ReportingWindow;

/**
 * Renders and archives every report of a window — the province summary and each unit's, in every
 * format the archive keeps. The reports job calls it when a window closes (the 15th of its last
 * month, SPEC §2), after recomputing the window. Implemented by the reports feature; while no bean
 * implements it, the reports job records its runs as failed, to be restarted once one does.
 */
public interface ReportGeneration {

    void generateAll(ReportingWindow window) throws Exception;
}
