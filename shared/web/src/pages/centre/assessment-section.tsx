import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { VIOLATION_CODES } from '../../../../schemas/labels';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import {
  type AssessmentAnswer,
  assessExpert,
  type CommitteeView,
  DECISION_LABELS,
  EXPERT_STATUS_LABELS,
  fetchExpert,
  type PenaltyOutcomeView,
  RATING_LABELS,
  readAssessments,
} from '../../services/centre';
import { describeAssessment } from './assessment-text';
import { ExpertStatusTag } from './expert-status-tag';
import { SectionCard } from './section-card';

/** The form's values. */
interface AssessmentFormValues {
  punctuality: 1 | 2 | 3 | 4 | 5;
  professionalism: 1 | 2 | 3 | 4 | 5;
  fairness: 1 | 2 | 3 | 4 | 5;
  violations: string[];
  note?: string;
}

/** How grave each severity is, in Chinese. */
const SEVERITY_LABELS = { minor: '轻微', general: '一般', serious: '严重' } as const;

/** The ratings in order, from 1 (差) to 5 (优). */
const RATING_OPTIONS = [
  { value: 1, label: '1 差' },
  { value: 2, label: '2 较差' },
  { value: 3, label: '3 一般' },
  { value: 4, label: '4 良好' },
  { value: 5, label: '5 优秀' },
];

/** The tone of a decision (its words say what it is). */
function alertTypeOf(decision: PenaltyOutcomeView['decision']): 'success' | 'warning' | 'error' {
  if (decision === 'none') return 'success';
  return decision === 'warning' ? 'warning' : 'error';
}

