import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { computeCheckCharacter } from '../../shared/domain/credit-code';
import { formatYuan } from '../../shared/domain/money';
import type { SealedBid } from '../../shared/domain/sealing';
import {
  decryptDocument,
  digestSha256Hex,
  keyFromHex,
  manifestDigest,
  sealBid,
} from '../../shared/domain/sealing';
import type { Role } from '../../shared/http/routes';
import type { PresignedUpload } from '../../shared/ports/document-store';
import type { Bid, BidReceipt, OpeningRecord, Registration } from '../../shared/schemas/bid';
import type { SupplierProfile, SupplierScale } from '../../shared/schemas/supplier';
import type { Tender, TenderDocument } from '../../shared/schemas/tender';
import { FIXTURE_SCHEDULE_2027, FIXTURE_YEAR } from './calendar-fixture-2027';
import { openTenderContent } from './sample-tender';

/**
 * `npm run demo:bidding`: a bidder's walk-through of the sealed-bid protocol (DESIGN.md §4) against a
 * running local stack (`npm start`), and a smoke test of it: the first unexpected answer stops the
 * script with its HTTP status and problem detail, and a non-zero exit code.
 *
 * The base URL is `API_URL` (default http://localhost:3000). The script moves the dev clock forward
 * by about 25 days (to the bid deadline and past the decryption window); the dev clock never goes
 * back, so later runs simply start from that later date.
 */

/** One demo supplier: who it is and what it bids. */
interface DemoSupplier {
  /** The organisation id its dev token carries. */
  orgId: string;
  /** Company name (企业名称). */
  name: string;
  /** Enterprise scale under 财库〔2020〕46号. */
  scale: SupplierScale;
  /** The bid price in 分. */
  priceFen: number;
  /** Contact person. */
  contactName: string;
}

/** A supplier during the run: its token, its sealed bid and what the server answered. */
interface BidderState extends DemoSupplier {
  token: string;
  plaintext: Uint8Array;
  sealed: SealedBid;
  bid: Bid;
  receipt: BidReceipt;
}

/** The problem+json fields the script prints when a request fails. */
interface ProblemBody {
  title?: string;
  detail_zh?: string;
  detail_en?: string;
  errors?: { path: string; message_zh?: string; message_en?: string; message?: string }[];
}

/** What the dev clock endpoints answer. */
interface ClockBody {
  now: string;
  offsetMs: number;
}

/** What the dev tick endpoint answers: the tick handler's counts of tender steps taken. */
interface TickBody {
  now: string;
  result?: { moved?: number; skipped?: number };
}

/** What declaring a tender document answers. */
interface DeclaredDocument {
  document: TenderDocument;
  upload: PresignedUpload;
}

/** What creating a bid answers. */
interface CreatedBidBody {
  bid: Bid;
  uploads: (PresignedUpload & { documentId: string; fileName: string })[];
}

/** What the reveal (解密) answers. */
interface RevealBody {
  priceMatches: boolean;
  keyMatches: boolean;
  documentsDecrypt: boolean;
  status: 'valid' | 'invalid';
}

/** What the bid document link answers. */
interface BidDocumentLink {
  documentId: string;
  fileName: string;
  sha256: string;
  size: number;
  url: string;
  expiresAt: string;
}

/** Options of one API request. */
interface CallOptions {
  /** Bearer token. */
  token?: string;
  /** JSON body. */
  body?: unknown;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** The statuses that count as success; anything else stops the demo. Defaults to [200]. */
  expect?: readonly number[];
}

/** A parsed response. */
interface CallResult<T> {
  status: number;
  body: T;
}

/** The three demo suppliers; prices are 3 180 000.00 元, 3 250 000.00 元 and 3 099 000.00 元. */
const SUPPLIERS: readonly DemoSupplier[] = [
  {
    orgId: 'org-demo-supplier-1',
    name: '广元市昭化区华信办公设备有限公司',
    scale: 'small',
    priceFen: 3_180_000_00,
    contactName: '王经理',
  },
  {
    orgId: 'org-demo-supplier-2',
    name: '广元市昭化区中科数码科技股份有限公司',
    scale: 'medium',
    priceFen: 3_250_000_00,
    contactName: '李经理',
  },
  {
    orgId: 'org-demo-supplier-3',
    name: '广元市昭化区启明电子商贸有限公司',
    scale: 'micro',
    priceFen: 3_099_000_00,
    contactName: '陈经理',
  },
];

