import { useQuery } from '@tanstack/react-query';
import { Descriptions, Grid, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import {
  CATEGORY_LABELS,
  EVALUATION_METHOD_LABELS,
  PROCUREMENT_METHOD_LABELS,
  TRADE_TYPE_LABELS,
} from '../../../../schemas/labels';
import { AuctionBoard, QuoteHistory } from '../../components/auction-board';
import { SupplierChallenges } from '../../components/challenges';
import { PublicEnquiries } from '../../components/enquiries';
import { PageLoading } from '../../components/page-loading';
import { PageSection as Section } from '../../components/page-section';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicAudit } from '../../components/public-audit';
import { PublicDocuments } from '../../components/public-documents';
import { PublicResult } from '../../components/public-result';
import { EmptyNote } from '../../components/public-rows';
import { TenderStatusTag } from '../../components/public-tags';
import { PublicTimeline } from '../../components/public-timeline';
import { SupplierTenderActions } from '../../components/supplier-tender-actions';
import { factLabels, transferTermItems } from '../../components/transfer-terms';
import type { ResponseOf } from '../../lib/api';
import { useLiveAuction, useQuoteHistory } from '../../lib/live';
import { showYuan } from '../../lib/money';
import { useSession } from '../../lib/session';
import { showBeijing } from '../../lib/time';
import {
  getTender,
  getTenderAudit,
  getTenderResult,
  getTenderTimeline,
  OCDS_RELEASES_PATH,
  ocdsTenderPath,
} from '../../services/public';
import type { PublicTender } from '../../services/tender-types';

/** The SME policy in words (政府采购促进中小企业发展管理办法). */
function showSmePolicy(sme: PublicTender['content']['sme']): string {
  const parts: string[] = [];
  parts.push(sme.reservedForSme ? '专门面向中小企业采购' : '未专门面向中小企业');
  if (!sme.reservedForSme && sme.notReservedReason) parts.push(`原因：${sme.notReservedReason}`);
  if (sme.priceDeductionPercent !== undefined) parts.push(`小微企业价格扣除 ${sme.priceDeductionPercent}%`);
  if (sme.consortiumDeductionPercent !== undefined)
    parts.push(`含小微企业的联合体价格扣除 ${sme.consortiumDeductionPercent}%`);
  return parts.join('；');
}

