import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { EmptyNote, PublicRows } from '../../components/public-rows';
import { showBeijing } from '../../lib/time';
import {
  DECISION_LABELS,
  EXPERT_STATUS_LABELS,
  type ExpertDetailView,
  fetchExpert,
  RELATION_KIND_LABELS,
  readAssessments,
} from '../../services/centre';
import { getTender } from '../../services/public';
import { describeAssessment, violationLabel } from './assessment-text';
import { ExpertForm } from './expert-form';
import { ExpertStatusTag } from './expert-status-tag';

/** A history entry's reason ("suspended: late, absent") in words. */
function describeReason(reason: string): string {
  const [decision, codes] = reason.split(': ');
  const label = DECISION_LABELS[decision as keyof typeof DECISION_LABELS];
  if (!label || codes === undefined) return reason;
  const violations = codes === '—' ? '无' : codes.split(', ').map(violationLabel).join('、');
  return `考核处理：${label}（违规：${violations}）`;
}

/** A project's title as a link to its 评审组织 page (its id until the title is read). */
function TenderLink({ tenderId }: { tenderId: string }) {
  const tender = useQuery({
    queryKey: ['centre', 'tender', tenderId],
    queryFn: ({ signal }) => getTender(tenderId, signal),
  });
  return <Link to={`/centre/tenders/${tenderId}`}>{tender.data?.tender.content.title ?? tenderId}</Link>;
}

/** The expert's facts. */
function ExpertFacts({ expert }: { expert: ExpertDetailView }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, md: 3 }}
      items={[
        { key: 'sub', label: '登录账号', children: expert.userSub },
        { key: 'specialties', label: '专业', children: expert.specialties.join('、') },
        { key: 'region', label: '所在地区', children: expert.region },
        { key: 'employer', label: '工作单位编号', children: expert.employerOrgId },
        { key: 'status', label: '状态', children: <ExpertStatusTag expert={expert} /> },
        {
          key: 'updated',
          label: '最近更新',
          children: `${showBeijing(expert.updatedAt)}（第 ${expert.version} 版）`,
        },
      ]}
    />
  );
}

/** 专家详情: facts, recusal relations (editable), the assessments and the status history. */
export function ExpertPage() {
  const { expertId = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const expert = useQuery({
    queryKey: ['centre', 'expert', expertId],
    queryFn: ({ signal }) => fetchExpert(expertId, signal),
  });
  if (expert.isPending) return <PageLoading />;
  if (!expert.data) {
    return (
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          专家详情
        </Typography.Title>
        <ProblemAlert error={expert.error} />
        <Link to="/centre/experts">返回专家库</Link>
      </div>
    );
  }
  const data = expert.data;
  const assessments = readAssessments(data);
  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to="/centre/experts">← 专家库</Link>
      </Typography.Paragraph>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        专家：{data.name}
      </Typography.Title>
      <ProblemAlert error={expert.error} />
      {saved && !editing && (
        <Typography.Paragraph role="status" style={{ color: '#135200' }}>
          ✓ 修改已保存（第 {data.version} 版）。
        </Typography.Paragraph>
      )}
      {editing ? (
        <ExpertForm
          expert={data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <ExpertFacts expert={data} />
          <Space style={{ margin: '12px 0 4px' }}>
            <Button
              type="primary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              编辑专业、单位和回避关系
            </Button>
          </Space>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            回避关系
          </Typography.Title>
          <PublicRows
            items={data.relations}
            rowKey={(r) => `${r.orgId}|${r.kind}|${r.until ?? ''}`}
            label="回避关系"
            empty="未登记回避关系（工作单位已自动回避）。"
            render={(relation) => ({
              title: relation.orgId,
              facts: [
                RELATION_KIND_LABELS[relation.kind],
                relation.until ? `终止于 ${relation.until}（三年内仍须回避）` : '仍存续',
              ],
            })}
          />
        </>
      )}

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        考核记录（一项目一考核）
      </Typography.Title>
      <PublicRows
        items={assessments}
        rowKey={(a) => a.tenderId}
        label="考核记录"
        empty="尚无考核记录。"
        render={(assessment) => ({
          title: (
            <span>
              项目：
              <TenderLink tenderId={assessment.tenderId} />
            </span>
          ),
          facts: [
            `考核时间：${showBeijing(assessment.at)}`,
            describeAssessment(assessment),
            `处理：${DECISION_LABELS[assessment.decision]}`,
            ...(assessment.note ? [`备注：${assessment.note}`] : []),
          ],
        })}
      />

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        状态变更记录
      </Typography.Title>
      {data.history.length === 0 ? (
        <EmptyNote text={`自登记以来状态未变（${EXPERT_STATUS_LABELS[data.status]}）。`} />
      ) : (
        <Card variant="outlined">
          <Timeline
            items={data.history.map((entry) => ({
              key: `${entry.at}|${entry.to}`,
              content: (
                <div>
                  <div>
                    <strong>{showBeijing(entry.at)}</strong>：{EXPERT_STATUS_LABELS[entry.from]} →{' '}
                    {EXPERT_STATUS_LABELS[entry.to]}
                    {entry.suspendedUntil ? `（至 ${showBeijing(entry.suspendedUntil)}）` : ''}
                  </div>
                  <div>{describeReason(entry.reason)}</div>
                  {entry.rule && <div>依据：{entry.rule.citation}</div>}
                  {entry.assessmentTenderId && (
                    <div>
                      项目：
                      <TenderLink tenderId={entry.assessmentTenderId} />
                      ；操作人 {entry.actor}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </div>
  );
}
