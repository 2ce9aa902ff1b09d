import { Alert, Descriptions, Statistic, Table, Typography } from 'antd';
import type { LiveStatus } from '../lib/live';
import { showPercent, showYuan } from '../lib/money';
import { showBeijing, showBeijingSeconds } from '../lib/time';
import type { AuctionViewData, PublicQuoteData } from '../services/transfers';
import { Countdown } from './countdown';
import { EmptyNote } from './public-rows';
import { ToneTag } from './public-tags';

/** What the countdown counts to in each phase, as the room names it. */
function countdownLabel(view: AuctionViewData): string {
  switch (view.phase) {
    case 'notStarted':
      return view.method === 'auction' ? '距拍卖开始' : '距挂牌起始';
    case 'listing':
      return '距挂牌截止';
    case 'preparation':
      return '距限时竞价开始';
    case 'countdown':
      return '倒计时';
    default:
      return '竞价已结束';
  }
}

/** The instant the visible countdown runs to: the preparation ends where the countdown starts. */
function countdownTarget(view: AuctionViewData): string {
  if (view.phase === 'notStarted') return view.listingFrom;
  if (view.phase === 'preparation' && view.countdownFrom) return view.countdownFrom;
  return view.endsAt;
}

/** The tones of the phases. */
const PHASE_TONES = {
  notStarted: 'grey',
  listing: 'blue',
  preparation: 'orange',
  countdown: 'red',
  closed: 'green',
} as const;

/** The channel's state in words, so a bidder knows whether the numbers move by themselves. */
function LiveNote({ status }: { status: LiveStatus }) {
  const text =
    status === 'live'
      ? '实时推送已连接：新的报价和倒计时会自动更新'
      : status === 'connecting'
        ? '正在连接实时推送…'
        : '实时推送未连接：每 3 秒自动刷新一次';
  return (
    <Typography.Text data-live-status={status} style={{ color: '#595959' }}>
      {text}
    </Typography.Text>
  );
}

/**
 * The outcome once bidding ended, as the server decided it (the tender's status): 成交 with the
 * premium, 流拍, awaiting the reserve, or 终止; and the revealed reserve, checked.
 */