/** The evaluation method with its price weight and criteria. */
function showEvaluation(evaluation: PublicTender['content']['evaluation']): ReactNode {
  const name = EVALUATION_METHOD_LABELS[evaluation.method].zh;
  return (
    <div>
      <div>
        {name}
        {evaluation.priceWeightPercent !== undefined && `（价格分权重 ${evaluation.priceWeightPercent}%）`}
      </div>
      {evaluation.criteria.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {evaluation.criteria.map((c) => (
            <li key={c.name}>
              {c.name}：{c.maxPoints} 分
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The facts a supplier reads first: number, unit, type, category, method, amount, conditions. */
function TenderFacts({ tender }: { tender: PublicTender }) {
  const c = tender.content;
  const live = c.transfer !== undefined;
  const labels = factLabels(c);
  const items: { key: string; label: string; children: ReactNode; span?: number | 'filled' }[] = [
    { key: 'id', label: '项目编号', children: <Typography.Text copyable>{tender.id}</Typography.Text> },
    { key: 'unit', label: labels.unit, children: c.purchasingUnitName },
    { key: 'tradeType', label: '交易类型', children: TRADE_TYPE_LABELS[c.tradeType].zh },
    { key: 'category', label: '品目类别', children: CATEGORY_LABELS[c.category].zh },
    {
      key: 'method',
      label: labels.method,
      children: PROCUREMENT_METHOD_LABELS[c.method].zh,
    },
  ];
  if (c.budgetFen !== undefined)
    items.push({ key: 'budget', label: '预算金额', children: showYuan(c.budgetFen) });
  if (c.bidDepositFen !== undefined)
    items.push({
      key: 'bidDeposit',
      label: '投标保证金',
      children: `${showYuan(c.bidDepositFen)}（非现金形式，实施条例第三十三条）`,
    });
  items.push(...transferTermItems(c, 'public'));

  if (tender.publishedAt)
    items.push({
      key: 'publishedAt',
      label: '发布时间',
      children: `${showBeijing(tender.publishedAt)}（北京时间）`,
    });
  items.push(
    {
      key: 'bidDeadline',
      label: labels.deadline,
      children: `${showBeijing(c.timeline.bidDeadline)}（北京时间）`,
    },
    {
      key: 'evaluation',
      label: live ? labels.evaluation : '评审方法',
      children: showEvaluation(c.evaluation),
      span: 'filled',
    },
    { key: 'sme', label: '中小企业政策', children: showSmePolicy(c.sme), span: 'filled' },
    {
      key: 'qualifications',
      label: '供应商资格条件',
      span: 'filled',
      children:
        c.qualifications.length === 0 ? (
          '无特定资格条件（须符合政府采购法第二十二条规定）'
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {c.qualifications.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ol>
        ),
    },
  );
  if (tender.status === 'cancelled' && tender.cancelReason)
    items.push({ key: 'cancel', label: '终止原因', children: tender.cancelReason, span: 'filled' });
  const wide = Grid.useBreakpoint().sm ?? true;
  return (
    <Descriptions
      bordered
      size="small"
      layout={wide ? 'horizontal' : 'vertical'}
      column={{ xs: 1, sm: 2, md: 3 }}
      items={items}
    />
  );
}

/** The tender's corrections (更正公告), read from its sealed audit events. */
function Corrections({ events }: { events: ResponseOf<'getTenderAudit'>['events'] }) {
  const corrections = events.filter((e) => e.type === 'tender.corrected' && !e.bidId);
  if (corrections.length === 0) return <EmptyNote text="本项目没有发布过更正公告。" />;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {corrections.map((e) => {
        const data = e.data as {
          summary?: string;
          bidDeadline?: { from?: string; to?: string };
          deadlineExtended?: boolean;
          addedDocuments?: { fileName: string }[];
          removedDocumentIds?: string[];
        };
        const deadline = data.bidDeadline;
        const moved = deadline?.from && deadline.to && deadline.from !== deadline.to;
        return (
          <li key={e.seq} style={{ marginBottom: 8 }}>
            <div>
              <Typography.Text strong>{showBeijing(e.at)}</Typography.Text>（北京时间）：
              {data.summary ?? '更正'}
            </div>
            {moved && (
              <div>
                投标截止时间由 {showBeijing(deadline.from as string)} 改为{' '}
                {showBeijing(deadline.to as string)}
                {data.deadlineExtended ? '（依法顺延）' : ''}
              </div>
            )}
            {(data.addedDocuments?.length ?? 0) > 0 && (
              <div>新增文件：{data.addedDocuments?.map((d) => d.fileName).join('、')}</div>
            )}
            {(data.removedDocumentIds?.length ?? 0) > 0 && (
              <div>撤下文件 {data.removedDocumentIds?.length} 份</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** 竞价实况: the live price, countdown and quotes of a listing or auction, as anyone may watch them. */
function PublicAuction({ tenderId }: { tenderId: string }) {
  const live = useLiveAuction(tenderId);
  const history = useQuoteHistory(tenderId, live.data?.quoteCount);
  if (live.isPending) return <PageLoading label="正在读取竞价实况…" />;
  if (live.isError) return <ProblemAlert error={live.error} />;
  return (
    <>
      <AuctionBoard view={live.data} liveStatus={live.liveStatus} onEnded={() => void live.refetch()} />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        报价记录（按竞买号，不显示竞买人名称）
      </Typography.Title>
      <QuoteHistory quotes={history.data ?? live.data.recentQuotes} />
    </>
  );
}

/**
 * A tender's public page: its facts, timeline, documents (downloaded and checked in the browser),
 * corrections, result, and the audit log with its chain verification; a supplier's actions on top.
 */
export function TenderPage() {
  const { tenderId = '' } = useParams();
  const { user } = useSession();
  const tenderQuery = useQuery({
    queryKey: ['tender', tenderId],
    queryFn: ({ signal }) => getTender(tenderId, signal),
  });
  const tender = tenderQuery.data?.tender;
  const audit = useQuery({
    queryKey: ['tender', tenderId, 'audit'],
    queryFn: ({ signal }) => getTenderAudit(tenderId, signal),
    enabled: Boolean(tender),
  });
  const timeline = useQuery({
    queryKey: ['tender', tenderId, 'timeline'],
    queryFn: ({ signal }) => getTenderTimeline(tenderId, signal),
    enabled: Boolean(tender),
    // The steps' 已过 and the days left follow the server's clock.
    refetchInterval: 30_000,
  });
  const hasResult = Boolean(tender?.awardedAt);
  const result = useQuery({
    queryKey: ['tender', tenderId, 'result'],
    queryFn: ({ signal }) => getTenderResult(tenderId, signal),
    enabled: hasResult,
  });

  if (tenderQuery.isPending) return <PageLoading label="正在加载项目…" />;
  if (tenderQuery.isError)
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          项目详情
        </Typography.Title>
        <ProblemAlert error={tenderQuery.error} />
      </>
    );
  const t = tenderQuery.data.tender;

  return (
    <>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 12,
          alignItems: 'flex-start',
          justifyContent: 'space-between',
          marginBottom: 16,
        }}
      >
        <div style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8, overflowWrap: 'anywhere' }}>
            {t.content.title}
          </Typography.Title>
          <Space wrap>
            <TenderStatusTag status={t.status} live={t.content.transfer !== undefined} />
            <span>{t.content.purchasingUnitName}</span>
            {t.correctionCount > 0 && <span>已更正 {t.correctionCount} 次</span>}
          </Space>
        </div>
        {user?.role === 'supplier' && (
          <div style={{ flex: '0 0 auto' }}>
            <SupplierTenderActions tender={t} />
          </div>
        )}
      </div>

      <Section title="项目概况">
        <TenderFacts tender={t} />
        {t.content.description && (
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>
            {t.content.description}
          </Typography.Paragraph>
        )}
      </Section>

      {t.content.transfer && t.status !== 'cancelled' && (
        <Section title="竞价实况">
          <PublicAuction tenderId={t.id} />
        </Section>
      )}

      <Section title="时间安排">
        {timeline.isError ? (
          <ProblemAlert error={timeline.error} />
        ) : timeline.data ? (
          <PublicTimeline points={timeline.data.steps} />
        ) : (
          <PageLoading label="正在计算时间安排…" />
        )}
      </Section>

      <Section title={t.content.transfer ? '出让文件' : '采购文件'}>
        <PublicDocuments tender={t} />
      </Section>

      <Section title="更正公告">
        {audit.isPending ? (
          <PageLoading label="正在加载更正公告…" />
        ) : audit.isError ? (
          <ProblemAlert error={audit.error} />
        ) : (
          <Corrections events={audit.data.events} />
        )}
      </Section>

      {t.content.tradeType === 'governmentProcurement' && (
        <Section title="询问与答复">
          <PublicEnquiries tenderId={t.id} supplier={user?.role === 'supplier'} />
        </Section>
      )}

      {t.content.tradeType === 'governmentProcurement' && user?.role === 'supplier' && (
        <Section title="质疑">
          <SupplierChallenges tenderId={t.id} />
        </Section>
      )}

      {hasResult && (
        <Section title="成交结果">
          {result.isPending ? (
            <PageLoading label="正在加载成交结果…" />
          ) : result.isError ? (
            <ProblemAlert error={result.error} />
          ) : (
            <PublicResult result={result.data} />
          )}
        </Section>
      )}

      <Section title="审计日志">
        <Typography.Paragraph style={{ color: 'rgba(0, 0, 0, 0.65)' }}>
          项目的每一步操作都记入哈希链：每条记录包含上一条的哈希，任何改动都会使链在该处断开。任何人都可以用开放数据重新校验。
        </Typography.Paragraph>
        {audit.isPending ? (
          <PageLoading label="正在加载审计日志…" />
        ) : audit.isError ? (
          <ProblemAlert error={audit.error} />
        ) : (
          <PublicAudit log={audit.data} />
        )}
      </Section>

      <Section title="开放数据">
        <Typography.Paragraph>
          本项目的 OCDS 1.1 发布包（JSON）：<a href={ocdsTenderPath(t.id)}>{ocdsTenderPath(t.id)}</a>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          全平台最新发布：<a href={OCDS_RELEASES_PATH}>{OCDS_RELEASES_PATH}</a>
        </Typography.Paragraph>
      </Section>
    </>
  );
}
