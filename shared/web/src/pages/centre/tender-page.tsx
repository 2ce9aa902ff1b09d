import { useQuery } from '@tanstack/react-query';
import { Descriptions, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { CATEGORY_LABELS, PROCUREMENT_METHOD_LABELS } from '../../../../schemas/labels';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { TenderStatusTag } from '../../components/public-tags';
import { showWanYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { fetchCommittee } from '../../services/centre';
import { getTender } from '../../services/public';
import { AssessmentSection } from './assessment-section';
import { CollusionSection } from './collusion-section';
import { CommitteeSection } from './committee-section';
import { EnquiriesSection } from './enquiries-section';

/** Statuses from the opening on, when the collusion signs are compared. */
const FROM_OPENING = new Set(['opening', 'evaluating', 'awarding', 'awarded', 'complete', 'failed']);

/** Statuses after the evaluation report, when the members are assessed. */
const AFTER_EVALUATION = new Set(['awarding', 'awarded', 'complete', 'failed']);

/** 评审组织 of one tender: the committee (requirement, draw, verification) and the assessments. */
export function CentreTenderPage() {
  const { tenderId = '' } = useParams();
  const tender = useQuery({
    queryKey: ['centre', 'tender', tenderId],
    queryFn: ({ signal }) => getTender(tenderId, signal),
  });
  const committee = useQuery({
    queryKey: ['centre', 'committee', tenderId],
    queryFn: ({ signal }) => fetchCommittee(tenderId, signal),
  });
  if (tender.isPending) return <PageLoading />;
  const data = tender.data?.tender;
  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to="/centre/tenders">← 评审组织</Link>
      </Typography.Paragraph>
      <Typography.Title level={1} style={{ fontSize: 24, overflowWrap: 'anywhere' }}>
        {data ? data.content.title : '项目评审'}
      </Typography.Title>
      <ProblemAlert error={tender.error} />
      {data && (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'status', label: '状态', children: <TenderStatusTag status={data.status} /> },
              { key: 'unit', label: '采购单位', children: data.content.purchasingUnitName },
              {
                key: 'method',
                label: '采购方式',
                children: `${PROCUREMENT_METHOD_LABELS[data.content.method].zh} · ${CATEGORY_LABELS[data.content.category].zh}`,
              },
              {
                key: 'budget',
                label: '预算',
                children: data.content.budgetFen !== undefined ? showWanYuan(data.content.budgetFen) : '—',
              },
              {
                key: 'deadline',
                label: '开标时间',
                children: showBeijing(data.content.timeline.bidDeadline),
              },
              {
                key: 'public',
                label: '公开信息',
                children: <Link to={`/tenders/${data.id}`}>项目公告与审计记录</Link>,
              },
            ]}
          />
          <ProblemAlert error={committee.error} />
          {committee.isPending && <PageLoading label="正在读取评标委员会…" />}
          {committee.data && (
            <CommitteeSection
              tenderId={data.id}
              evaluating={data.status === 'evaluating'}
              state={committee.data}
            />
          )}
          {FROM_OPENING.has(data.status) && <CollusionSection tenderId={data.id} />}
          {committee.data?.drawn && (
            <AssessmentSection
              tenderId={data.id}
              committee={committee.data.committee}
              evaluationOver={AFTER_EVALUATION.has(data.status)}
            />
          )}
          {data.content.tradeType === 'governmentProcurement' && <EnquiriesSection tenderId={data.id} />}
        </>
      )}
    </div>
  );
}
