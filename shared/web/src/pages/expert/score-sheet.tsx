import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Grid, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import {
  type EvaluationSessionView,
  type ScoreSheetBody,
  type SessionBidView,
  submitScoreSheet,
} from '../../services/expert';
import { SCALE_LABELS } from '../../services/supplier';
import { type PointsReading, readPoints, showPoints, sumPoints } from './points';
import { type DraftSaver, useDraftSaver } from './use-draft-saver';

/** A criterion of the session. */
type Criterion = EvaluationSessionView['criteria'][number];

/** What the member has typed: points as text per bid and criterion, and disqualification reasons. */
interface SheetInput {
  texts: Record<string, Record<string, string>>;
  /** A bid found not qualified, with the reason typed so far (present = ticked). */
  disqualify: Record<string, string>;
}

/** The least a disqualification reason must say (the API's limit). */
const MIN_REASON = 2;

/** The member's typed sheet, starting from the draft the server kept. */
function initialInput(session: EvaluationSessionView): SheetInput {
  const texts: SheetInput['texts'] = {};
  for (const bid of session.bids) {
    const stored = session.sheet?.scores[bid.bidId] ?? {};
    texts[bid.bidId] = Object.fromEntries(
      Object.entries(stored).map(([id, points]) => [id, showPoints(points)]),
    );
  }
  return { texts, disqualify: { ...(session.sheet?.disqualify ?? {}) } };
}

/** Every cell read against its criterion, the body to save, and what is still missing or wrong. */
function readSheet(session: EvaluationSessionView, input: SheetInput) {
  const readings: Record<string, Record<string, PointsReading>> = {};
  const scores: ScoreSheetBody['scores'] = {};
  let invalid = 0;
  let missing = 0;
  for (const bid of session.bids) {
    const row: Record<string, PointsReading> = {};
    const points: Record<string, number> = {};
    const disqualified = input.disqualify[bid.bidId] !== undefined;
    for (const criterion of session.criteria) {
      const reading = readPoints(input.texts[bid.bidId]?.[criterion.id] ?? '', criterion.maxPoints);
      row[criterion.id] = reading;
      if (reading.kind === 'ok') points[criterion.id] = reading.points;
      else if (reading.kind === 'error') invalid += 1;
      else if (!disqualified) missing += 1;
    }
    readings[bid.bidId] = row;
    if (Object.keys(points).length > 0) scores[bid.bidId] = points;
  }
  const disqualify: Record<string, string> = {};
  for (const [bidId, reason] of Object.entries(input.disqualify)) {
    if (reason.trim().length < MIN_REASON) invalid += 1;
    else disqualify[bidId] = reason.trim();
  }
  return { readings, body: { scores, disqualify }, invalid, missing };
}

/** One score cell: the typed points, its limit, and why a value is refused. */
function PointsInput({
  id,
  label,
  criterion,
  text,
  reading,
  readOnly,
  onChange,
}: {
  id: string;
  label: string;
  criterion: Criterion;
  text: string;
  reading: PointsReading;
  readOnly: boolean;
  onChange: (text: string) => void;
}) {
  const error = reading.kind === 'error' ? reading.message : null;
  return (
    <div>
      <Input
        id={id}
        aria-label={label}
        value={text}
        inputMode="decimal"
        autoComplete="off"
        placeholder={`0–${criterion.maxPoints}`}
        readOnly={readOnly}
        variant={readOnly ? 'filled' : 'outlined'}
        status={error ? 'error' : ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        style={{ width: '100%', minWidth: 88 }}
      />
      {error && (
        <div id={`${id}-error`} role="alert" style={{ color: '#a8071a', fontSize: 13, marginTop: 2 }}>
          {error}
        </div>
      )}
    </div>
  );
}

/** The bid's own facts in a row header: who, its scale and its price. */
function BidHeader({ bid }: { bid: SessionBidView }) {
  return (
    <div>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {bid.supplierName}
      </Typography.Text>
      <div style={{ fontSize: 13 }}>
        {SCALE_LABELS[bid.supplierScale]}
        {typeof bid.priceFen === 'number' && <span> · 报价 {showYuan(bid.priceFen)}</span>}
      </div>
    </div>
  );
}

/** A bid's disqualification (资格性/符合性审查): a tick and the reason it needs. */
function DisqualifyInput({
  bid,
  reason,
  readOnly,
  onChange,
}: {
  bid: SessionBidView;
  reason: string | undefined;
  readOnly: boolean;
  onChange: (reason: string | undefined) => void;
}) {
  const ticked = reason !== undefined;
  const tooShort = ticked && reason.trim().length < MIN_REASON;
  const id = `disqualify-${bid.bidId}`;
  if (readOnly) {
    return ticked ? <ToneTag tone="red">不通过：{reason}</ToneTag> : <span>通过审查</span>;
  }
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Checkbox checked={ticked} onChange={(e) => onChange(e.target.checked ? '' : undefined)}>
        不通过资格性/符合性审查
      </Checkbox>
      {ticked && (
        <>
          <Input
            id={id}
            aria-label={`${bid.supplierName}：不通过审查的理由`}
            placeholder="理由（必填）"
            value={reason}
            maxLength={500}
            status={tooShort ? 'error' : ''}
            onChange={(e) => onChange(e.target.value)}
          />
          {tooShort && (
            <div role="alert" style={{ color: '#a8071a', fontSize: 13 }}>
              请说明不通过的理由（至少 {MIN_REASON} 个字）
            </div>
          )}
        </>
      )}
    </Space>
  );
}