/** What the ladder decided (or would decide), with the rule that decided it. */
function OutcomeNotice({ outcome, previewOnly }: { outcome: PenaltyOutcomeView; previewOnly: boolean }) {
  const status = `${EXPERT_STATUS_LABELS[outcome.status]}${
    outcome.suspendedUntil ? `（至 ${showBeijing(outcome.suspendedUntil)}）` : ''
  }`;
  return (
    <Alert
      type={alertTypeOf(outcome.decision)}
      showIcon
      role="status"
      title={`${previewOnly ? '预览（尚未保存）' : '已保存'}：处理结果为“${DECISION_LABELS[outcome.decision]}”，专家状态${
        previewOnly ? '将为' : '为'
      }“${status}”`}
      description={
        <div>
          <div>12 个月内受警告的考核（含本次）：{outcome.warningsIn12Months} 次</div>
          {outcome.rule ? (
            <div>
              依据：{outcome.rule.title.zh}（{outcome.rule.citation}）
            </div>
          ) : (
            <div>本次考核未记录违规，不作处理。</div>
          )}
        </div>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** One member's assessment: the recorded one, or the form with its preview before saving. */
function MemberAssessment({
  tenderId,
  member,
}: {
  tenderId: string;
  member: CommitteeView['members'][number];
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AssessmentFormValues>();
  const [preview, setPreview] = useState<{ key: string; answer: AssessmentAnswer } | null>(null);
  const [saved, setSaved] = useState<AssessmentAnswer | null>(null);
  const expert = useQuery({
    queryKey: ['centre', 'expert', member.expertId],
    queryFn: ({ signal }) => fetchExpert(member.expertId, signal),
  });
  const bodyOf = (values: AssessmentFormValues) => ({
    tenderId,
    ratings: {
      punctuality: values.punctuality,
      professionalism: values.professionalism,
      fairness: values.fairness,
    },
    violations: values.violations ?? [],
    ...(values.note?.trim() ? { note: values.note.trim() } : {}),
  });
  const keyOf = (values: AssessmentFormValues) => JSON.stringify(bodyOf(values));
  const previewing = useMutation({
    mutationFn: (values: AssessmentFormValues) => assessExpert(member.expertId, bodyOf(values), true),
    onSuccess: (answer, values) => setPreview({ key: keyOf(values), answer }),
  });
  const saving = useMutation({
    mutationFn: (values: AssessmentFormValues) => assessExpert(member.expertId, bodyOf(values), false),
    onSuccess: (answer) => {
      setSaved(answer);
      void queryClient.invalidateQueries({ queryKey: ['centre', 'expert', member.expertId] });
      void queryClient.invalidateQueries({ queryKey: ['centre', 'experts'] });
    },
  });
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const previewIsCurrent = preview !== null && preview.key === currentKey;

  const recorded = expert.data
    ? readAssessments(expert.data).find((a) => a.tenderId === tenderId)
    : undefined;
  const heading = (
    <Space wrap size={4}>
      <span>{member.name}</span>
      {expert.data && <ExpertStatusTag expert={expert.data} />}
      {member.status === 'recused' && <ToneTag tone="grey">已回避</ToneTag>}
      {recorded && <ToneTag tone="green">已考核</ToneTag>}
    </Space>
  );

  let body: ReactNode;
  if (expert.isPending) body = <PageLoading />;
  else if (recorded) {
    body = (
      <div>
        {saved && <OutcomeNotice outcome={saved.outcome} previewOnly={false} />}
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {showBeijing(recorded.at)} 考核：{describeAssessment(recorded)}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          处理：{DECISION_LABELS[recorded.decision]}
          {recorded.note ? `；备注：${recorded.note}` : ''}。
          <Link to={`/centre/experts/${member.expertId}`}>查看该专家的考核与状态记录</Link>
        </Typography.Paragraph>
      </div>
    );
  } else if (!open) {
    body = (
      <Space wrap>
        <span>尚未考核。</span>
        <Button onClick={() => setOpen(true)} aria-label={`填写考核：${member.name}`}>
          填写考核
        </Button>
      </Space>
    );
  } else {
    body = (
      <Form<AssessmentFormValues>
        form={form}
        name={`assess-${member.expertId}`}
        layout="vertical"
        initialValues={{ punctuality: 5, professionalism: 5, fairness: 5, violations: [] }}
        onValuesChange={(_changed, all) => setCurrentKey(keyOf(all))}
        onFinish={(values) => saving.mutate(values)}
      >
        <Row gutter={16}>
          {(Object.keys(RATING_LABELS) as (keyof typeof RATING_LABELS)[]).map((key) => (
            <Col key={key} xs={24} md={8}>
              <Form.Item
                label={RATING_LABELS[key]}
                name={key}
                rules={[{ required: true, message: '请评分' }]}
              >
                <Radio.Group
                  aria-label={`${member.name}：${RATING_LABELS[key]}`}
                  optionType="button"
                  size="small"
                  options={RATING_OPTIONS}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item label="违规情形（如有）" name="violations">
          <Checkbox.Group aria-label={`${member.name}：违规情形`} style={{ display: 'grid', gap: 4 }}>
            {Object.entries(VIOLATION_CODES).map(([code, def]) => (
              <Checkbox key={code} value={code}>
                {def.label.zh}（{SEVERITY_LABELS[def.severity]}；{def.citation}）
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="备注（可选）" name="note" rules={[{ max: 2000, message: '备注不超过 2000 字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <ProblemAlert error={previewing.error ?? saving.error} />
        {preview && previewIsCurrent && <OutcomeNotice outcome={preview.answer.outcome} previewOnly />}
        {preview && !previewIsCurrent && (
          <Alert
            type="info"
            showIcon
            title="考核内容已修改，请重新预览处理结果后再保存"
            style={{ marginBottom: 12 }}
          />
        )}
        <Space wrap>
          <Button
            loading={previewing.isPending}
            onClick={() => {
              void form.validateFields().then((values) => {
                setCurrentKey(keyOf(values));
                previewing.mutate(values);
              });
            }}
          >
            预览处理结果
          </Button>
          <Button type="primary" htmlType="submit" disabled={!previewIsCurrent} loading={saving.isPending}>
            保存考核
          </Button>
          <Button onClick={() => setOpen(false)}>收起</Button>
        </Space>
        {!previewIsCurrent && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            保存前须先预览处理结果（按专家考核扣分与处理规则计算，尚不记录）。
          </Typography.Paragraph>
        )}
      </Form>
    );
  }

  return (
    <Card size="small" variant="outlined" title={heading} style={{ marginBottom: 12 }}>
      <ProblemAlert error={expert.error} />
      {body}
    </Card>
  );
}

/** 一项目一考核: once the evaluation is over, every committee member is assessed once for the project. */
export function AssessmentSection({
  tenderId,
  committee,
  evaluationOver,
}: {
  tenderId: string;
  committee: CommitteeView;
  evaluationOver: boolean;
}) {
  return (
    <SectionCard style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        专家考核（一项目一考核）
      </Typography.Title>
      <Typography.Paragraph>
        评审结束后对每位评审专家考核一次：守时、专业水平、客观公正各 1–5
        分，并记录违规情形。违规按专家库管理规则处理（警告、暂停业务、淘汰出库），保存前先预览处理结果及其依据。
      </Typography.Paragraph>
      {evaluationOver ? (
        committee.members.map((member) => (
          <MemberAssessment key={`${member.expertId}|${member.status}`} tenderId={tenderId} member={member} />
        ))
      ) : (
        <Alert type="info" showIcon title="评审结束（评标报告完成）后即可在此考核委员会成员" />
      )}
    </SectionCard>
  );
}
