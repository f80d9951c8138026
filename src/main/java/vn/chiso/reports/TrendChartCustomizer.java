package vn.chiso.reports;

import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;

import net.sf.jasperreports.charts.JRAbstractChartCustomizer;
import net.sf.jasperreports.charts.JRChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;

/**
 * The monthly trend's axes: the rate axis from {@code AXIS_MIN} to just above 100% so that lines near
 * the top are not pressed against the border and the markers at 100% are not cut; every month
 * labelled, slanted when a year's twelve do not fit side by side.
 */
public class TrendChartCustomizer extends JRAbstractChartCustomizer {

    /** Room above 100% for the markers, in percentage points. */
    private static final double HEADROOM = 1.5;

    @Override
    public void customize(JFreeChart chart, JRChart jasperChart) {
        CategoryPlot plot = chart.getCategoryPlot();
        double min = ((Number) getParameterValue("AXIS_MIN")).doubleValue();
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(min, 100 + HEADROOM);
        double span = 100 - min;
        DecimalFormat percent = new DecimalFormat("0'%'", DecimalFormatSymbols.getInstance(PdfReports.VIETNAMESE));
        range.setTickUnit(new NumberTickUnit(span <= 20 ? 5 : span <= 50 ? 10 : 20, percent));
        CategoryAxis months = plot.getDomainAxis();
        Font font = months.getTickLabelFont();
        months.setTickLabelFont(font.deriveFont(7f));
        months.setMaximumCategoryLabelWidthRatio(1.5f);
        if (plot.getCategories().size() > 6) {
            months.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
    }
}
