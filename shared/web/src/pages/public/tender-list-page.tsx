import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { PROCUREMENT_METHOD_LABELS } from '../../../../schemas/labels';
import { Countdown } from '../../components/countdown';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { CursorPager, PublicFilterBar, useUrlFilters } from '../../components/public-filters';
import { PublicRows } from '../../components/public-rows';
import { TenderStatusTag } from '../../components/public-tags';
import { showWanYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { listTenders, TENDER_FILTER_KEYS } from '../../services/public';
import type { PublicTender } from '../../services/tender-types';

/** The tender's amount as the list shows it: 预算 for procurement, 起始价 for a rights transfer. */
function showAmount(tender: PublicTender): string {
  const { budgetFen, transfer } = tender.content;
  if (budgetFen !== undefined) return `预算：${showWanYuan(budgetFen)}`;
  if (transfer !== undefined) return `起始价：${showWanYuan(transfer.startPriceFen)}`;
  return '预算：未公布';
}

/**
 * 项目信息: published tenders with status, method, category and trade-type filters (in the URL),
 * each with its budget and bid deadline, counting down while bids are accepted.
 */
export function TenderListPage() {
  const state = useUrlFilters();
  const { filters } = state;
  const tenders = useQuery({
    queryKey: ['tenders', filters],
    queryFn: ({ signal }) => listTenders(filters, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'cursor' && value);

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        项目信息
      </Typography.Title>
      <Typography.Paragraph>
        已发布的采购项目及其进度。投标截止前显示剩余时间；截止时间以平台服务器时间为准。
      </Typography.Paragraph>
      <Card variant="outlined">
        <PublicFilterBar accepted={TENDER_FILTER_KEYS} state={state} searchLabel="项目名称搜索" />
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          项目列表
        </Typography.Title>
        {tenders.isPending ? (
          <PageLoading label="正在加载项目…" />
        ) : tenders.isError ? (
          <ProblemAlert error={tenders.error} />
        ) : (
          <>
            <PublicRows
              items={tenders.data.items}
              rowKey={(t) => t.id}
              label="项目列表"
              empty={filtered ? '没有符合筛选条件的项目，请调整或清除筛选。' : '暂无已发布的项目。'}
              render={(t) => ({
                title: <Link to={`/tenders/${t.id}`}>{t.content.title}</Link>,
                facts: [
                  <TenderStatusTag key="status" status={t.status} />,
                  `采购单位：${t.content.purchasingUnitName}`,
                  `采购方式：${PROCUREMENT_METHOD_LABELS[t.content.method].zh}`,
                  showAmount(t),
                ],
                aside: (
                  <div>
                    <div>投标截止：{showBeijing(t.content.timeline.bidDeadline)}</div>
                    {t.status === 'tendering' && <Countdown to={t.content.timeline.bidDeadline} />}
                  </div>
                ),
              })}
            />
            <CursorPager state={state} nextCursor={tenders.data.nextCursor} />
          </>
        )}
      </Card>
    </>
  );
}
