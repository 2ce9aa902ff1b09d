import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Col, Descriptions, Form, InputNumber, Row, Select, Typography } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicRows } from '../../components/public-rows';
import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import {
  type CommitteeRequirementView,
  type CommitteeState,
  type CommitteeView,
  drawCommittee,
  EXCLUSION_REASON_LABELS,
  listExperts,
  MEMBER_STATUS_LABELS,
  verifyCommittee,
} from '../../services/centre';
import { SectionCard } from './section-card';

/** The draw form's values. */
interface DrawFormValues {
  specialties: string[];
  regions: string[];
  size: number;
  reserveSize: number;
}

/** The requirement in one sentence, with its rule. */
function RequirementNotice({ requirement }: { requirement: CommitteeRequirementView }) {
  return (
    <Alert
      type="info"
      showIcon
      title={`本项目须抽取评审专家不少于 ${requirement.minSize} 人${requirement.odd ? '（单数）' : ''}`}
      description={
        <div>
          <div>
            依据：{requirement.title.zh}（{requirement.rule.citation}）。
          </div>
          <div>
            本平台抽取的委员会成员均为评审专家，满足“评审专家不少于成员总数三分之二”的要求（
            {requirement.minSize} 人的委员会至少 {requirement.minExperts} 名专家）。
          </div>
        </div>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** The draw: specialties, regions, size (checked against the requirement as typed) and reserves. */
function DrawForm({ tenderId, requirement }: { tenderId: string; requirement: CommitteeRequirementView }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DrawFormValues>();
  // Suggestions from the pool in good standing; any other value may be typed
  const pool = useQuery({
    queryKey: ['centre', 'experts', { status: 'active' }, 'suggestions'],
    queryFn: ({ signal }) => listExperts({ status: 'active' }, null, signal),
  });
  const specialties = [...new Set(pool.data?.items.flatMap((e) => e.specialties) ?? [])].sort();
  const regions = [...new Set(pool.data?.items.map((e) => e.region) ?? [])].sort();
  const draw = useMutation({
    mutationFn: (values: DrawFormValues) =>
      drawCommittee(tenderId, {
        size: values.size,
        reserveSize: values.reserveSize,
        specialties: values.specialties,
        ...(values.regions.length > 0 ? { regions: values.regions } : {}),
      }),
    onSuccess: (committee) => {
      const next: CommitteeState = { drawn: true, committee };
      queryClient.setQueryData(['centre', 'committee', tenderId], next);
      void queryClient.invalidateQueries({ queryKey: ['centre', 'experts'] });
    },
  });
  const citation = requirement.rule.citation;
  return (
    <Form<DrawFormValues>
      form={form}
      name="draw"
      layout="vertical"
      initialValues={{ specialties: [], regions: [], size: requirement.minSize, reserveSize: 2 }}
      onFinish={(values) => draw.mutate(values)}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="评审专业"
            name="specialties"
            extra="专家至少具备其中一个专业；可从专家库已有专业中选择或输入后回车。"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个专业' }]}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，']}
              options={specialties.map((value) => ({ value, label: value }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="抽取地区（可选）"
            name="regions"
            extra="不选则全库抽取；选择外地可组织远程异地评审。"
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，']}
              options={regions.map((value) => ({ value, label: value }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            label="委员会人数"
            name="size"
            rules={[
              { required: true, message: '请填写人数' },
              {
                validator: async (_rule, value: number | null) => {
                  if (value === null || value === undefined) return;
                  if (value < requirement.minSize) {
                    throw new Error(`不少于 ${requirement.minSize} 人（${citation}）`);
                  }
                  if (requirement.odd && value % 2 === 0) throw new Error(`须为单数（${citation}）`);
                },
              },
            ]}
          >
            <InputNumber min={3} max={21} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            label="候补人数"
            name="reserveSize"
            extra="专家声明回避时依次递补。"
            rules={[{ required: true, message: '请填写候补人数' }]}
          >
            <InputNumber min={0} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <ProblemAlert error={draw.error} />
      <Button type="primary" htmlType="submit" loading={draw.isPending}>
        随机抽取评审专家
      </Button>
    </Form>
  );
}

/** The re-run of the recorded draw, shown as 一致 or 不一致 in words. */
function Verification({ tenderId }: { tenderId: string }) {
  const verify = useMutation({ mutationFn: () => verifyCommittee(tenderId) });
  const result = verify.data;
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        复核抽取结果
      </Typography.Title>
      <Typography.Paragraph>
        服务器按记录的随机种子和符合条件的专家名单快照重新运行抽取算法，并与记录的委员会和候补名单逐一比对。
      </Typography.Paragraph>
      <Button onClick={() => verify.mutate()} loading={verify.isPending}>
        复核抽取结果
      </Button>
      <div style={{ marginTop: 12 }}>
        <ProblemAlert error={verify.error} />
        {result && (
          <Alert
            type={result.valid ? 'success' : 'error'}
            showIcon
            role="status"
            title={
              result.valid ? '一致：重新抽取的结果与记录的委员会相同' : '不一致：重新抽取的结果与记录不符'
            }
            description={
              <div style={{ overflowWrap: 'anywhere' }}>
                {!result.valid && result.reason && <div>原因：{result.reason}</div>}
                <div>符合条件的专家：{result.eligibleCount} 名</div>
                <div>
                  随机种子：<code>{result.seed}</code>
                </div>
                <div>
                  名单快照摘要（SHA-256）：<code>{result.snapshotDigest}</code>
                </div>
              </div>
            }
          />
        )}
      </div>
    </div>
  );
}

/** The excluded experts counted by reason. */
function exclusionSummary(committee: CommitteeView): string {
  if (committee.excluded.length === 0) return '无';
  const counts = new Map<string, number>();
  for (const e of committee.excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => `${EXCLUSION_REASON_LABELS[reason] ?? reason} ${count} 名`)
    .join('；');
}

/** The drawn committee: the record of the draw, the members and the verification. */
function DrawnCommittee({ committee }: { committee: CommitteeView }) {
  return (
    <div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'at', label: '抽取时间', children: showBeijing(committee.drawnAt) },
          { key: 'size', label: '人数', children: `${committee.size} 人，候补 ${committee.reserveSize} 人` },
          { key: 'rule', label: '依据', children: committee.rule.citation },
          { key: 'specialties', label: '专业', children: committee.criteria.specialties.join('、') },
          {
            key: 'regions',
            label: '地区',
            children: committee.criteria.regions?.join('、') ?? '全库',
          },
          {
            key: 'eligible',
            label: '符合条件',
            children: `${committee.snapshot.eligibleIds.length} 名`,
          },
          { key: 'excluded', label: '排除', span: 'filled', children: exclusionSummary(committee) },
          {
            key: 'reserves',
            label: '剩余候补',
            children: `${committee.reserves.length} 名`,
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        委员会成员（结果公告前保密）
      </Typography.Title>
      <PublicRows
        items={committee.members}
        rowKey={(m) => `${m.expertId}|${m.status}`}
        label="委员会成员"
        empty="没有成员。"
        render={(member) => ({
          title: member.name,
          facts: [
            `地区：${member.region}`,
            <ToneTag
              key="s"
              tone={member.status === 'recused' ? 'grey' : member.status === 'drawn' ? 'orange' : 'green'}
            >
              {MEMBER_STATUS_LABELS[member.status]}
            </ToneTag>,
            member.fromReserve ? '候补递补' : '随机抽取',
            ...(member.recusalReason ? [`回避原因：${member.recusalReason}`] : []),
          ],
        })}
      />
    </div>
  );
}

/** 抽取评审专家: the requirement before the draw, the draw, the committee and its verification. */
export function CommitteeSection({
  tenderId,
  evaluating,
  state,
}: {
  tenderId: string;
  evaluating: boolean;
  state: CommitteeState;
}) {
  return (
    <SectionCard style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        抽取评审专家
      </Typography.Title>
      {state.drawn ? (
        <>
          <DrawnCommittee committee={state.committee} />
          <Verification tenderId={tenderId} />
        </>
      ) : state.requirement === null ? (
        <Alert type="info" showIcon title="该采购方式不抽取评审专家组成委员会" />
      ) : (
        <>
          <RequirementNotice requirement={state.requirement} />
          {evaluating ? (
            <DrawForm tenderId={tenderId} requirement={state.requirement} />
          ) : (
            <Alert type="warning" showIcon title="项目不在评审阶段，不能抽取评审专家" />
          )}
        </>
      )}
    </SectionCard>
  );
}
