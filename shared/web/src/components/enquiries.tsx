import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { AnswerEnquiryBodySchema, AskEnquiryBodySchema } from '../../../schemas/enquiry';
import type { ResponseOf } from '../lib/api';
import { ruleFrom } from '../lib/form-rules';
import { showBeijing } from '../lib/time';
import {
  answerEnquiry,
  askEnquiry,
  type EnquiryData,
  fetchEnquiries,
  fetchMyEnquiries,
} from '../services/enquiries';
import { getTenderAudit } from '../services/public';
import { ConfirmSend } from './confirm-send';
import { ProblemAlert } from './problem-alert';
import { EmptyNote } from './public-rows';
import { ToneTag } from './public-tags';

/** The answer period and the article that sets it, as the pages cite it. */
const ANSWER_PERIOD = '3个工作日，实施条例第五十二条';

/** Query keys of a tender's enquiries, so that every view refreshes after a question or an answer. */
export const enquiryKeys = {
  all: (tenderId: string) => ['enquiries', tenderId] as const,
  mine: (tenderId: string) => ['enquiries', tenderId, 'mine'] as const,
  restricted: (tenderId: string) => ['enquiries', tenderId, 'restricted'] as const,
};

/** The state of an enquiry in words and a tone: waiting, answered, or late. */
function EnquiryStatus({ enquiry }: { enquiry: EnquiryData }) {
  if (enquiry.status === 'answered')
    return enquiry.overdue ? (
      <ToneTag tone="orange">逾期答复</ToneTag>
    ) : (
      <ToneTag tone="green">已答复</ToneTag>
    );
  return enquiry.overdue ? <ToneTag tone="red">逾期未答复</ToneTag> : <ToneTag tone="blue">待答复</ToneTag>;
}

/** The corrections of a tender, from its public audit events: notice id → what it corrected and when. */
function useCorrections(tenderId: string): Map<string, string> {
  const audit = useQuery({
    queryKey: ['tender', tenderId, 'audit'],
    queryFn: ({ signal }) => getTenderAudit(tenderId, signal),
  });
  const corrections = new Map<string, string>();
  for (const event of audit.data?.events ?? []) {
    if (event.type !== 'tender.corrected' || event.bidId) continue;
    const data = event.data as { summary?: string; noticeIds?: string[] };
    const noticeId = data.noticeIds?.[0];
    if (noticeId) corrections.set(noticeId, `${showBeijing(event.at)} 更正公告：${data.summary ?? '更正'}`);
  }
  return corrections;
}

/** Questions and answers in order; `extra` adds a line under one (the asker, for the centre; a form). */
export function EnquiryItems({
  tenderId,
  items,
  mine,
  extra,
  empty = '尚无供应商询问。',
}: {
  tenderId: string;
  items: readonly EnquiryData[];
  mine?: ReadonlySet<string>;
  extra?: (enquiry: EnquiryData) => ReactNode;
  empty?: string;
}) {
  const corrections = useCorrections(tenderId);
  if (items.length === 0) return <EmptyNote text={empty} />;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} aria-label="询问与答复">
      {items.map((enquiry) => (
        <li key={enquiry.id} style={{ marginBottom: 16 }} data-enquiry-id={enquiry.id}>
          <div>
            <EnquiryStatus enquiry={enquiry} />
            {mine?.has(enquiry.id) && <ToneTag tone="purple">我的询问</ToneTag>}
            <Typography.Text type="secondary">
              询问于 {showBeijing(enquiry.askedAt)} · 答复期限 {enquiry.answerDueOn}（{ANSWER_PERIOD}）
            </Typography.Text>
          </div>
          <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>
            <Typography.Text strong>问：</Typography.Text>
            {enquiry.question}
          </Typography.Paragraph>
          {enquiry.answer ? (
            <div style={{ borderInlineStart: '3px solid #b7eb8f', paddingInlineStart: 12 }}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                <Typography.Text strong>答：</Typography.Text>
                {enquiry.answer.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                答复于 {showBeijing(enquiry.answer.answeredAt)}
                {enquiry.answer.late ? '（超过答复期限）' : ''}
              </Typography.Text>
              {enquiry.answer.correctionNoticeId && (
                <div>
                  修改了采购文件：
                  {corrections.get(enquiry.answer.correctionNoticeId) ?? '见本项目的更正公告'}
                  （87号令第二十七条）
                </div>
              )}
            </div>
          ) : (
            <Typography.Text type="secondary">采购人应在 {enquiry.answerDueOn} 前答复。</Typography.Text>
          )}
          {extra?.(enquiry)}
        </li>
      ))}
    </ol>
  );
}

