import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  AnswerChallengeBodySchema,
  ChallengeContactSchema,
  FileChallengeBodySchema,
} from '../../../schemas/challenge';
import type { BodyOf } from '../lib/api';
import { ruleFrom } from '../lib/form-rules';
import { showBeijing } from '../lib/time';
import { answerChallenge, type ChallengeData, fetchChallenges, fileChallenge } from '../services/challenges';
import { ConfirmSend } from './confirm-send';
import { ProblemAlert } from './problem-alert';
import { EmptyNote } from './public-rows';
import { ToneTag } from './public-tags';

/** What a challenge is about, in words. */
const SUBJECT_LABELS = { documents: '采购文件', process: '采购过程', result: '中标（成交）结果' } as const;
/** The steps a process challenge may name. */
const STEP_LABELS = { opening: '开标', evaluation: '评审' } as const;
/** The outcomes of an answer (94号令第十六条). */
const OUTCOME_LABELS = {
  rejected: '质疑不成立',
  upheldNoEffect: '质疑成立，但未对中标、成交结果构成影响',
  upheld: '质疑成立，且影响或者可能影响中标、成交结果',
} as const;
/** What an upheld challenge leads to (94号令第十六条第一、二项). */
const REMEDY_LABELS = {
  amendDocuments: '澄清或者修改采购文件后继续开展采购活动',
  reEvaluate: '从合格的候选人中另行确定中标、成交供应商',
  reprocure: '重新开展采购活动',
} as const;

/** Query key of a tender's challenges. */
const challengeKey = (tenderId: string) => ['challenges', tenderId] as const;

/** The state of a challenge: waiting, answered, late. */
function ChallengeStatus({ challenge }: { challenge: ChallengeData }) {
  if (challenge.answer)
    return challenge.answer.late ? (
      <ToneTag tone="orange">逾期答复</ToneTag>
    ) : (
      <ToneTag tone="green">已答复</ToneTag>
    );
  return challenge.overdue ? <ToneTag tone="red">逾期未答复</ToneTag> : <ToneTag tone="blue">待答复</ToneTag>;
}

/** One challenge letter and its answer, as its parties read them. */
function ChallengeCard({
  challenge,
  showHold,
  children,
}: {
  challenge: ChallengeData;
  showHold: boolean;
  children?: React.ReactNode;
}) {
  const wide = Grid.useBreakpoint().sm ?? true;
  const items = [
    { key: 'supplier', label: '质疑供应商', children: challenge.supplierName },
    {
      key: 'subject',
      label: '质疑事项',
      children: `${SUBJECT_LABELS[challenge.subject]}${challenge.step ? `（${STEP_LABELS[challenge.step]}环节）` : ''}`,
    },
    { key: 'filedAt', label: '收到质疑函', children: showBeijing(challenge.filedAt) },
    {
      key: 'window',
      label: '质疑期',
      children: challenge.window
        ? `自${challenge.window.basis}（${challenge.window.startDay}）起7个工作日，至 ${challenge.window.lastDay}`
        : '该环节尚未结束，质疑期尚未起算',
    },
    { key: 'due', label: '答复期限', children: `${challenge.answerDueOn}（7个工作日，94号令第十三条）` },
    {
      key: 'contact',
      label: '联系人',
      children: `${challenge.contact.name} ${challenge.contact.phone}；${challenge.contact.address}（${challenge.contact.postcode}）`,
    },
    { key: 'matters', label: '质疑事项和请求', span: 'filled' as const, children: challenge.matters },
    { key: 'facts', label: '事实依据', span: 'filled' as const, children: challenge.facts },
    { key: 'legal', label: '法律依据', span: 'filled' as const, children: challenge.legalBasis },
  ];
  if (challenge.answer)
    items.push(
      {
        key: 'outcome',
        label: '答复结论',
        span: 'filled' as const,
        children: `${OUTCOME_LABELS[challenge.answer.outcome]}${challenge.answer.remedy ? `：${REMEDY_LABELS[challenge.answer.remedy]}` : ''}${challenge.answer.committeeAssisted ? '（原评标委员会协助答复）' : ''}`,
      },
      { key: 'reply', label: '答复内容', span: 'filled' as const, children: challenge.answer.reply },
      {
        key: 'answered',
        label: '答复人与日期',
        span: 'filled' as const,
        children: `${challenge.answer.answeredBy}，${showBeijing(challenge.answer.answeredAt)}${challenge.answer.late ? '（超过答复期限）' : ''}。对答复不满意的，可在答复期满后15个工作日内向财政部门投诉（94号令第十七条）。`,
      },
    );
  return (
    <div style={{ marginBottom: 16 }} data-challenge-id={challenge.id}>
      <div style={{ marginBottom: 8 }}>
        <ChallengeStatus challenge={challenge} />
        {showHold && challenge.blocksContract && (
          <ToneTag tone="orange">暂停签订合同（实施条例第五十四条）</ToneTag>
        )}
      </div>
      <Descriptions
        bordered
        size="small"
        layout={wide ? 'horizontal' : 'vertical'}
        column={{ xs: 1, sm: 2 }}
        items={items}
      />
      {children}
    </div>
  );
}

