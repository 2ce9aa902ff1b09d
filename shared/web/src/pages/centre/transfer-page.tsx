import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AuctionBoard, QuoteHistory } from '../../components/auction-board';
import { PageLoading } from '../../components/page-loading';
import { PageSection as Section } from '../../components/page-section';
import { ProblemAlert } from '../../components/problem-alert';
import { TenderStatusTag, ToneTag } from '../../components/public-tags';
import { auctionKey, useLiveAuction, useQuoteHistory } from '../../lib/live';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { getTender } from '../../services/public';
import {
  type DepositLedgerLineData,
  decideDeposit,
  fetchDepositLedger,
  recordDepositRefund,
} from '../../services/transfers';

/** What the centre is asked for in a dialog: a refusal's reason or a refund's bank reference. */
type Ask = { kind: 'reject' | 'refund'; line: DepositLedgerLineData } | null;

/** The application's status as a tag. */
function StatusTag({ line }: { line: DepositLedgerLineData }) {
  if (line.status === 'applied') return <ToneTag tone="orange">待确认</ToneTag>;
  if (line.status === 'rejected') return <ToneTag tone="grey">不予确认</ToneTag>;
  return <ToneTag tone="green">已确认</ToneTag>;
}

/** Where the deposit stands: held, applied to the price, due back (by when, late?), refunded. */
function Settlement({ line }: { line: DepositLedgerLineData }) {
  switch (line.settlement) {
    case 'held':
      return <span>保管中</span>;
    case 'appliedToPrice':
      return <span>抵作出让价款</span>;
    case 'refundDue':
      return (
        <span>
          应于 {line.refundDueOn} 前退还
          {line.refundLate && (
            <>
              {' '}
              <ToneTag tone="red">已逾期</ToneTag>
            </>
          )}
        </span>
      );
    default:
      return (
        <span>
          已退还（{line.refundedAt ? showBeijing(line.refundedAt) : '—'}，流水号 {line.refundReference}）
        </span>
      );
  }
}

