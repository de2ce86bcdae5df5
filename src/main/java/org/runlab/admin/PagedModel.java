package org.runlab.admin;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A lazy DataTable model that asks its page for one page of rows at a time (a count and a
 * bounded, sorted query), so a table over a large ledger never reads it whole.
 */
final class PagedModel<T> extends LazyDataModel<T> {
  private static final long serialVersionUID = 1L;

  /** Loads {@code max} rows from {@code first}, sorted by {@code field} (null: the default order). */
  interface Pager<T> extends java.io.Serializable {
    List<T> page(int first, int max, String field, boolean ascending);

    long count();
  }

  /** A row's stable key. */
  interface Key<T> extends Function<T, String>, java.io.Serializable {}

  private final Pager<T> pager;
  private final Key<T> key;

  PagedModel(Pager<T> pager, Key<T> key) {
    this.pager = pager;
    this.key = key;
  }

  @Override
  public int count(Map<String, FilterMeta> filters) {
    return (int) Math.min(Integer.MAX_VALUE, pager.count());
  }

  @Override
  public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filters) {
    String field = null;
    boolean ascending = false;
    for (SortMeta s : sortBy.values()) {
      if (!s.getOrder().isUnsorted()) {
        field = s.getField();
        ascending = s.getOrder().isAscending();
      }
    }
    return pager.page(first, pageSize, field, ascending);
  }

  @Override
  public String getRowKey(T row) {
    return key.apply(row);
  }

  @Override
  public T getRowData(String rowKey) {
    List<T> rows = getWrappedData();
    return rows == null ? null : rows.stream().filter(r -> key.apply(r).equals(rowKey)).findFirst().orElse(null);
  }
}