/** The challenges list with its counts. */
function ChallengeList({
  list,
  empty,
  action,
  showHold = false,
}: {
  list: { items: ChallengeData[]; pending: number; overdue: number };
  empty: string;
  action?: (challenge: ChallengeData) => React.ReactNode;
  /** Whether to mark the challenges that hold the contract (the purchasing unit's view). */
  showHold?: boolean;
}) {
  if (list.items.length === 0) return <EmptyNote text={empty} />;
  return (
    <>
      <Typography.Paragraph>
        共 {list.items.length} 件质疑，待答复 {list.pending} 件
        {list.overdue > 0 && (
          <Typography.Text type="danger">，其中 {list.overdue} 件已超过答复期限</Typography.Text>
        )}
        。
      </Typography.Paragraph>
      {list.items.map((challenge) => (
        <ChallengeCard key={challenge.id} challenge={challenge} showHold={showHold}>
          {action?.(challenge)}
        </ChallengeCard>
      ))}
    </>
  );
}

/** The form values of a challenge letter. */
type LetterValues = BodyOf<'fileChallenge'>;

/** A participating supplier's challenge letter (质疑函, 94号令第十二条), sent after a confirmation. */
function ChallengeForm({ tenderId }: { tenderId: string }) {
  const [form] = Form.useForm<LetterValues>();
  const subject = Form.useWatch('subject', form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<LetterValues | null>(null);
  const send = useMutation({
    mutationFn: (body: LetterValues) => fileChallenge(tenderId, body),
    onSuccess: (challenge) => {
      setConfirming(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: challengeKey(tenderId) });
      void queryClient.invalidateQueries({ queryKey: ['tender', tenderId, 'audit'] });
      void message.success(`质疑函已送达，采购人应在 ${challenge.answerDueOn} 前答复`);
    },
  });
  const text = (schema: { safeParse(v: unknown): { success: boolean } }, what: string) => [
    { required: true, whitespace: true, message: `请填写${what}` },
    ruleFrom(schema as Parameters<typeof ruleFrom>[0], `${what}的长度不符合要求`),
  ];
  const shape = FileChallengeBodySchema.shape;
  const contact = ChallengeContactSchema.shape;
  return (
    <Form form={form} layout="vertical" onFinish={(values) => setConfirming(values)} aria-label="提出质疑">
      <Form.Item
        name="subject"
        label="质疑事项"
        rules={[{ required: true, message: '请选择质疑的是采购文件、采购过程还是结果' }]}
      >
        <Radio.Group
          options={Object.entries(SUBJECT_LABELS).map(([value, label]) => ({ value, label }))}
          optionType="button"
        />
      </Form.Item>
      {subject === 'process' && (
        <Form.Item
          name="step"
          label="所质疑的程序环节"
          rules={[{ required: true, message: '请选择程序环节' }]}
        >
          <Select options={Object.entries(STEP_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      )}
      <Form.Item
        name="matters"
        label="具体、明确的质疑事项和请求"
        rules={text(shape.matters, '质疑事项和请求')}
      >
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="facts" label="事实依据" rules={text(shape.facts, '事实依据')}>
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="legalBasis" label="法律依据" rules={text(shape.legalBasis, '法律依据')}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name={['contact', 'name']} label="联系人" rules={text(contact.name, '联系人')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['contact', 'phone']} label="联系电话" rules={text(contact.phone, '联系电话')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item name={['contact', 'address']} label="地址" rules={text(contact.address, '地址')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name={['contact', 'postcode']} label="邮编" rules={text(contact.postcode, '邮编')}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit">
        提交质疑函
      </Button>
      <ConfirmSend
        value={confirming}
        title="确认提交质疑函"
        action="提交质疑函"
        send={send}
        onClose={() => setConfirming(null)}
      >
        <Typography.Paragraph>
          质疑函将以贵单位名义送达采购人，提交日期由平台记录；质疑期外提交的将被拒绝（94号令第十条）。
        </Typography.Paragraph>
      </ConfirmSend>
    </Form>
  );
}

/** 质疑 on a tender's page for a signed-in supplier: its challenges and the answers it may read, and the letter form. */
export function SupplierChallenges({ tenderId }: { tenderId: string }) {
  const list = useQuery({
    queryKey: challengeKey(tenderId),
    queryFn: ({ signal }) => fetchChallenges(tenderId, signal),
  });
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Typography.Text type="secondary">正在读取质疑…</Typography.Text>;
  return (
    <>
      <Typography.Paragraph type="secondary">
        参与本项目采购活动的供应商，认为采购文件、采购过程或中标（成交）结果使自己的权益受到损害的，可在知道或者应知之日起7个工作日内提出质疑（政府采购法第五十二条；94号令第十条、第十一条）。
      </Typography.Paragraph>
      <ChallengeList list={list.data} empty="贵单位尚未对本项目提出质疑。" />
      <ChallengeForm tenderId={tenderId} />
    </>
  );
}

/** The answer values. */
type AnswerValues = BodyOf<'answerChallenge'>;

/** The purchasing unit's answer to one challenge (质疑答复, 94号令第十五条), after a confirmation. */
function AnswerForm({ tenderId, challenge }: { tenderId: string; challenge: ChallengeData }) {
  const [form] = Form.useForm<AnswerValues>();
  const outcome = Form.useWatch('outcome', form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<AnswerValues | null>(null);
  const send = useMutation({
    mutationFn: (body: AnswerValues) => answerChallenge(tenderId, challenge.id, body),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: challengeKey(tenderId) });
      void queryClient.invalidateQueries({ queryKey: ['purchaser', 'tender', tenderId] });
      void message.success('质疑答复已送达质疑供应商和其他有关供应商');
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12 }}
      onFinish={(values) => setConfirming(values)}
      aria-label={`答复质疑 ${challenge.supplierName}`}
    >
      <Form.Item
        name="outcome"
        label="答复结论（94号令第十六条）"
        rules={[{ required: true, message: '请选择答复结论' }]}
      >
        <Radio.Group options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      {outcome === 'upheld' && (
        <Form.Item name="remedy" label="处理方式" rules={[{ required: true, message: '请选择处理方式' }]}>
          <Select options={Object.entries(REMEDY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      )}
      <Form.Item
        name="reply"
        label="答复内容、事实依据和法律依据"
        rules={[
          { required: true, whitespace: true, message: '请填写答复内容' },
          ruleFrom(AnswerChallengeBodySchema.shape.reply, '答复内容须为 10 至 10,000 字'),
        ]}
        extra="答复不得涉及商业秘密（94号令第十五条）。"
      >
        <Input.TextArea rows={4} maxLength={10_000} showCount />
      </Form.Item>
      <Form.Item name="committeeAssisted" valuePropName="checked">
        <Checkbox>原评标委员会协助答复（94号令第十四条）</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit">
        发布质疑答复
      </Button>
      <ConfirmSend
        value={confirming === null ? null : { committeeAssisted: false, ...confirming }}
        title="确认发布质疑答复"
        action="发布质疑答复"
        send={send}
        onClose={() => setConfirming(null)}
      >
        <Typography.Paragraph>答复将送达质疑供应商和其他有关供应商，发布后不能修改。</Typography.Paragraph>
      </ConfirmSend>
    </Form>
  );
}

/** 供应商质疑 on the purchasing unit's tender page: every challenge, and an answer form under each open one. */
export function PurchaserChallenges({ tenderId }: { tenderId: string }) {
  const list = useQuery({
    queryKey: challengeKey(tenderId),
    queryFn: ({ signal }) => fetchChallenges(tenderId, signal),
    refetchInterval: 60_000,
  });
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Typography.Text type="secondary">正在读取质疑…</Typography.Text>;
  return (
    <>
      {list.data.items.some((c) => c.blocksContract) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="有质疑可能影响中标、成交结果：暂停签订合同"
          description="质疑答复前或质疑成立且影响结果时，平台不予登记合同（实施条例第五十四条）。"
        />
      )}
      <ChallengeList
        list={list.data}
        empty="尚无供应商质疑。收到质疑函后须在7个工作日内答复（94号令第十三条）。"
        showHold
        action={(challenge) =>
          challenge.answer ? null : <AnswerForm tenderId={tenderId} challenge={challenge} />
        }
      />
    </>
  );
}
