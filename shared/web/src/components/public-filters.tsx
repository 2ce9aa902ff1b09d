import { Button, Space } from 'antd';
import './public-filters.css';
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  CATEGORY_LABELS,
  PROCUREMENT_METHOD_LABELS,
  TENDER_STATUS_LABELS,
  TRADE_TYPE_LABELS,
} from '../../../schemas/labels';
import type { PublicFilters } from '../services/public';

/** The keys a public list keeps in the URL. */
const FILTER_KEYS = ['type', 'status', 'method', 'category', 'tradeType', 'q', 'cursor'] as const;

/** What the history entry of a list page carries: the cursors of the pages before this one. */
interface PagerState {
  cursors?: (string | null)[];
}

/** A list page's filters and cursor paging, kept in the URL (shareable) and history (上一页). */
export interface UrlFilters {
  /** The filters and the cursor as the URL has them. */
  filters: PublicFilters;
  /** Sets one filter (or clears it with undefined) and goes back to the first page. */
  setFilter(key: Exclude<keyof PublicFilters, 'cursor'>, value: string | undefined): void;
  /** Clears every filter. */
  clearFilters(): void;
  /** Goes to the page after this one. */
  goNext(cursor: string): void;
  /** Goes to the page before this one (the first page when the history has none). */
  goPrevious(): void;
  /** Whether there is a page before this one. */
  hasPrevious: boolean;
  /** The page number, from 1. */
  pageNumber: number;
}

/**
 * Reads and writes a public list's filters in the URL query, and keeps the stack of earlier cursors
 * in the history entry's state.
 *
 * Why the URL: a filtered board can be shared as a link and the browser's back button restores it.
 */
export function useUrlFilters(): UrlFilters {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const cursors = useMemo(() => (location.state as PagerState | null)?.cursors ?? [], [location.state]);
  const filters = useMemo(() => {
    const read: PublicFilters = {};
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) read[key] = value;
    }
    return read;
  }, [params]);
  const go = useCallback(
    (next: PublicFilters, stack: (string | null)[]) => {
      const search = new URLSearchParams();
      for (const key of FILTER_KEYS) {
        const value = next[key];
        if (value) search.set(key, value);
      }
      const text = search.toString();
      navigate(
        { pathname: location.pathname, search: text ? `?${text}` : '' },
        { state: { cursors: stack } },
      );
    },
    [navigate, location.pathname],
  );
  return {
    filters,
    setFilter: (key, value) => {
      const { cursor: _cursor, ...rest } = filters;
      go({ ...rest, [key]: value?.trim() || undefined }, []);
    },
    clearFilters: () => go({}, []),
    goNext: (cursor) => go({ ...filters, cursor }, [...cursors, filters.cursor ?? null]),
    goPrevious: () => {
      const previous = cursors.at(-1) ?? null;
      go({ ...filters, cursor: previous ?? undefined }, cursors.slice(0, -1));
    },
    hasPrevious: Boolean(filters.cursor),
    pageNumber: filters.cursor ? Math.max(cursors.length, 1) + 1 : 1,
  };
}

/** The options of a label table, in its own order, Chinese names. */
function optionsOf(labels: Readonly<Record<string, { zh: string }>>, skip: string[] = []) {
  return Object.entries(labels)
    .filter(([value]) => !skip.includes(value))
    .map(([value, label]) => ({ value, label: label.zh }));
}

/** Which filters a list offers. */
type FilterKey = 'status' | 'method' | 'category' | 'tradeType' | 'q';

/** The filter bar's fields: label, and the options of each select. */
const FIELDS: Record<
  Exclude<FilterKey, 'q'>,
  { label: string; options: { value: string; label: string }[] }
> = {
  status: { label: '项目状态', options: optionsOf(TENDER_STATUS_LABELS, ['draft']) },
  method: { label: '采购方式', options: optionsOf(PROCUREMENT_METHOD_LABELS) },
  category: { label: '品目类别', options: optionsOf(CATEGORY_LABELS) },
  tradeType: { label: '交易类型', options: optionsOf(TRADE_TYPE_LABELS) },
};

/**
 * The filter bar of a public list: a select per accepted filter and a title search, each with a
 * visible label; changes go to the URL at once.
 *
 * Why native controls, not antd's Form/Select/Input: they are the board's whole first load (about
 * 80 KB gzipped of form, select and virtual-list code); a native select is also what a phone user
 * expects, and the browser gives it keyboard and screen-reader support for free.
 */
export function PublicFilterBar({
  accepted,
  state,
  searchLabel = '标题搜索',
}: {
  accepted: ReadonlySet<string>;
  state: UrlFilters;
  searchLabel?: string;
}) {
  const selects = (Object.keys(FIELDS) as Exclude<FilterKey, 'q'>[]).filter((key) => accepted.has(key));
  const { filters } = state;
  const anySet = [...selects, 'q' as const].some((key) => filters[key]);
  return (
    <search aria-label="筛选条件" className="filter-bar">
      {selects.map((key) => (
        <div key={key} className="filter-field">
          <label htmlFor={`filter-${key}`}>{FIELDS[key].label}</label>
          <select
            id={`filter-${key}`}
            className="filter-control"
            // 全部 is an option, not a placeholder: placeholder grey fails contrast (WCAG 1.4.3).
            value={filters[key] ?? ''}
            onChange={(event) => state.setFilter(key, event.target.value || undefined)}
          >
            <option value="">全部</option>
            {FIELDS[key].options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {accepted.has('q') && (
        <form
          // Beside three selects the search takes the fourth column on a wide screen; otherwise half a row.
          className={
            selects.length % 4 === 3 ? 'filter-field filter-search is-fourth' : 'filter-field filter-search'
          }
          onSubmit={(event) => {
            event.preventDefault();
            const value = new FormData(event.currentTarget).get('q');
            state.setFilter('q', typeof value === 'string' ? value : undefined);
          }}
        >
          <label htmlFor="filter-q">{searchLabel}</label>
          <span className="filter-search-row">
            <input
              // The key resets the box when the URL's q changes (back button, 清除筛选).
              key={filters.q ?? ''}
              id="filter-q"
              name="q"
              type="search"
              className="filter-control"
              defaultValue={filters.q}
              maxLength={100}
              enterKeyHint="search"
            />
            <Button type="primary" htmlType="submit">
              搜索
            </Button>
          </span>
        </form>
      )}
      {anySet && (
        <div className="filter-field filter-clear">
          <Button onClick={state.clearFilters}>清除筛选</Button>
        </div>
      )}
    </search>
  );
}

/** 上一页 / 下一页 under a cursor-paged list, with the page number. */
export function CursorPager({ state, nextCursor }: { state: UrlFilters; nextCursor: string | null }) {
  if (!state.hasPrevious && !nextCursor) return null;
  return (
    <nav aria-label="分页" style={{ marginTop: 16, textAlign: 'center' }}>
      <Space wrap>
        <Button disabled={!state.hasPrevious} onClick={state.goPrevious}>
          上一页
        </Button>
        <span>第 {state.pageNumber} 页</span>
        <Button disabled={!nextCursor} onClick={() => nextCursor && state.goNext(nextCursor)}>
          下一页
        </Button>
      </Space>
    </nav>
  );
}
