package vn.chiso.reports;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import net.sf.jasperreports.engine.JRRewindableDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRField;

/**
 * A JasperReports data source over a list of records: a template's field {@code x} reads the
 * record's public {@code x()} (commons-beanutils, behind Jasper's bean data source, knows no records).
 * Instants are handed over as {@link Date}s, which Jasper's date patterns format in the report's
 * time zone.
 */
final class RecordDataSource implements JRRewindableDataSource {

    private final List<? extends Record> list;
    private Iterator<? extends Record> rows;
    private final Map<String, Method> accessors = new HashMap<>();
    private Record current;

    RecordDataSource(List<? extends Record> rows) {
        this.list = rows;
        this.rows = rows.iterator();
        if (!rows.isEmpty()) {
            for (Method method : rows.get(0).getClass().getMethods()) {
                if (method.getParameterCount() == 0 && method.getDeclaringClass() != Object.class) {
                    accessors.put(method.getName(), method);
                }
            }
        }
    }

    /** Back to the first row: a section kept whole on a page is filled again on the next when it does not fit. */
    @Override
    public void moveFirst() {
        rows = list.iterator();
        current = null;
    }

    @Override
    public boolean next() {
        current = rows.hasNext() ? rows.next() : null;
        return current != null;
    }

    @Override
    public Object getFieldValue(JRField field) throws JRException {
        Method accessor = accessors.get(field.getName());
        if (accessor == null) {
            throw new JRException("no component " + field.getName() + " in " + current.getClass().getSimpleName());
        }
        try {
            Object value = accessor.invoke(current);
            return value instanceof Instant instant ? Date.from(instant) : value;
        } catch (ReflectiveOperationException e) {
            throw new JRException(e);
        }
    }
}
