import { useInfiniteQuery } from '@tanstack/react-query';
import { Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PROCUREMENT_METHOD_LABELS, TRADE_TYPE_LABELS } from '../../../../schemas/labels';
import { LinkButton } from '../../components/link-button';
import { LoadMore } from '../../components/load-more';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicRows } from '../../components/public-rows';
import { TenderStatusTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { listTenders } from '../../services/public';
import { SectionCard } from './section-card';

/** The rights the centre transfers, one tab each. */
const KINDS = ['landUseRights', 'miningRights'] as const;

/** One kind's transfers, newest first. */
function TransferList({ tradeType }: { tradeType: (typeof KINDS)[number] }) {
  const list = useInfiniteQuery({
    queryKey: ['centre', 'transfers', tradeType],
    queryFn: ({ pageParam, signal }) =>
      listTenders({ tradeType, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (list.isPending) return <PageLoading />;
  // Only the live procedures have a ledger and a room; a 招标出让 is organised like a tender
  const items = (list.data?.pages.flatMap((page) => page.items) ?? []).filter((t) => t.content.transfer);
  const label = TRADE_TYPE_LABELS[tradeType].zh;
  return (
    <div>
      <ProblemAlert error={list.error} />
      <PublicRows
        items={items}
        rowKey={(tender) => tender.id}
        label={`${label}出让项目`}
        empty={`当前没有${label}的网上挂牌或拍卖。`}
        render={(tender) => ({
          title: (
            <span>
              <TenderStatusTag status={tender.status} live />
              <Link to={`/centre/transfers/${tender.id}`}>{tender.content.title}</Link>
            </span>
          ),
          facts: [
            tender.content.purchasingUnitName,
            PROCUREMENT_METHOD_LABELS[tender.content.method].zh,
            tender.content.transfer ? `起始价 ${showYuan(tender.content.transfer.startPriceFen)}` : '',
            `${tender.content.method === 'auction' ? '拍卖开始' : '挂牌截止'}：${showBeijing(tender.content.timeline.bidDeadline)}`,
          ].filter(Boolean),
          aside: (
            <LinkButton
              type="primary"
              to={`/centre/transfers/${tender.id}`}
              aria-label={`保证金与竞价：${tender.content.title}`}
            >
              保证金与竞价
            </LinkButton>
          ),
        })}
      />
      <LoadMore list={list} />
    </div>
  );
}

/** 土地矿权出让: the live listings and auctions, each with its deposit ledger and live board. */
export function CentreTransfersPage() {
  const [params, setParams] = useSearchParams();
  const active = KINDS.find((kind) => kind === params.get('kind')) ?? KINDS[0];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        土地矿权出让
      </Typography.Title>
      <Typography.Paragraph>
        网上挂牌和拍卖出让：确认竞买保证金到账并发放竞买号，查看竞价实况，竞价结束后按期退还未竞得人的保证金。
      </Typography.Paragraph>
      <SectionCard>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams(key === KINDS[0] ? {} : { kind: key })}
          items={KINDS.map((kind) => ({
            key: kind,
            label: TRADE_TYPE_LABELS[kind].zh,
            children: kind === active ? <TransferList tradeType={kind} /> : null,
          }))}
        />
      </SectionCard>
    </div>
  );
}