/** The counts line: how many wait, and how many are late. */
function Counts({ list }: { list: { pending: number; overdue: number; items: readonly unknown[] } }) {
  if (list.items.length === 0) return null;
  return (
    <Typography.Paragraph>
      共 {list.items.length} 条询问，待答复 {list.pending} 条
      {list.overdue > 0 ? (
        <>
          ，<Typography.Text type="danger">其中 {list.overdue} 条已超过答复期限</Typography.Text>
        </>
      ) : null}
      。
    </Typography.Paragraph>
  );
}

/** A supplier's form to ask (询问); its name is never shown to anyone but the centre. */
function AskForm({ tenderId }: { tenderId: string }) {
  const [form] = Form.useForm<{ question: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const ask = useMutation({
    mutationFn: (question: string) => askEnquiry(tenderId, { question }),
    onSuccess: (enquiry) => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: enquiryKeys.all(tenderId) });
      // The question is on the tender's audit chain
      void queryClient.invalidateQueries({ queryKey: ['tender', tenderId, 'audit'] });
      void message.success(`询问已提交，采购人应在 ${enquiry.answerDueOn} 前答复`);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => ask.mutate(values.question)}
      style={{ marginTop: 16 }}
      aria-label="提出询问"
    >
      <Form.Item
        name="question"
        label="提出询问（政府采购法第五十一条）"
        extra="问题与答复将在本页公开；您的单位名称不会公开，仅交易中心可见。"
        rules={[
          { required: true, whitespace: true, message: '请填写问题' },
          ruleFrom(AskEnquiryBodySchema.shape.question, '问题须为 5 至 2,000 字'),
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder="例如：第三章技术参数中“不低于”是否含本数？"
        />
      </Form.Item>
      <ProblemAlert error={ask.error} onClose={() => ask.reset()} />
      <Button type="primary" htmlType="submit" loading={ask.isPending}>
        提交询问
      </Button>
    </Form>
  );
}

/**
 * 询问与答复 on a tender's public page: every question and its answer, the askers unnamed; a
 * signed-in supplier also sees which questions are its own and may ask.
 */
export function PublicEnquiries({ tenderId, supplier }: { tenderId: string; supplier: boolean }) {
  const list = useQuery({
    queryKey: enquiryKeys.all(tenderId),
    queryFn: ({ signal }) => fetchEnquiries(tenderId, signal),
  });
  const mine = useQuery({
    queryKey: enquiryKeys.mine(tenderId),
    queryFn: ({ signal }) => fetchMyEnquiries(tenderId, signal),
    enabled: supplier,
  });
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Typography.Text type="secondary">正在读取询问…</Typography.Text>;
  return (
    <>
      <Counts list={list.data} />
      <EnquiryItems
        tenderId={tenderId}
        items={list.data.items}
        mine={new Set(mine.data?.items.map((e) => e.id) ?? [])}
      />
      {supplier && <AskForm tenderId={tenderId} />}
    </>
  );
}

/** A correction notice the answer may point at, as the select offers it. */
interface CorrectionOption {
  value: string;
  label: string;
}

/** The purchasing unit's answer to one question, sent after a confirmation (it is published at once). */
function AnswerForm({
  tenderId,
  enquiry,
  corrections,
}: {
  tenderId: string;
  enquiry: EnquiryData;
  corrections: CorrectionOption[];
}) {
  const [form] = Form.useForm<{ answer: string; correctionNoticeId?: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<{ answer: string; correctionNoticeId?: string } | null>(null);
  const send = useMutation({
    mutationFn: (body: { answer: string; correctionNoticeId?: string }) =>
      answerEnquiry(tenderId, enquiry.id, body),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: enquiryKeys.all(tenderId) });
      // The answer is on the tender's audit chain: its version and ETag moved
      void queryClient.invalidateQueries({ queryKey: ['purchaser', 'tender', tenderId] });
      void queryClient.invalidateQueries({ queryKey: ['tender', tenderId, 'audit'] });
      void message.success('答复已发布');
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => setConfirming(values)}
      style={{ marginTop: 8 }}
      aria-label={`答复询问 ${enquiry.id}`}
    >
      <Form.Item
        name="answer"
        label="答复"
        rules={[
          { required: true, whitespace: true, message: '请填写答复' },
          ruleFrom(AnswerEnquiryBodySchema.shape.answer, '答复须为 2 至 5,000 字'),
        ]}
      >
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item
        name="correctionNoticeId"
        label="答复修改了采购文件时，关联已发布的更正公告"
        extra="澄清或修改采购文件须先以更正公告发布，影响投标文件编制的须在截止前至少15日（87号令第二十七条）。"
      >
        <Select
          allowClear
          placeholder={corrections.length === 0 ? '本项目尚无更正公告' : '不涉及修改采购文件'}
          options={corrections}
          disabled={corrections.length === 0}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        发布答复
      </Button>
      <ConfirmSend
        value={confirming}
        title="确认发布答复"
        action="发布答复"
        send={send}
        onClose={() => setConfirming(null)}
      >
        <Typography.Paragraph>答复将与问题一起在项目页面公开，发布后不能修改。</Typography.Paragraph>
      </ConfirmSend>
    </Form>
  );
}

