package vn.chiso.web;

import java.util.List;

/**
 * One page of a list a page shows a page at a time (a unit's late dossiers, the at-risk dossiers);
 * {@code page} counts from 1, {@code size} is the rows a page holds.
 */
record ListPage<T>(List<T> lines, int page, int pages, long total, int size) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    /** The number of the page's first row, from 1; 0 for an empty list. */
    public int first() {
        return total == 0 ? 0 : (page - 1) * size + 1;
    }

    public long last() {
        return Math.min(total, (long) page * size);
    }
}