function Outcome({ view }: { view: AuctionViewData }) {
  if (view.phase !== 'closed') return null;
  const reserve = view.reserve;
  const price = view.currentPriceFen;
  const sold = price !== null && (view.status === 'awarded' || view.status === 'complete');
  const waiting = view.status === 'awarding';
  const premium = price !== null ? price - view.startPriceFen : 0;
  return (
    <div style={{ marginTop: 16 }}>
      {waiting ? (
        <Alert type="info" showIcon title="竞价已结束，等待出让人公开底价后确定是否成交" />
      ) : sold && price !== null ? (
        <Alert
          type="success"
          showIcon
          title={`成交：竞得人竞买号 ${view.leaderBidderNo ?? '—'}，成交价 ${showYuan(price)}`}
          description={`溢价 ${showYuan(premium)}，溢价率 ${showPercent(premium, view.startPriceFen)}（对起始价）`}
        />
      ) : view.status === 'cancelled' ? (
        <Alert
          type="info"
          showIcon
          title="出让已终止"
          description="本次出让已发布终止公告，不再确定竞得人。"
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title="流拍"
          description={price === null ? '竞价期内无人报价。' : '最高报价未达到底价。'}
        />
      )}
      {reserve && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          底价已公开：{showYuan(reserve.priceFen)}（{showBeijing(reserve.revealedAt)}），
          {reserve.matches ? '与挂牌起始时公布的承诺一致' : '与公布的承诺不符！'}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/**
 * The live board of a listing or auction: the price, the leader's 竞买号, the count and the countdown
 * (restarting with each quote in timed bidding), the rules in force, and after the end the result.
 */
export function AuctionBoard({
  view,
  liveStatus,
  ownBidderNo,
  onEnded,
}: {
  view: AuctionViewData;
  liveStatus: LiveStatus;
  ownBidderNo?: string | null;
  onEnded?: () => void;
}) {
  const target = countdownTarget(view);
  const leader =
    view.leaderBidderNo === null
      ? '—'
      : view.leaderBidderNo === ownBidderNo
        ? `${view.leaderBidderNo}（我）`
        : view.leaderBidderNo;
  return (
    <section aria-label="竞价实况">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <ToneTag tone={PHASE_TONES[view.phase]}>{view.phaseLabel}</ToneTag>
        <LiveNote status={liveStatus} />
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32 }}>
        <div data-testid="current-price">
          <Statistic
            title={view.currentPriceFen === null ? '起始价（尚无报价）' : '当前最高报价'}
            value={showYuan(view.currentPriceFen ?? view.startPriceFen)}
          />
        </div>
        <div data-testid="leader">
          {/* A 竞买号 is a name, not a number: no thousands separators */}
          <Statistic title="领先竞买号" value={leader} formatter={(value) => String(value)} />
        </div>
        <div data-testid="quote-count">
          <Statistic title="报价次数" value={view.quoteCount} />
        </div>
        <div data-testid="countdown">
          <div style={{ color: '#595959', marginBottom: 4 }}>{countdownLabel(view)}</div>
          {view.phase === 'closed' ? (
            <Typography.Text strong>{showBeijingSeconds(view.endsAt)} 结束</Typography.Text>
          ) : (
            <div style={{ fontSize: 24 }}>
              <Countdown
                key={target}
                to={target}
                prefix=""
                doneText="正在刷新…"
                {...(onEnded ? { onDone: onEnded } : {})}
              />
            </div>
          )}
          {view.phase !== 'closed' && (
            <div data-testid="ends-at" style={{ color: '#595959' }}>
              至 {showBeijingSeconds(target)}（北京时间）
            </div>
          )}
        </div>
      </div>
      <Descriptions
        size="small"
        style={{ marginTop: 16 }}
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'start', label: '起始价', children: showYuan(view.startPriceFen) },
          { key: 'inc', label: '增价幅度', children: showYuan(view.incrementFen) },
          ...(view.auctionIncrementFen !== view.incrementFen
            ? [{ key: 'ainc', label: '限时竞价增价幅度', children: showYuan(view.auctionIncrementFen) }]
            : []),
          {
            key: 'min',
            label: '下一次报价至少',
            children: view.minimumQuoteFen === null ? '—' : showYuan(view.minimumQuoteFen),
          },
          {
            key: 'window',
            label: '挂牌期',
            children: `${showBeijing(view.listingFrom)} 至 ${showBeijing(view.listingUntil)}`,
          },
          {
            key: 'rules',
            label: '限时竞价规则',
            children: `截止前 ${view.rules.switchWindowMinutes} 分钟内两人以上报价即转入；准备 ${view.rules.preparationMinutes} 分钟；倒计时 ${view.rules.countdownSeconds} 秒，每次新报价重新计时`,
          },
          {
            key: 'reserve',
            label: '底价',
            children:
              view.reserveCommitment === null
                ? '未设底价'
                : view.reserve
                  ? showYuan(view.reserve.priceFen)
                  : `已密封（承诺 ${view.reserveCommitment.slice(0, 16)}…）`,
          },
        ]}
      />
      <Outcome view={view} />
    </section>
  );
}

/** The accepted quotes, newest first, by 竞买号 only (no names). */
export function QuoteHistory({
  quotes,
  ownBidderNo,
}: {
  quotes: readonly PublicQuoteData[];
  ownBidderNo?: string | null;
}) {
  const rows = [...quotes].sort((a, b) => b.seq - a.seq);
  return (
    <Table
      size="small"
      rowKey="seq"
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      dataSource={rows}
      aria-label="报价记录"
      locale={{ emptyText: <EmptyNote text="尚无报价" /> }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 70 },
        {
          title: '竞买号',
          dataIndex: 'bidderNo',
          render: (no: string) => (no === ownBidderNo ? `${no}（我）` : no),
        },
        { title: '报价', dataIndex: 'amountFen', render: (fen: number) => showYuan(fen) },
        {
          title: '阶段',
          dataIndex: 'phase',
          render: (phase: PublicQuoteData['phase']) => (phase === 'countdown' ? '限时竞价' : '挂牌'),
        },
        { title: '报价时间（北京时间）', dataIndex: 'at', render: (at: string) => showBeijingSeconds(at) },
      ]}
    />
  );
}