/** The member's saving state in words: 已保存 with the time, or what is wrong. */
function SaveStatus({ saver, invalid, readOnly }: { saver: DraftSaver; invalid: number; readOnly: boolean }) {
  if (readOnly) return null;
  const { state } = saver;
  if (invalid > 0) {
    return <ToneTag tone="orange">有 {invalid} 处填写有误，修正后自动保存</ToneTag>;
  }
  switch (state.step) {
    case 'waiting':
    case 'saving':
      return <span aria-live="polite">正在保存草稿…</span>;
    case 'saved':
      return (
        <span aria-live="polite">
          <ToneTag tone="green">已保存</ToneTag>草稿保存于 {showBeijing(state.savedAt)}
        </span>
      );
    case 'failed':
      return <ToneTag tone="red">草稿未能保存</ToneTag>;
    default:
      return <span>尚未评分：输入分值后自动保存为草稿。</span>;
  }
}

/**
 * The member's score sheet: bids × criteria, each cell held to two decimals and its criterion's
 * points; saved as a draft while the member types, locked with a confirmation.
 */
export function ScoreSheet({ session }: { session: EvaluationSessionView }) {
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [input, setInput] = useState<SheetInput>(() => initialInput(session));
  const saver = useDraftSaver(session.tenderId, session.sheet?.savedAt ?? null);
  const [confirming, setConfirming] = useState(false);
  const locked = session.sheet?.status === 'submitted';
  const readOnly = locked || session.status !== 'evaluating';
  const { readings, invalid, missing } = readSheet(session, input);

  const lock = useMutation({
    mutationFn: async () => {
      await saver.flush();
      return submitScoreSheet(session.tenderId);
    },
    onSuccess: (sheet) => {
      setConfirming(false);
      queryClient.setQueryData<EvaluationSessionView>(['expert', 'session', session.tenderId], (current) =>
        current ? { ...current, sheet, seat: { ...current.seat, status: 'submitted' } } : current,
      );
      void queryClient.invalidateQueries({ queryKey: ['expert'] });
    },
  });

  const change = (next: SheetInput) => {
    setInput(next);
    const read = readSheet(session, next);
    if (read.invalid > 0) saver.cancel();
    else saver.schedule(read.body);
  };
  const setText = (bidId: string, criterionId: string, text: string) =>
    change({ ...input, texts: { ...input.texts, [bidId]: { ...input.texts[bidId], [criterionId]: text } } });
  const setDisqualify = (bidId: string, reason: string | undefined) => {
    const disqualify = { ...input.disqualify };
    if (reason === undefined) delete disqualify[bidId];
    else disqualify[bidId] = reason;
    change({ ...input, disqualify });
  };

  const totalMax = session.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const rowSum = (bidId: string) =>
    sumPoints(Object.values(readings[bidId] ?? {}).flatMap((r) => (r.kind === 'ok' ? [r.points] : [])));
  const cellLabel = (bid: SessionBidView, criterion: Criterion) =>
    `${bid.supplierName}：${criterion.name}（满分 ${criterion.maxPoints} 分）`;
  const cell = (bid: SessionBidView, criterion: Criterion) => (
    <PointsInput
      id={`points-${bid.bidId}-${criterion.id}`}
      label={cellLabel(bid, criterion)}
      criterion={criterion}
      text={input.texts[bid.bidId]?.[criterion.id] ?? ''}
      reading={readings[bid.bidId]?.[criterion.id] ?? { kind: 'empty' }}
      readOnly={readOnly}
      onChange={(text) => setText(bid.bidId, criterion.id, text)}
    />
  );
  const disqualifyCell = (bid: SessionBidView) => (
    <DisqualifyInput
      bid={bid}
      reason={input.disqualify[bid.bidId]}
      readOnly={readOnly}
      onChange={(reason) => setDisqualify(bid.bidId, reason)}
    />
  );

  return (
    <div>
      <Typography.Paragraph>
        {session.method === 'comprehensive'
          ? `请对每家有效投标逐项打分：分值为 0 至该项满分之间的数，最多两位小数（如 38.55）。价格分（权重 ${session.priceWeightPercent}%）由系统按评标基准价法计算${session.smallMicroDeductionPercent > 0 ? `，小微企业报价扣除 ${session.smallMicroDeductionPercent}% 后参与评审` : ''}，无需填写（87号令第五十五条）。`
          : '本项目采用最低评标价法，评委不逐项打分，只作资格性和符合性审查；不通过的须说明理由（87号令第五十六条）。'}
      </Typography.Paragraph>
      {locked && (
        <Alert
          type="success"
          showIcon
          title="评分表已锁定，不能再修改"
          description={`锁定时间：${session.sheet?.submittedAt ? showBeijing(session.sheet.submittedAt) : '—'}；评分表摘要（SHA-256）已写入项目审计链：${session.sheet?.digest ?? '—'}`}
          style={{ marginBottom: 16, overflowWrap: 'anywhere' }}
        />
      )}
      {!locked && readOnly && (
        <Alert type="info" showIcon title="评审已结束，评分表不能再填写" style={{ marginBottom: 16 }} />
      )}
      {screens.md ? (
        <Table
          rowKey="bidId"
          size="middle"
          pagination={false}
          scroll={{ x: true }}
          dataSource={session.bids}
          aria-label="评分表"
          columns={[
            { title: '投标人', key: 'bid', render: (_, bid) => <BidHeader bid={bid} />, width: 220 },
            ...session.criteria.map((criterion) => ({
              title: `${criterion.name}（满分 ${criterion.maxPoints} 分）`,
              key: criterion.id,
              render: (_: unknown, bid: SessionBidView) => cell(bid, criterion),
            })),
            ...(session.criteria.length > 0
              ? [
                  {
                    title: `合计（满分 ${totalMax} 分）`,
                    key: 'sum',
                    render: (_: unknown, bid: SessionBidView) => rowSum(bid.bidId),
                  },
                ]
              : []),
            {
              title: '资格性/符合性审查',
              key: 'disqualify',
              render: (_, bid) => disqualifyCell(bid),
              width: 220,
            },
          ]}
        />
      ) : (
        <ul aria-label="评分表" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {session.bids.map((bid) => (
            <li key={bid.bidId}>
              <Card size="small" style={{ marginBottom: 12 }}>
                <BidHeader bid={bid} />
                {session.criteria.map((criterion) => (
                  <div key={criterion.id} style={{ marginTop: 8 }}>
                    <label
                      htmlFor={`points-${bid.bidId}-${criterion.id}`}
                      style={{ display: 'block', marginBottom: 4 }}
                    >
                      {criterion.name}（满分 {criterion.maxPoints} 分）
                    </label>
                    {cell(bid, criterion)}
                  </div>
                ))}
                {session.criteria.length > 0 && (
                  <div style={{ marginTop: 8 }}>
                    合计：{rowSum(bid.bidId)} / {totalMax} 分
                  </div>
                )}
                <div style={{ marginTop: 8 }}>{disqualifyCell(bid)}</div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <div style={{ marginTop: 12 }}>
        <SaveStatus saver={saver} invalid={invalid} readOnly={readOnly} />
      </div>
      {saver.state.step === 'failed' && <ProblemAlert error={saver.state.error} />}
      {!readOnly && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            type="primary"
            disabled={invalid > 0 || (session.method === 'comprehensive' && missing > 0)}
            onClick={() => {
              lock.reset();
              setConfirming(true);
            }}
          >
            锁定评分表
          </Button>
          {invalid === 0 && session.method === 'comprehensive' && missing > 0 && (
            <span>还有 {missing} 项未评分，全部评完后才能锁定。</span>
          )}
        </Space>
      )}
      <Modal
        open={confirming}
        title="确认锁定评分表？"
        okText="确认锁定"
        cancelText="再检查一下"
        confirmLoading={lock.isPending}
        onOk={() => lock.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <Typography.Paragraph>
          锁定后评分表<strong>不能再修改</strong>，其摘要写入项目审计链；全部委员锁定后系统汇总计算评审结果。
        </Typography.Paragraph>
        <ProblemAlert error={lock.error} />
      </Modal>
    </div>
  );
}
