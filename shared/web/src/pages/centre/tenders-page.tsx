import { useInfiniteQuery } from '@tanstack/react-query';
import { Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { CATEGORY_LABELS, PROCUREMENT_METHOD_LABELS } from '../../../../schemas/labels';
import { LinkButton } from '../../components/link-button';
import { LoadMore } from '../../components/load-more';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicRows } from '../../components/public-rows';
import { TenderStatusTag } from '../../components/public-tags';
import { showWanYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { listTenders } from '../../services/public';
import { SectionCard } from './section-card';

/** The stages the centre organises, each a status of the tender list, with what it does there. */
const STAGES = [
  {
    status: 'evaluating',
    label: '评审中',
    action: '抽取专家 / 复核',
    lead: '已开标、进入评审的项目：抽取评审专家，复核抽取结果。',
  },
  {
    status: 'awarding',
    label: '待定标',
    action: '专家考核',
    lead: '评审已结束、等待采购人定标的项目：对每位评审专家进行考核。',
  },
  {
    status: 'awarded',
    label: '已定标',
    action: '专家考核',
    lead: '已发布结果公告的项目：尚未考核的专家可在此补充考核。',
  },
  { status: 'complete', label: '已完成', action: '查看评审', lead: '已签订合同的项目。' },
] as const;

/** One stage's list of tenders. */
function StageList({ stage }: { stage: (typeof STAGES)[number] }) {
  const list = useInfiniteQuery({
    queryKey: ['centre', 'tenders', stage.status],
    queryFn: ({ pageParam, signal }) =>
      listTenders({ status: stage.status, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (list.isPending) return <PageLoading />;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div>
      <Typography.Paragraph>{stage.lead}</Typography.Paragraph>
      <ProblemAlert error={list.error} />
      <PublicRows
        items={items}
        rowKey={(tender) => tender.id}
        label={`${stage.label}的项目`}
        empty={`当前没有${stage.label}的项目。`}
        render={(tender) => ({
          title: (
            <span>
              <TenderStatusTag status={tender.status} />
              <Link to={`/centre/tenders/${tender.id}`}>{tender.content.title}</Link>
            </span>
          ),
          facts: [
            tender.content.purchasingUnitName,
            `${PROCUREMENT_METHOD_LABELS[tender.content.method].zh} · ${CATEGORY_LABELS[tender.content.category].zh}`,
            tender.content.budgetFen !== undefined ? `预算 ${showWanYuan(tender.content.budgetFen)}` : '',
            `开标：${showBeijing(tender.content.timeline.bidDeadline)}`,
          ].filter(Boolean),
          aside: (
            <LinkButton
              type={stage.status === 'complete' ? 'default' : 'primary'}
              to={`/centre/tenders/${tender.id}`}
              aria-label={`${stage.action}：${tender.content.title}`}
            >
              {stage.action}
            </LinkButton>
          ),
        })}
      />
      <LoadMore list={list} />
    </div>
  );
}

/** 评审组织: the tenders in evaluation (draw, verify) and after it (一项目一考核), by stage. */
export function CentreTendersPage() {
  const [params, setParams] = useSearchParams();
  const active = STAGES.find((s) => s.status === params.get('stage')) ?? STAGES[0];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        评审组织
      </Typography.Title>
      <Typography.Paragraph>
        项目开标后进入评审阶段：在此按规定人数随机抽取评审专家（87号令第四十七条），评审结束后对每位专家逐一考核（一项目一考核）。
      </Typography.Paragraph>
      <SectionCard>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          项目列表
        </Typography.Title>
        <Tabs
          activeKey={active.status}
          onChange={(key) => setParams(key === STAGES[0].status ? {} : { stage: key })}
          items={STAGES.map((stage) => ({
            key: stage.status,
            label: stage.label,
            children: stage.status === active.status ? <StageList stage={stage} /> : null,
          }))}
        />
      </SectionCard>
    </div>
  );
}