/** Chinese labels of the enterprise scales. */
const SCALE_LABELS: Readonly<Record<SupplierScale, string>> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** The purchasing unit of the demo. */
const PURCHASER_ORG_ID = 'org-demo-purchaser';

/** A request or check that did not go as the walk-through expects. */
class DemoFailure extends Error {
  override name = 'DemoFailure';
}

/** Prints one line; the whole script writes through here. */
function say(line = ''): void {
  console.log(line);
}

/** Prints the numbered heading of a step. */
function step(number: number, zh: string, en: string): void {
  say();
  say(`${number}. ${zh} / ${en}`);
}

/** Prints an indented detail line under a step. */
function detail(line: string): void {
  say(`   ${line}`);
}

/** Throws a {@link DemoFailure} unless `condition` holds. */
function check(condition: boolean, zh: string, en: string): asserts condition {
  if (!condition) throw new DemoFailure(`${zh} / ${en}`);
}

/** Describes a problem+json body (or any other body) in one or a few lines for a failure message. */
function describeProblem(body: unknown): string {
  if (typeof body === 'string') return body.length > 500 ? `${body.slice(0, 500)}…` : body || '(empty body)';
  if (body === null || typeof body !== 'object') return String(body);
  const problem = body as ProblemBody;
  if (!problem.detail_zh && !problem.detail_en) return JSON.stringify(body).slice(0, 500);
  const lines = [`${problem.detail_zh ?? ''} / ${problem.detail_en ?? ''}`];
  for (const issue of problem.errors ?? []) {
    lines.push(`  - ${issue.path}: ${issue.message_zh ?? issue.message ?? ''} / ${issue.message_en ?? ''}`);
  }
  return lines.join('\n');
}

