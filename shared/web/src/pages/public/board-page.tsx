import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { NOTICE_TYPE_LABELS, PROCUREMENT_METHOD_LABELS } from '../../../../schemas/labels';
import { NOTICE_TYPES } from '../../../../schemas/notice';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { CursorPager, PublicFilterBar, useUrlFilters } from '../../components/public-filters';

import { PublicRows } from '../../components/public-rows';
import { NoticeTypeTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import { listNotices, NOTICE_FILTER_KEYS } from '../../services/public';

/** The tab of every notice kind. */
const ALL = 'all';

/**
 * 交易公告: the public notice feed by kind, with the filters the API accepts, kept in the URL, and
 * cursor paging; each notice links to its tender.
 */
export function BoardPage() {
  const state = useUrlFilters();
  const { filters } = state;
  const notices = useQuery({
    queryKey: ['notices', filters],
    queryFn: ({ signal }) => listNotices(filters, signal),
    placeholderData: keepPreviousData,
  });
  const active =
    filters.type && (NOTICE_TYPES as readonly string[]).includes(filters.type) ? filters.type : ALL;
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'cursor' && value);

  const list = notices.isPending ? (
    <PageLoading label="正在加载公告…" />
  ) : notices.isError ? (
    <ProblemAlert error={notices.error} />
  ) : (
    <>
      <PublicRows
        items={notices.data.items}
        rowKey={(n) => n.id}
        label="公告列表"
        empty={
          filtered
            ? '没有符合筛选条件的公告，请调整或清除筛选。'
            : '暂无公告。采购人发布采购公告后会显示在这里。'
        }
        render={(n) => ({
          title: (
            <>
              <NoticeTypeTag type={n.type} />
              <Link to={`/tenders/${n.tenderId}`}>{n.title}</Link>
            </>
          ),
          facts: [
            `采购单位：${n.purchasingUnitName}`,
            `采购方式：${PROCUREMENT_METHOD_LABELS[n.method].zh}`,
            <time key="at" dateTime={n.publishedAt}>
              发布时间：{showBeijing(n.publishedAt)}（北京时间）
            </time>,
          ],
        })}
      />
      <CursorPager state={state} nextCursor={notices.data.nextCursor} />
    </>
  );

  return (
    <>
      <h1 className="page-title">交易公告</h1>
      <p className="page-lead">
        本平台发布的采购公告、更正公告、终止公告、结果公告等，按发布时间从新到旧排列。点击标题查看项目详情与采购文件。
      </p>
      {/* A plain panel, not antd's Card: Card brings Tabs, Menu and Skeleton to the first load (~24 KB gzipped). */}
      <section className="panel" aria-label="公告">
        <PublicFilterBar
          accepted={new Set([...NOTICE_FILTER_KEYS].filter((k) => k !== 'type'))}
          state={state}
        />
        <h2 className="section-title">公告列表</h2>
        {/* The kinds as links (each a filtered URL), not antd's Tabs: those bring a dropdown and a menu to the first load. */}
        <nav aria-label="公告类型" className="kind-links">
          {[ALL, ...NOTICE_TYPES].map((key) => {
            const current = key === active;
            const { type: _type, cursor: _cursor, ...rest } = filters;
            const search = new URLSearchParams(
              Object.entries(key === ALL ? rest : { ...rest, type: key }).filter(
                (entry): entry is [string, string] => Boolean(entry[1]),
              ),
            ).toString();
            return (
              <Link
                key={key}
                to={{ pathname: '/', search: search ? `?${search}` : '' }}
                className={current ? 'kind-link is-current' : 'kind-link'}
                {...(current ? { 'aria-current': 'page' as const } : {})}
              >
                {key === ALL ? '全部' : NOTICE_TYPE_LABELS[key as keyof typeof NOTICE_TYPE_LABELS]}
              </Link>
            );
          })}
        </nav>
        {list}
      </section>
    </>
  );
}
