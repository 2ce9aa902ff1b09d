import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DepositProofSchema } from '../../../../schemas/transfer';
import { AuctionBoard, QuoteHistory } from '../../components/auction-board';
import { PageLoading } from '../../components/page-loading';
import { PageSection as Section } from '../../components/page-section';
import { ProblemAlert } from '../../components/problem-alert';
import { TenderStatusTag } from '../../components/public-tags';
import { transferTermItems } from '../../components/transfer-terms';
import { amountRules, ruleFrom } from '../../lib/form-rules';
import { auctionKey, useLiveAuction, useQuoteHistory } from '../../lib/live';
import { readYuan, showYuan } from '../../lib/money';
import { serverNow } from '../../lib/server-clock';
import { showBeijing, showBeijingDate } from '../../lib/time';
import { getTender } from '../../services/public';
import type { PublicTender } from '../../services/tender-types';
import {
  type AuctionViewData,
  applyForTransfer,
  fetchMyApplication,
  type MyApplicationData,
  placeQuote,
} from '../../services/transfers';

/** The deposit as the application form holds it (the amount as typed, in 元). */
interface ApplicationFormValues {
  amountYuan: string;
  kind: 'bankTransfer' | 'guarantee';
  payerAccountName: string;
  payerAccountNo: string;
  reference: string;
}

const proof = DepositProofSchema.shape;

/** What a confirmed deposit becomes, as the bidder reads it. */
function settlementText(application: MyApplicationData): string {
  switch (application.settlement) {
    case 'held':
      return '保证金由交易中心保管至竞价结束';
    case 'appliedToPrice':
      return '您已竞得，保证金抵作出让价款';
    case 'refundDue':
      return `应于 ${application.refundDueOn ?? '—'} 前退还${application.refundLate ? '（已逾期）' : ''}`;
    default:
      return `已退还（${application.refundedAt ? showBeijingDate(application.refundedAt) : '—'}，流水号 ${application.refundReference ?? '—'}）`;
  }
}