/** Reads a response body as JSON when it is JSON, else as text. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Formats 分 as 元 with thousands separators, e.g. 318000000 → "3,180,000.00 元". */
function yuan(fen: number): string {
  const plain = formatYuan(fen).replace(/元$/, '');
  const [whole = '', fraction = ''] = plain.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction} 元`;
}

/** Width of a string in a terminal: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += (character.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** Pads a string with spaces to a terminal width. */
function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? `${text}${fill}` : `${fill}${text}`;
}

/** Renders rows as an aligned plain-text table, header first. */
function table(rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const render = (row: string[]) =>
    row
      .map((cell, column) => pad(cell, widths[column] ?? 0, rightAligned.has(column) ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(render)];
}

/** Builds a valid 统一社会信用代码 for demo supplier `index` (1–9): 企业 in 广元市昭化区 (510811). */
function demoCreditCode(index: number): string {
  const first17 = `91510811MA6BXKQ3${index}`;
  return `${first17}${computeCheckCharacter(first17)}`;
}

/**
 * Runs the bidding walk-through against a running local stack, printing each step with its figures.
 *
 * It needs the dev-only endpoints (token, clock, tick), so it only works against `npm start`; it
 * throws (with the request, HTTP status and problem detail) at the first unexpected answer.
 */
export async function runBiddingDemo(apiUrl: string): Promise<void> {
  const base = apiUrl.replace(/\/+$/, '');

  /** Sends one JSON request to the API and checks its status. */
  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      throw new DemoFailure(
        `${method} ${path}: 无法连接 ${base}（先运行 npm start？） / cannot reach ${base} (is npm start running?): ${(error as Error).message}`,
      );
    }
    const body = await readBody(response);
    const expected = options.expect ?? [200];
    if (!expected.includes(response.status)) {
      throw new DemoFailure(
        `${method} ${path} → HTTP ${response.status} (expected ${expected.join(' or ')})\n${describeProblem(body)}`,
      );
    }
    return { status: response.status, body: body as T };
  }

  /** PUTs bytes to a presigned URL with exactly the headers the server asked for. */
  async function upload(target: PresignedUpload, bytes: Uint8Array, what: string): Promise<void> {
    const response = await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes });
    const text = await response.text();
    if (!response.ok) {
      throw new DemoFailure(`PUT ${what} (presigned) → HTTP ${response.status}\n${text.slice(0, 500)}`);
    }
  }

  /** A dev token for a role and organisation. */
  async function tokenFor(role: Role, orgId: string): Promise<string> {
    return (await call<{ token: string }>('POST', '/api/dev/token', { body: { role, orgId } })).body.token;
  }

  /** The public view of the tender. */
  async function readTender(tenderId: string): Promise<Tender> {
    return (await call<Tender>('GET', `/api/tenders/${tenderId}`)).body;
  }

  /** Runs the scheduler tick and says what it moved. */
  async function tick(): Promise<void> {
    const { body } = await call<TickBody>('POST', '/api/dev/tick');
    const moved = body.result?.moved ?? 0;
    const skipped = body.result?.skipped ?? 0;
    detail(`tick 定时任务 at ${body.now}: ${moved} step(s) taken 推进, ${skipped} skipped 跳过`);
  }

  say(`ggzy-portal 投标演示 / bidding walk-through — API ${base}/api/`);

  // 1. The purchasing unit publishes an open tender with one tender document.
  step(1, '采购人创建并发布公开招标项目', 'the purchasing unit creates and publishes an open tender');
  const purchaserToken = await tokenFor('purchaser', PURCHASER_ORG_ID);
  const clock = (await call<ClockBody>('GET', '/api/dev/clock')).body;
  detail(`dev clock 开发时钟: ${clock.now}`);
  // The deadline runs 25 days past the dev clock, into 2027 from December 2026 on: the server
  // refuses that until 2027 is loaded, so the demo loads the labelled test fixture (not official).
  const covered = (await call<{ years: { year: number }[] }>('GET', '/api/calendar/years')).body;
  if (!covered.years.some((entry) => entry.year === FIXTURE_YEAR)) {
    await call('PUT', `/api/calendar/years/${FIXTURE_YEAR}`, {
      token: await tokenFor('centre', 'org-trading-centre'),
      body: FIXTURE_SCHEDULE_2027,
    });
    detail(`calendar 日历: ${FIXTURE_YEAR} test fixture loaded 已载入测试用安排（非官方）`);
  }
  const created = await call<Tender>('POST', '/api/tenders', {
    token: purchaserToken,
    body: openTenderContent(new Date(clock.now), {
      title: '昭化区政务服务中心办公设备采购项目',
      purchasingUnitName: '广元市昭化区政务服务中心',
    }),
    headers: { 'idempotency-key': `demo-tender-${randomUUID()}` },
    expect: [201],
  });
  const tenderId = created.body.id;
  const tenderBytes = new TextEncoder().encode(
    `${created.body.content.title}\n招标文件（演示）/ tender documents (demo)\n采购台式计算机 200 台、打印机 30 台。\n`,
  );
  const tenderSha256 = await digestSha256Hex(tenderBytes);
  const declared = await call<DeclaredDocument>('POST', `/api/tenders/${tenderId}/documents`, {
    token: purchaserToken,
    body: {
      fileName: '招标文件.pdf',
      contentType: 'application/pdf',
      size: tenderBytes.byteLength,
      sha256: tenderSha256,
    },
    expect: [201],
  });
  await upload(declared.body.upload, tenderBytes, 'tender document');
  const published = (
    await call<Tender>('POST', `/api/tenders/${tenderId}/publish`, { token: purchaserToken })
  ).body;
  check(
    published.status === 'tendering',
    `发布后状态应为 tendering，实际为 ${published.status}`,
    `status after publishing should be tendering, got ${published.status}`,
  );
  const { timeline } = published.content;
  detail(`tender 项目 ${tenderId}  “${published.content.title}”`);
  const budgetFen = published.content.budgetFen;
  detail(`budget 预算 ${budgetFen === undefined ? '—' : yuan(budgetFen)}  status 状态 ${published.status}`);
  detail(
    `document 招标文件 ${declared.body.document.id}  ${tenderBytes.byteLength} bytes  sha256 ${tenderSha256}`,
  );
  detail(
    `bid deadline 投标截止 ${timeline.bidDeadline}  decryption window 解密时限 ${timeline.decryptionWindowMinutes} min`,
  );

  // 2. Three suppliers fill in their profiles, register, seal their bids locally and submit them.
  step(2, '三家供应商报名并提交密封投标', 'three suppliers register and submit sealed bids');
  const bidders: BidderState[] = [];
  const declaredOn = clock.now.slice(0, 10);
  for (const [index, supplier] of SUPPLIERS.entries()) {
    const token = await tokenFor('supplier', supplier.orgId);
    const creditCode = demoCreditCode(index + 1);
    await call<SupplierProfile>('PUT', '/api/suppliers/me', {
      token,
      body: {
        name: supplier.name,
        creditCode,
        scale: supplier.scale,
        scaleDeclaredAt: declaredOn,
        contact: { name: supplier.contactName, phone: `0839-872 ${1000 + index + 1}` },
      },
      expect: [200, 201],
    });
    await call<Registration>('POST', `/api/tenders/${tenderId}/registrations`, {
      token,
      expect: [200, 201],
    });
    const plaintext = new TextEncoder().encode(
      `投标文件 / bid document\n投标人：${supplier.name}\n项目：${published.content.title}\n投标报价：${formatYuan(supplier.priceFen)}\n`,
    );
    // Sealed here, on the bidder's side: the server only ever sees commitments and ciphertexts.
    const sealed = await sealBid({
      tenderId,
      supplierId: supplier.orgId,
      priceFen: supplier.priceFen,
      documents: [{ name: '投标文件.pdf', bytes: plaintext }],
    });
    const createdBid = await call<CreatedBidBody>('POST', `/api/tenders/${tenderId}/bids`, {
      token,
      body: {
        priceCommitment: sealed.priceCommitment,
        keyCommitment: sealed.keyCommitment,
        documents: sealed.documents.map((doc) => ({
          fileName: doc.name,
          sha256: doc.sha256,
          size: doc.size,
        })),
      },
      headers: { 'idempotency-key': `demo-bid-${tenderId}-${supplier.orgId}` },
      expect: [201],
    });
    const { bid, uploads } = createdBid.body;
    for (const target of uploads) {
      const doc = sealed.documents.find((d) => d.name === target.fileName);
      check(
        doc !== undefined,
        `服务器返回了未声明的文件 ${target.fileName}`,
        `the server answered an upload for an undeclared document ${target.fileName}`,
      );
      await upload(target, doc.sealed, `sealed bid document ${target.documentId}`);
    }
    const receipt = (
      await call<BidReceipt>('POST', `/api/tenders/${tenderId}/bids/${bid.id}/submit`, { token })
    ).body;
    const expectedDigest = await manifestDigest({
      tenderId,
      bidId: bid.id,
      supplierId: supplier.orgId,
      priceCommitment: sealed.priceCommitment,
      keyCommitment: sealed.keyCommitment,
      documents: sealed.documents.map((doc) => ({ name: doc.name, sha256: doc.sha256, size: doc.size })),
    });
    check(
      receipt.manifestDigest === expectedDigest,
      `回执摘要与本地计算不符：${receipt.manifestDigest} ≠ ${expectedDigest}`,
      `the receipt's manifest digest differs from the local one: ${receipt.manifestDigest} ≠ ${expectedDigest}`,
    );
    detail(
      `2.${index + 1} ${supplier.name}（${SCALE_LABELS[supplier.scale]} ${supplier.scale}） credit code ${creditCode}`,
    );
    detail(
      `    sealed price 密封报价 ${yuan(supplier.priceFen)} → bid 投标 ${bid.id}, 1 document ${sealed.documents[0]?.size ?? 0} bytes sealed`,
    );
    detail(
      `    receipt 回执 ${receipt.submittedAt}  manifest digest ${receipt.manifestDigest} (matches local 与本地一致)`,
    );
    bidders.push({ ...supplier, token, plaintext, sealed, bid, receipt });
  }

  // 3. Before the deadline nobody learns who registered (87号令第二十八条).
  step(3, '截止前采购人无法查看报名情况', 'before the deadline the purchaser cannot see the registrations');
  const hidden = await call<ProblemBody>('GET', `/api/tenders/${tenderId}/registrations`, {
    token: purchaserToken,
    expect: [403],
  });
  detail(`GET …/registrations → HTTP ${hidden.status}: ${hidden.body.detail_zh ?? ''}`);

  // 4. The clock reaches the bid deadline; the tick opens the tender.
  step(4, '时钟到达投标截止时间，开标', 'the clock reaches the bid deadline: the opening starts');
  const atDeadline = (
    await call<ClockBody>('POST', '/api/dev/clock', { body: { set: timeline.bidDeadline } })
  ).body;
  detail(`dev clock set to 开发时钟设为 ${atDeadline.now}`);
  await tick();
  const opening = await readTender(tenderId);
  check(
    opening.status === 'opening',
    `截止后状态应为 opening，实际为 ${opening.status}`,
    `status after the deadline should be opening, got ${opening.status}`,
  );
  detail(
    `status 状态 ${opening.status}; decryption ends 解密截止 ${opening.opening?.decryptionEndsAt ?? '(missing)'}`,
  );

  // 5. Each bidder reveals (解密) its price, nonce and key inside the window.
  step(5, '各供应商在解密时限内解密投标', 'each supplier reveals its bid inside the decryption window');
  for (const bidder of bidders) {
    const reveal = (
      await call<RevealBody>('POST', `/api/tenders/${tenderId}/bids/${bidder.bid.id}/reveal`, {
        token: bidder.token,
        body: { priceFen: bidder.priceFen, nonce: bidder.sealed.nonce, key: bidder.sealed.keyHex },
      })
    ).body;
    detail(
      `${pad(bidder.name, 26)} price ${reveal.priceMatches ? '✓' : '✗'}  key ${reveal.keyMatches ? '✓' : '✗'}  documents decrypt ${reveal.documentsDecrypt ? '✓' : '✗'}  → ${reveal.status}`,
    );
    check(
      reveal.status === 'valid',
      `${bidder.name} 的解密结果应为有效`,
      `${bidder.name}'s reveal should be valid, got ${reveal.status}`,
    );
  }

  // 6. The decryption window closes; the tick publishes the opening record (开标记录).
  const advanceMinutes = timeline.decryptionWindowMinutes + 1;
  step(6, '解密时限结束，公布开标记录', 'the decryption window closes: the opening record is published');
  const afterWindow = (await call<ClockBody>('POST', '/api/dev/clock', { body: { advanceMinutes } })).body;
  detail(`dev clock +${advanceMinutes} min → ${afterWindow.now}`);
  await tick();
  const first = bidders[0];
  check(first !== undefined, '没有供应商', 'no suppliers');
  const record = (
    await call<OpeningRecord>('GET', `/api/tenders/${tenderId}/opening`, { token: first.token })
  ).body;
  detail(
    `opening record 开标记录 published ${record.publishedAt}; valid bids 有效投标 ${record.validCount}/${record.entries.length}; confirm by 确认截止 ${record.confirmationEndsAt}`,
  );
  const rows = [
    ['supplier 供应商', 'scale 规模', 'price 报价', 'status 状态'],
    ...record.entries.map((entry) => [
      entry.supplierName,
      `${SCALE_LABELS[entry.supplierScale]} ${entry.supplierScale}`,
      entry.priceFen === null ? '—' : yuan(entry.priceFen),
      entry.status === 'valid' ? 'valid 有效' : `invalid 无效（${entry.reasonLabel ?? entry.reason ?? ''}）`,
    ]),
  ];
  for (const line of table(rows, new Set([2]))) detail(line);
  for (const bidder of bidders) {
    const entry = record.entries.find((e) => e.bidId === bidder.bid.id);
    check(
      entry?.status === 'valid' && entry.priceFen === bidder.priceFen,
      `开标记录中 ${bidder.name} 的报价应为 ${yuan(bidder.priceFen)}`,
      `the record should show ${bidder.name} valid at ${yuan(bidder.priceFen)}, got ${JSON.stringify(entry)}`,
    );
  }

  // 7. Every bidder confirms the record; the tender moves to evaluation and the documents open.
  step(7, '供应商确认开标记录，进入评审', 'the suppliers confirm the record: the tender goes to evaluation');
  for (const bidder of bidders) {
    await call<OpeningRecord>('POST', `/api/tenders/${tenderId}/opening/responses`, {
      token: bidder.token,
      body: { decision: 'confirm' },
    });
    detail(`${bidder.name} confirmed 已确认`);
  }
  const evaluating = await readTender(tenderId);
  check(
    evaluating.status === 'evaluating',
    `全部确认后状态应为 evaluating，实际为 ${evaluating.status}`,
    `status after every confirmation should be evaluating, got ${evaluating.status}`,
  );
  detail(`status 状态 ${evaluating.status}`);
  const opened = (
    await call<{ items: Bid[] }>('GET', `/api/tenders/${tenderId}/bids`, { token: purchaserToken })
  ).body.items;
  detail(`purchaser sees 采购人可见 ${opened.length} decrypted bids:`);
  for (const bid of opened) {
    detail(
      `  ${pad(bid.supplierName, 26)} ${pad(bid.reveal ? yuan(bid.reveal.priceFen) : '—', 18, 'right')}`,
    );
  }
  const openedBid = opened.find((bid) => bid.id === first.bid.id);
  check(
    openedBid?.reveal !== undefined,
    `采购人看不到 ${first.name} 的已解密投标`,
    `the purchaser's list lacks ${first.name}'s revealed bid`,
  );
  const doc = openedBid.documents[0];
  check(doc !== undefined, '投标没有文件', 'the bid has no documents');
  const link = (
    await call<BidDocumentLink>('GET', `/api/tenders/${tenderId}/bids/${openedBid.id}/documents/${doc.id}`, {
      token: purchaserToken,
    })
  ).body;
  const download = await fetch(link.url);
  const sealedBytes = new Uint8Array(await download.arrayBuffer());
  if (!download.ok) {
    throw new DemoFailure(
      `GET ${link.fileName} (presigned) → HTTP ${download.status}\n${new TextDecoder().decode(sealedBytes).slice(0, 500)}`,
    );
  }
  check(
    (await digestSha256Hex(sealedBytes)) === doc.sha256,
    '下载的密文与投标时声明的 SHA-256 不符',
    'the downloaded ciphertext does not match the SHA-256 declared with the bid',
  );
  const decrypted = await decryptDocument(sealedBytes, keyFromHex(openedBid.reveal.keyHex));
  const matches = Buffer.from(decrypted).equals(Buffer.from(first.plaintext));
  check(matches, '解密后的文件与原文不一致', 'the decrypted document differs from the original bytes');
  detail(
    `downloaded 下载 ${link.fileName} of ${first.name}: ${sealedBytes.byteLength} bytes sealed, sha256 ✓`,
  );
  detail(
    `decrypted with the revealed key 用公开的密钥解密: ${decrypted.byteLength} bytes, identical to the original 与原文一致 ✓`,
  );
  say();
  say('演示完成 / walk-through complete ✓');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (invokedDirectly) {
  runBiddingDemo(process.env['API_URL'] ?? 'http://localhost:3000').catch((error: unknown) => {
    console.error();
    console.error('✗ 演示失败 / demo failed');
    console.error(error instanceof DemoFailure ? error.message : error);
    process.exit(1);
  });
}