/** 供应商询问 on the purchasing unit's tender page: the questions, the clocks, and a form under each open one. */
export function PurchaserEnquiries({ tenderId }: { tenderId: string }) {
  const list = useQuery({
    queryKey: enquiryKeys.all(tenderId),
    queryFn: ({ signal }) => fetchEnquiries(tenderId, signal),
    refetchInterval: 60_000,
  });
  const corrections = [...useCorrections(tenderId)].map(([value, label]) => ({ value, label }));
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Typography.Text type="secondary">正在读取询问…</Typography.Text>;
  return (
    <>
      {list.data.overdue > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${list.data.overdue} 条询问已超过答复期限`}
          description="采购人应在收到询问后3个工作日内答复（实施条例第五十二条）；逾期情况交易中心可见。"
        />
      )}
      <Counts list={list.data} />
      <EnquiryItems
        tenderId={tenderId}
        items={list.data.items}
        empty="尚无供应商询问。供应商的询问会出现在这里，请在3个工作日内答复。"
        extra={(enquiry) =>
          enquiry.status === 'pending' ? (
            <AnswerForm tenderId={tenderId} enquiry={enquiry} corrections={corrections} />
          ) : null
        }
      />
    </>
  );
}

/** The centre's list of a tender's enquiries: the askers named, the late ones flagged. */
export function CentreEnquiries({
  tenderId,
  list,
}: {
  tenderId: string;
  list: ResponseOf<'listRestrictedEnquiries'>;
}) {
  const askers = new Map(list.items.map((e) => [e.id, e.asker]));
  return (
    <>
      <Counts list={list} />
      <EnquiryItems
        tenderId={tenderId}
        items={list.items}
        extra={(enquiry) => {
          const asker = askers.get(enquiry.id);
          return asker ? (
            <div>
              <Typography.Text type="secondary">询问人（仅交易中心可见）：</Typography.Text>
              {asker.name}
            </div>
          ) : null;
        }}
      />
    </>
  );
}