/** 保证金台账: every application of one transfer with what the centre does next. */
function DepositLedgerTable({ tenderId }: { tenderId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [ask, setAsk] = useState<Ask>(null);
  const [text, setText] = useState('');
  const ledger = useQuery({
    queryKey: ['centre', 'deposits', tenderId],
    queryFn: ({ signal }) => fetchDepositLedger(tenderId, signal),
    refetchInterval: 15_000,
  });
  const done = (note: string) => {
    void message.success(note);
    setAsk(null);
    setText('');
    void queryClient.invalidateQueries({ queryKey: ['centre', 'deposits', tenderId] });
  };
  const confirm = useMutation({
    mutationFn: (line: DepositLedgerLineData) =>
      decideDeposit(tenderId, line.supplierOrgId, { decision: 'confirm' }),
    onSuccess: (line) => done(`已确认 ${line.supplierName} 的保证金，竞买号 ${line.bidderNo}`),
  });
  const answer = useMutation({
    mutationFn: ({ kind, line }: NonNullable<Ask>) =>
      kind === 'reject'
        ? decideDeposit(tenderId, line.supplierOrgId, { decision: 'reject', reason: text.trim() })
        : recordDepositRefund(tenderId, line.supplierOrgId, { reference: text.trim() }),
    onSuccess: (line, { kind }) =>
      done(
        kind === 'reject' ? `已退回 ${line.supplierName} 的竞买申请` : `已登记 ${line.supplierName} 的退款`,
      ),
  });
  if (ledger.isPending) return <PageLoading label="正在读取保证金台账…" />;
  if (ledger.isError) return <ProblemAlert error={ledger.error} />;
  const lines = ledger.data.lines;
  const late = lines.filter((line) => line.refundLate).length;
  const minLength = ask?.kind === 'reject' ? 2 : 4;
  return (
    <div>
      <Typography.Paragraph>
        出让公告要求的竞买保证金：{showYuan(ledger.data.depositFen)}。共 {lines.length} 份申请，待确认{' '}
        {lines.filter((line) => line.status === 'applied').length} 份；台账日期 {ledger.data.today}。
      </Typography.Paragraph>
      {late > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${late} 笔保证金已超过退还期限`}
          description="未竞得人的保证金应在交易结束之日起 5 个工作日内退还（福建网上交易规则第四十六条）。"
        />
      )}
      <ProblemAlert error={confirm.error} />
      <Table
        size="small"
        rowKey="supplierOrgId"
        aria-label="保证金台账"
        dataSource={lines}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: '尚无竞买申请' }}
        columns={[
          { title: '竞买人', dataIndex: 'supplierName' },
          { title: '申请时间', dataIndex: 'appliedAt', render: (at: string) => showBeijing(at) },
          {
            title: '保证金',
            key: 'deposit',
            render: (_: unknown, line) => (
              <div>
                <div>{showYuan(line.deposit.amountFen)}</div>
                <div style={{ color: '#595959' }}>
                  {line.deposit.kind === 'guarantee' ? '保函' : '转账'} {line.deposit.reference}
                </div>
                <div style={{ color: '#595959' }}>
                  {line.deposit.payerAccountName} {line.deposit.payerAccountNo}
                </div>
              </div>
            ),
          },
          { title: '状态', key: 'status', render: (_: unknown, line) => <StatusTag line={line} /> },
          { title: '竞买号', dataIndex: 'bidderNo', render: (no: string | null) => no ?? '—' },
          {
            title: '保证金去向',
            key: 'settlement',
            render: (_: unknown, line) => <Settlement line={line} />,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, line) => (
              <Space wrap>
                {line.status === 'applied' && (
                  <>
                    <Button
                      type="primary"
                      size="small"
                      loading={confirm.isPending && confirm.variables?.supplierOrgId === line.supplierOrgId}
                      onClick={() => confirm.mutate(line)}
                      aria-label={`确认到账：${line.supplierName}`}
                    >
                      确认到账
                    </Button>
                    <Button size="small" onClick={() => setAsk({ kind: 'reject', line })}>
                      不予确认
                    </Button>
                  </>
                )}
                {line.settlement === 'refundDue' && (
                  <Button
                    size="small"
                    onClick={() => setAsk({ kind: 'refund', line })}
                    aria-label={`登记退款：${line.supplierName}`}
                  >
                    登记退款
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={ask !== null}
        title={
          ask?.kind === 'reject'
            ? `不予确认：${ask.line.supplierName}`
            : `登记退款：${ask?.line.supplierName ?? ''}`
        }
        okText={ask?.kind === 'reject' ? '退回申请' : '登记退款'}
        cancelText="取消"
        okButtonProps={{ disabled: text.trim().length < minLength }}
        confirmLoading={answer.isPending}
        onOk={() => ask && answer.mutate(ask)}
        onCancel={() => {
          setAsk(null);
          setText('');
        }}
      >
        <Typography.Paragraph>
          {ask?.kind === 'reject'
            ? '请写明不予确认的理由（例如保证金未到账或金额不足），竞买人将看到该理由，保证金即转为应退。'
            : `退还 ${ask ? showYuan(ask.line.deposit.amountFen) : ''} 至 ${ask?.line.deposit.payerAccountName ?? ''}，请填写退款的银行流水号。`}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={ask?.kind === 'reject' ? '不予确认的理由' : '退款流水号'}
          value={text}
          rows={ask?.kind === 'reject' ? 3 : 1}
          maxLength={ask?.kind === 'reject' ? 500 : 80}
          onChange={(event) => setText(event.target.value)}
        />
        <ProblemAlert error={answer.error} />
      </Modal>
    </div>
  );
}

/** The centre's page of one listing or auction: the live board, the deposit ledger, the quotes. */
export function CentreTransferPage() {
  const { tenderId = '' } = useParams();
  const queryClient = useQueryClient();
  const tender = useQuery({
    queryKey: ['tender', tenderId],
    queryFn: ({ signal }) => getTender(tenderId, signal),
  });
  const live = useLiveAuction(tenderId);
  const history = useQuoteHistory(tenderId, live.data?.quoteCount);
  if (tender.isPending) return <PageLoading />;
  if (tender.isError) return <ProblemAlert error={tender.error} />;
  const t = tender.data.tender;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }}>
        出让项目：保证金与竞价
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <TenderStatusTag status={t.status} live />
        <Link to={`/tenders/${t.id}`}>{t.content.title}</Link>
        <span>{t.content.purchasingUnitName}</span>
      </Space>
      <Section title="保证金台账">
        <DepositLedgerTable tenderId={tenderId} />
      </Section>
      <Section title="竞价实况">
        {live.isError && <ProblemAlert error={live.error} />}
        {live.data && (
          <AuctionBoard
            view={live.data}
            liveStatus={live.liveStatus}
            onEnded={() => void queryClient.invalidateQueries({ queryKey: auctionKey(tenderId) })}
          />
        )}
      </Section>
      <Section title="报价记录">
        <QuoteHistory quotes={history.data ?? live.data?.recentQuotes ?? []} />
      </Section>
    </div>
  );
}
