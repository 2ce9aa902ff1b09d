import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { PROCUREMENT_METHOD_LABELS } from '../../../../schemas/labels';
import { Countdown } from '../../components/countdown';
import { LinkButton } from '../../components/link-button';
import { LoadMore } from '../../components/load-more';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { EmptyNote } from '../../components/public-rows';
import { TenderStatusTag, ToneTag } from '../../components/public-tags';
import { showWanYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { fetchMyTenders, fetchTimeline, type OwnTender } from '../../services/purchaser';
import { useDraftCheck } from './draft-checks';

/** One step of a timeline with its days left. */
interface DueStep {
  key: string;
  label: string;
  at: string;
  calendarDaysLeft: number;
  workingDaysLeft: number | null;
}

/** "距投标截止（开标） 3 个工作日 / 12 天", then the Beijing instant and a live countdown. */
function DueLine({ step, prefix }: { step: DueStep; prefix: string }) {
  const days = [
    step.workingDaysLeft === null ? null : `${step.workingDaysLeft} 个工作日`,
    `${step.calendarDaysLeft} 天`,
  ]
    .filter(Boolean)
    .join(' / ');
  return (
    <div>
      <Typography.Text strong>
        {prefix}距{step.label} {days}
      </Typography.Text>
      <div>
        {showBeijing(step.at)}（北京时间） <Countdown to={step.at} doneText="已到" />
      </div>
    </div>
  );
}

/** What a draft needs next: publication, and whether it would pass now, with its planned deadline. */
function DraftNext({ tender }: { tender: OwnTender }) {
  const check = useDraftCheck(null, tender.id);
  if (check.isError) return <ProblemAlert error={check.error} />;
  if (!check.data) return <span>正在检查…</span>;
  const deadline = check.data.planned.find((s) => s.key === 'bidDeadline');
  const blocking = check.data.violations.length + check.data.missing.length;
  return (
    <Space orientation="vertical" size={4}>
      <span>
        下一步：发布采购公告{' '}
        {blocking === 0 ? (
          <ToneTag tone="green">可以发布</ToneTag>
        ) : (
          <ToneTag tone="orange">按现在发布有 {blocking} 项问题</ToneTag>
        )}
      </span>
      {deadline &&
        (deadline.passed ? (
          <span>计划的投标截止 {showBeijing(deadline.at)} 已过，请修改时间安排</span>
        ) : (
          <DueLine step={deadline} prefix="计划：" />
        ))}
    </Space>
  );
}

/** What a published tender expects next, from the server's timeline (working days on its calendar). */
function PublishedNext({ tender }: { tender: OwnTender }) {
  const timeline = useQuery({
    queryKey: ['purchaser', 'timeline', tender.id],
    queryFn: ({ signal }) => fetchTimeline(tender.id, signal),
    refetchInterval: 60_000,
  });
  if (timeline.isError) return <ProblemAlert error={timeline.error} />;
  if (!timeline.data) return <span>正在计算时间安排…</span>;
  const next = timeline.data.steps.find((s) => !s.passed);
  if (!next) return <span>全部时间节点已过</span>;
  return <DueLine step={next} prefix="" />;
}

/** What the unit does next on a tender in each state. */
const NEXT_ACTION: Readonly<Partial<Record<OwnTender['status'], { label: string; page: string }>>> = {
  opening: { label: '开标', page: 'opening' },
  evaluating: { label: '评审进展', page: 'evaluation' },
  awarding: { label: '确定中标人', page: 'award' },
  awarded: { label: '登记合同', page: 'award' },
};

/** One tender of the list: title (link), status, method and amount, what is due next, actions. */
function ProjectCard({ tender }: { tender: OwnTender }) {
  const base = `/purchaser/tenders/${tender.id}`;
  const c = tender.content;
  const action = NEXT_ACTION[tender.status];
  const manage = tender.status === 'draft' ? '上传文件与发布' : '项目详情';
  return (
    <Card variant="outlined" style={{ marginBottom: 12 }}>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0, overflowWrap: 'anywhere' }}>
        <Link to={base}>{c.title}</Link>
      </Typography.Title>
      <Space wrap size={[16, 4]} style={{ marginBottom: 8 }}>
        <TenderStatusTag status={tender.status} />
        <span>{PROCUREMENT_METHOD_LABELS[c.method].zh}</span>
        {c.budgetFen !== undefined && <span>预算 {showWanYuan(c.budgetFen)}</span>}
        <span>更新于 {showBeijing(tender.updatedAt)}</span>
      </Space>
      <div style={{ marginBottom: 8 }}>
        {tender.status === 'draft' ? (
          <DraftNext tender={tender} />
        ) : tender.status === 'cancelled' ? (
          <span>已终止{tender.cancelReason ? `：${tender.cancelReason}` : ''}</span>
        ) : tender.status === 'complete' || tender.status === 'failed' ? (
          <span>{tender.status === 'complete' ? '合同已登记，项目完成' : '项目已废标'}</span>
        ) : (
          <PublishedNext tender={tender} />
        )}
      </div>
      <Space wrap>
        {tender.status === 'draft' && (
          <LinkButton type="primary" to={`${base}/edit`} aria-label={`编辑 ${c.title}`}>
            编辑
          </LinkButton>
        )}
        {action && (
          <LinkButton type="primary" to={`${base}/${action.page}`}>
            {action.label}
          </LinkButton>
        )}
        <LinkButton to={base} aria-label={`${manage} ${c.title}`}>
          {manage}
        </LinkButton>
      </Space>
    </Card>
  );
}

/** 项目管理: the unit's own tenders in every state, each with what is due next and when. */
export function PurchaserProjectsPage() {
  const list = useInfiniteQuery({
    queryKey: ['purchaser', 'tenders'],
    queryFn: ({ pageParam, signal }) => fetchMyTenders(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (list.isPending) return <PageLoading />;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 12,
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          项目管理
        </Typography.Title>
        <LinkButton type="primary" to="/purchaser/tenders/new">
          新建项目
        </LinkButton>
      </div>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        本单位的全部项目（含草稿）。剩余天数按服务器时间和法定工作日计算（北京时间）。
      </Typography.Paragraph>
      <ProblemAlert error={list.error} />
      {items.length === 0 && !list.error && (
        <EmptyNote text="本单位还没有项目。点击“新建项目”起草第一个采购项目。" />
      )}
      {items.map((tender) => (
        <ProjectCard key={tender.id} tender={tender} />
      ))}
      <LoadMore list={list} />
    </div>
  );
}