/** 竞买申请: the form before applying, then the application's status, 竞买号 and deposit. */
function MyApplication({
  tender,
  application,
  onApplied,
}: {
  tender: PublicTender;
  application: MyApplicationData | null;
  onApplied: (application: MyApplicationData) => void;
}) {
  const [form] = Form.useForm<ApplicationFormValues>();
  const deposit = tender.content.transfer?.depositFen ?? 0;
  const apply = useMutation({
    mutationFn: (values: ApplicationFormValues) => {
      const amount = readYuan(values.amountYuan);
      if (!amount.ok) throw new Error(amount.message);
      return applyForTransfer(tender.id, {
        deposit: {
          amountFen: amount.fen,
          kind: values.kind,
          payerAccountName: values.payerAccountName,
          payerAccountNo: values.payerAccountNo,
          reference: values.reference,
        },
      });
    },
    onSuccess: onApplied,
  });

  if (application) {
    const statusText =
      application.status === 'applied'
        ? '已提交，等待交易中心确认保证金到账'
        : application.status === 'rejected'
          ? `未通过：${application.rejectReason ?? '未说明理由'}`
          : '保证金已确认，可以报价';
    return (
      <div>
        {application.status === 'confirmed' && (
          <Typography.Paragraph style={{ fontSize: 16 }}>
            我的竞买号：
            <Typography.Text strong data-testid="own-bidder-no" style={{ fontSize: 24 }}>
              {application.bidderNo}
            </Typography.Text>
            <span style={{ color: '#595959' }}>（其他竞买人只看到竞买号，看不到单位名称）</span>
          </Typography.Paragraph>
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'status', label: '申请状态', children: statusText },
            { key: 'applied', label: '申请时间', children: showBeijing(application.appliedAt) },
            { key: 'amount', label: '保证金', children: showYuan(application.deposit.amountFen) },
            {
              key: 'kind',
              label: '缴纳方式',
              children: application.deposit.kind === 'guarantee' ? '银行保函' : '银行转账',
            },
            {
              key: 'ref',
              label: application.deposit.kind === 'guarantee' ? '保函编号' : '银行流水号',
              children: application.deposit.reference,
            },
            { key: 'settlement', label: '保证金去向', children: settlementText(application) },
          ]}
        />
      </div>
    );
  }

  const open =
    tender.status === 'tendering' &&
    serverNow().getTime() < Date.parse(tender.content.timeline.documentsUntil);
  if (!open)
    return (
      <Alert type="info" showIcon title="竞买申请已截止" description="本单位未提交竞买申请，不能参加报价。" />
    );
  return (
    <Form<ApplicationFormValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={{ amountYuan: (deposit / 100).toFixed(2), kind: 'bankTransfer' }}
      onFinish={(values) => apply.mutate(values)}
    >
      <Typography.Paragraph>
        竞买申请截止：{showBeijing(tender.content.timeline.documentsUntil)}
        （北京时间）。按出让公告缴纳竞买保证金 {showYuan(deposit)}{' '}
        后提交申请；交易中心确认到账后发给竞买号，凭竞买号报价。
      </Typography.Paragraph>
      <Form.Item label="保证金金额（元）" name="amountYuan" rules={amountRules('保证金金额')}>
        <Input inputMode="decimal" style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.Item label="缴纳方式" name="kind">
        <Radio.Group
          options={[
            { value: 'bankTransfer', label: '银行转账' },
            { value: 'guarantee', label: '银行保函' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label="付款账户名"
        name="payerAccountName"
        rules={[
          { required: true, message: '请填写付款账户名' },
          ruleFrom(proof.payerAccountName, '账户名无效'),
        ]}
      >
        <Input autoComplete="organization" />
      </Form.Item>
      <Form.Item
        label="付款账号"
        name="payerAccountNo"
        rules={[{ required: true, message: '请填写付款账号' }, ruleFrom(proof.payerAccountNo, '账号无效')]}
      >
        <Input inputMode="numeric" style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.Item
        label="银行流水号或保函编号"
        name="reference"
        rules={[
          { required: true, message: '请填写银行流水号或保函编号' },
          ruleFrom(proof.reference, '编号无效'),
        ]}
      >
        <Input style={{ maxWidth: 320 }} />
      </Form.Item>
      <ProblemAlert error={apply.error} />
      <Button type="primary" htmlType="submit" loading={apply.isPending}>
        提交竞买申请
      </Button>
    </Form>
  );
}

/** The quote panel: +1 increment, or a typed amount; each sent only after a confirmation. */
function QuotePanel({ view, bidderNo }: { view: AuctionViewData; bidderNo: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState<number | null>(null);
  const quote = useMutation({
    mutationFn: (amountFen: number) =>
      placeQuote(view.tenderId, { amountFen, expectedPriceFen: view.currentPriceFen }),
    onSuccess: (answer) => {
      queryClient.setQueryData(auctionKey(view.tenderId), answer.auction);
      void queryClient.invalidateQueries({ queryKey: [...auctionKey(view.tenderId), 'quotes'] });
      void message.success(`报价成功：${showYuan(answer.quote.amountFen)}（第 ${answer.quote.seq} 次报价）`);
      setTyped('');
    },
    onError: () => {
      // The price may have moved: read it again so the next quote starts from what is true
      void queryClient.invalidateQueries({ queryKey: auctionKey(view.tenderId) });
    },
    onSettled: () => setPending(null),
  });
  const quoting = view.phase === 'listing' || view.phase === 'countdown';
  if (!quoting) {
    const why =
      view.phase === 'notStarted'
        ? `挂牌起始（${showBeijing(view.listingFrom)}）后方可报价。`
        : view.phase === 'preparation'
          ? '网上拍卖准备阶段不接受报价，倒计时开始后即可报价。'
          : '竞价已结束，不再接受报价。';
    return <Alert type="info" showIcon title={why} />;
  }
  const minimum = view.minimumQuoteFen;
  const reading = typed ? readYuan(typed) : null;
  const typedError =
    reading && !reading.ok
      ? reading.message
      : reading?.ok && minimum !== null && reading.fen < minimum
        ? `报价须不低于 ${showYuan(minimum)}`
        : null;
  return (
    <div>
      <Typography.Paragraph>
        我的竞买号 <Typography.Text strong>{bidderNo}</Typography.Text>
        {view.leaderBidderNo === bidderNo ? '，您目前是最高报价人。' : '。'}
        下一次报价至少 <Typography.Text strong>{minimum === null ? '—' : showYuan(minimum)}</Typography.Text>
        （当前价加一个增价幅度{view.phase === 'countdown' ? '，限时竞价中' : ''}）。
      </Typography.Paragraph>
      <Space wrap align="start">
        {minimum !== null && (
          <Button type="primary" size="large" disabled={quote.isPending} onClick={() => setPending(minimum)}>
            加价报价 {showYuan(minimum)}
          </Button>
        )}
        <Space.Compact>
          <Input
            aria-label="自定义报价金额（元）"
            placeholder="输入报价金额（元）"
            inputMode="decimal"
            size="large"
            value={typed}
            status={typedError ? 'error' : ''}
            onChange={(event) => setTyped(event.target.value)}
            style={{ width: 240 }}
          />
          <Button
            size="large"
            disabled={!reading?.ok || typedError !== null || quote.isPending}
            onClick={() => reading?.ok && setPending(reading.fen)}
          >
            报价
          </Button>
        </Space.Compact>
      </Space>
      {typedError && <div style={{ color: '#b3261e', marginTop: 4 }}>{typedError}</div>}
      <div style={{ marginTop: 12 }}>
        <ProblemAlert error={quote.error} />
      </div>
      <Modal
        open={pending !== null}
        title="确认报价"
        okText="确认报价"
        cancelText="取消"
        confirmLoading={quote.isPending}
        onOk={() => pending !== null && quote.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        <Typography.Paragraph>
          以竞买号 {bidderNo} 报价{' '}
          <Typography.Text strong>{pending === null ? '' : showYuan(pending)}</Typography.Text>？
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          报价一经系统接受即不可撤回；若他人先报出更高价，本次报价将被拒绝并提示新的价格。
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}

/** 竞价室: the bidder's application and 竞买号, the live board, the quote panel and the history. */
export function AuctionRoomPage() {
  const { tenderId = '' } = useParams();
  const queryClient = useQueryClient();
  const tender = useQuery({
    queryKey: ['tender', tenderId],
    queryFn: ({ signal }) => getTender(tenderId, signal),
  });
  const application = useQuery({
    queryKey: ['supplier', 'transfer-application', tenderId],
    queryFn: ({ signal }) => fetchMyApplication(tenderId, signal),
    // The centre confirms the deposit elsewhere: look again until it has
    refetchInterval: (query) => (query.state.data?.status === 'applied' ? 5000 : false),
  });
  const live = useLiveAuction(tenderId);
  const history = useQuoteHistory(tenderId, live.data?.quoteCount);

  if (tender.isPending || application.isPending || live.isPending)
    return <PageLoading label="正在进入竞价室…" />;
  if (tender.isError) return <ProblemAlert error={tender.error} />;
  const t = tender.data.tender;
  if (!t.content.transfer)
    return <Alert type="warning" showIcon title="本项目不是网上挂牌或拍卖出让，没有竞价室。" />;
  const own = application.data;
  const bidderNo = own?.status === 'confirmed' ? own.bidderNo : null;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }}>
        竞价室
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <TenderStatusTag status={t.status} live />
        <a href={`/tenders/${t.id}`}>{t.content.title}</a>
      </Space>
      <ProblemAlert error={application.error ?? live.error} />
      <Section title="竞价实况">
        {live.data && (
          <AuctionBoard
            view={live.data}
            liveStatus={live.liveStatus}
            ownBidderNo={bidderNo}
            onEnded={() => void queryClient.invalidateQueries({ queryKey: auctionKey(tenderId) })}
          />
        )}
      </Section>
      {bidderNo && live.data && (
        <Section title="报价">
          <QuotePanel view={live.data} bidderNo={bidderNo} />
        </Section>
      )}
      <Section title="竞买申请">
        <MyApplication
          tender={t}
          application={own ?? null}
          onApplied={(saved) =>
            queryClient.setQueryData(['supplier', 'transfer-application', tenderId], saved)
          }
        />
      </Section>
      <Section title="报价记录">
        <ProblemAlert error={history.error} />
        <QuoteHistory quotes={history.data ?? live.data?.recentQuotes ?? []} ownBidderNo={bidderNo} />
      </Section>
      <Card size="small" variant="outlined">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={transferTermItems(t.content, 'public')}
        />
      </Card>
    </div>
  );
}
