import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { CollusionSignCard, UncheckedSigns } from '../../components/collusion-sign-card';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { showBeijing } from '../../lib/time';
import { type CollusionSignView, getCollusionSigns, recordCollusionFinding } from '../../services/collusion';
import type { EvaluationSessionView } from '../../services/expert';

/** The finding form's values. */
interface FindingValues {
  collusive: boolean;
  reason: string;
}

/** The member's finding on one sign: its own earlier finding, and the form to record or change it. */
function FindingForm({
  tenderId,
  sign,
  locked,
}: {
  tenderId: string;
  sign: CollusionSignView;
  locked: boolean;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FindingValues>();
  const mine = sign.findings.find((f) => f.mine);
  const record = useMutation({
    mutationFn: (values: FindingValues) =>
      recordCollusionFinding(tenderId, sign.id, {
        collusive: values.collusive,
        reason: values.reason.trim(),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['expert', 'collusion', tenderId] }),
  });
  return (
    <div>
      {mine && (
        <Alert
          type={mine.collusive ? 'warning' : 'info'}
          showIcon
          title={`我的认定：${mine.collusive ? '串通投标' : '不构成串通'}（${showBeijing(mine.at)}）`}
          description={mine.reason}
          style={{ marginBottom: 8 }}
        />
      )}
      {!locked && (
        <Form<FindingValues>
          form={form}
          layout="vertical"
          initialValues={mine ? { collusive: mine.collusive, reason: mine.reason } : {}}
          onFinish={(values) => record.mutate(values)}
        >
          <ProblemAlert error={record.error} />
          <Form.Item
            label="我的认定"
            name="collusive"
            rules={[{ required: true, message: '请选择是否认定为串通投标' }]}
          >
            <Radio.Group
              options={[
                { value: true, label: '认定为串通投标，相关投标无效' },
                { value: false, label: '不构成串通投标' },
              ]}
            />
          </Form.Item>
          <Form.Item
            label="理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请说明理由' },
              { min: 2, message: '请至少写 2 个字' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={2000} showCount />
          </Form.Item>
          <Button htmlType="submit" loading={record.isPending}>
            {mine ? '修改认定' : '记录认定'}
          </Button>
        </Form>
      )}
    </div>
  );
}

/**
 * 串通投标迹象: what the platform sees among the valid bids that 87号令第三十七条 deems collusive,
 * each with its item and evidence; the member records its own finding on each. A majority of the
 * committee decides (第六十一条); the member does not see how the others found before the report.
 */
export function CollusionSignsSection({ session }: { session: EvaluationSessionView }) {
  const query = useQuery({
    queryKey: ['expert', 'collusion', session.tenderId],
    queryFn: ({ signal }) => getCollusionSigns(session.tenderId, signal),
  });
  if (query.isPending) return <PageLoading label="正在比对串通投标迹象…" />;
  const data = query.data;
  if (!data) return <ProblemAlert error={query.error} />;
  const locked = session.sheet?.status === 'submitted' || session.status !== 'evaluating';
  return (
    <div>
      <Typography.Paragraph>
        以下是平台在有效投标之间发现的、87号令第三十七条视为串通投标的迹象，比对数据截至开标记录公布时（
        {showBeijing(data.inputsFixedAt)}）。迹象不等于结论：请逐项认定并说明理由；委员会过半数认定为串通的，
        相关投标无效，并在评标报告中注明理由。{locked ? '您的评分表已锁定，认定不能再更改。' : ''}
      </Typography.Paragraph>
      {data.signs.length === 0 && (
        <Alert type="success" showIcon title="平台未发现串通投标迹象" style={{ marginBottom: 8 }} />
      )}
      {data.signs.map((sign) => (
        <CollusionSignCard key={sign.id} sign={sign}>
          <FindingForm tenderId={session.tenderId} sign={sign} locked={locked} />
        </CollusionSignCard>
      ))}
      <UncheckedSigns unchecked={data.unchecked} />
    </div>
  );
}
