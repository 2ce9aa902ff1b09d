/**
 * Collusion signs (串通投标的迹象) of 87号令第三十七条: what the platform itself can see of a tender's
 * valid bids that the article deems collusive bidding, each sign tied to the item it is evidence of.
 *
 * 第三十七条 有下列情形之一的，视为投标人串通投标，其投标无效：
 * （一）不同投标人的投标文件由同一单位或者个人编制；
 * （二）不同投标人委托同一单位或者个人办理投标事宜；
 * （三）不同投标人的投标文件载明的项目管理成员或者联系人员为同一人；
 * （四）不同投标人的投标文件异常一致或者投标报价呈规律性差异；
 * （五）不同投标人的投标文件相互混装；
 * （六）不同投标人的投标保证金从同一单位或者个人的账户转出。
 *
 * A sign is not a finding: the committee judges each one and records its finding (by majority,
 * 87号令第六十一条); only a sign the committee finds collusive makes its bids invalid. The module is
 * pure: no I/O, no clock; the same inputs give the same signs with the same ids, in the same order.
 */

import {
  COLLUSION_SIGN_KINDS,
  type CollusionItem,
  type CollusionSignKind,
  collusionCitation,
} from './collusion-items';
import type { BilingualText } from './errors';
import { canonicalJson, sha256Hex } from './hashing';
import type { Fen } from './money';

export {
  COLLUSION_ITEMS,
  COLLUSION_SIGN_KINDS,
  type CollusionItem,
  type CollusionSignKind,
  collusionCitation,
} from './collusion-items';

/** A person a bidder names: its contact (联系人) or project manager (项目负责人). */
export interface NamedPerson {
  /** Which of the two the bidder names this person as. */
  role: 'contact' | 'projectManager';
  /** The name as given. */
  name: string;
  /** Phone as given; compared by its digits only. */
  phone?: string | undefined;
  /** E-mail; compared without case. */
  email?: string | undefined;
  /** A professional certificate number (e.g. 注册建造师证书编号); compared without case and spaces. */
  certificateNumber?: string | undefined;
}

/** One operation of a bidder on its bid, with the address it came from (the bid chain's restricted record). */
export interface BidOperation {
  /** The event type, e.g. `bid.submitted`. */
  type: string;
  /** The event's seq in the bid's chain. */
  seq: number;
  /** When it happened. */
  at: string;
  /** The caller's network address. */
  sourceIp: string;
}

/** What the platform sees of one valid bid. */
export interface CollusionBidInput {
  /** The bid. */
  bidId: string;
  /** Its supplier. */
  supplierOrgId: string;
  /** The supplier's name, for the evidence. */
  supplierName: string;
  /** The revealed price in 分, or null if none. */
  priceFen: Fen | null;
  /** The commitment to the bid key K (SHA-256 of K). */
  keyCommitment: string;
  /** The sealed documents: ciphertext SHA-256 and, if known, the plaintext SHA-256 found at the reveal. */
  documents: readonly { documentId: string; fileName: string; sha256: string; plaintextSha256?: string }[];
  /** The people the bidder names (from its profile when it bid). */
  people: readonly NamedPerson[];
  /** The bidder's operations on its bid with their source addresses. */
  operations: readonly BidOperation[];
  /** The account its deposit was paid from, where the platform records one (none for tenders yet). */
  depositAccount?: { accountNumber: string; accountName?: string } | undefined;
}

/** One bid a sign involves. */
export interface SignBid {
  /** The bid. */
  bidId: string;
  /** Its supplier. */
  supplierOrgId: string;
  /** The supplier's name. */
  supplierName: string;
}

/** What a sign rests on, per kind. */
export type CollusionEvidence =
  | {
      kind: 'identicalDocument';
      /** Whether the ciphertexts are the same bytes, or the plaintexts found at the reveal. */
      basis: 'ciphertext' | 'plaintext';
      /** The SHA-256 they share. */
      sha256: string;
      /** Each bid's documents with that hash. */
      documents: { bidId: string; documentId: string; fileName: string }[];
    }
  | { kind: 'sameSealingKey'; keyCommitment: string }
  | {
      kind: 'sameNetworkAddress';
      /** The shared address. */
      sourceIp: string;
      /** Each bid's operations from it. */
      operations: { bidId: string; type: string; seq: number; at: string }[];
    }
  | {
      kind: 'samePerson';
      /** What matched: phone digits, e-mail or certificate number. */
      matchedOn: 'phone' | 'email' | 'certificateNumber';
      /** The value that matched, normalised. */
      value: string;
      /** Each bid's person with it. */
      people: { bidId: string; role: NamedPerson['role']; name: string }[];
    }
  | {
      kind: 'priceProgression';
      /** Equal differences, or equal ratios. */
      progression: 'arithmetic' | 'geometric';
      /** The prices in 分, ascending; each with the bids quoting it. */
      prices: { priceFen: Fen; bidIds: string[] }[];
      /** Arithmetic: the step in 分. Geometric: the ratio as an exact fraction `numerator/denominator`. */
      step: string;
    }
  | { kind: 'sameDepositAccount'; accountNumber: string; accountName: string | null };

/** One sign, with the item it is evidence of and its evidence. */
export interface CollusionSign {
  /** Stable id: the same inputs give the same id. */
  id: string;
  /** The kind of sign. */
  kind: CollusionSignKind;
  /** The item of 87号令第三十七条. */
  item: CollusionItem;
  /** `87号令第三十七条第N项`. */
  citation: string;
  /** What the sign is, in Chinese and English. */
  title: BilingualText;
  /** The bids it involves, in input order (two or more, of different suppliers). */
  bids: SignBid[];
  /** What it rests on. */
  evidence: CollusionEvidence;
}

/** A sign kind the platform cannot compute from what it holds, and why. */
export interface UncheckedSign {
  /** The kind (or `fileMetadata`, which no input can show). */
  kind: CollusionSignKind | 'fileMetadata';
  /** The item it would be evidence of. */
  item: CollusionItem;
  /** `87号令第三十七条第N项`. */
  citation: string;
  /** Why it is not checked. */
  reason: BilingualText;
}

/** The signs and what could not be checked. */
export interface CollusionAnalysis {
  /** Every sign found, ordered by item, then by kind (in the order of {@link findCollusionSigns}), then as first seen. */
  signs: CollusionSign[];
  /** What the inputs cannot show. */
  unchecked: UncheckedSign[];
}

function signId(kind: CollusionSignKind, key: string, bidIds: readonly string[]): string {
  return sha256Hex(canonicalJson({ kind, key, bids: [...bidIds].sort() })).slice(0, 16);
}

function makeSign(
  kind: CollusionSignKind,
  key: string,
  bids: readonly CollusionBidInput[],
  evidence: CollusionEvidence,
): CollusionSign {
  const { item, title } = COLLUSION_SIGN_KINDS[kind];
  return {
    id: signId(
      kind,
      key,
      bids.map((b) => b.bidId),
    ),
    kind,
    item,
    citation: collusionCitation(item),
    title,
    bids: bids.map(({ bidId, supplierOrgId, supplierName }) => ({ bidId, supplierOrgId, supplierName })),
    evidence,
  };
}

/**
 * Groups bids by keys they carry, keeping only keys shared by two or more different suppliers; keys in
 * first-seen order, bids in input order.
 *
 * Why different suppliers: the article is about different bidders (不同投标人); one supplier's two
 * documents with the same hash are no sign of anything.
 */
function sharedKeys<T>(
  bids: readonly CollusionBidInput[],
  keysOf: (bid: CollusionBidInput) => ReadonlyArray<readonly [key: string, detail: T]>,
): { key: string; bids: CollusionBidInput[]; details: { bid: CollusionBidInput; detail: T }[] }[] {
  const groups = new Map<string, { bid: CollusionBidInput; detail: T }[]>();
  for (const bid of bids) {
    for (const [key, detail] of keysOf(bid)) {
      const group = groups.get(key) ?? [];
      group.push({ bid, detail });
      groups.set(key, group);
    }
  }
  return [...groups.entries()].flatMap(([key, details]) => {
    const suppliers = new Set(details.map((d) => d.bid.supplierOrgId));
    if (suppliers.size < 2) return [];
    const involved = bids.filter((bid) => details.some((d) => d.bid === bid));
    return [{ key, bids: involved, details }];
  });
}

/** Identical documents: the same ciphertext hash, or the same plaintext hash found at the reveal. */
export function findIdenticalDocuments(bids: readonly CollusionBidInput[]): CollusionSign[] {
  const byBasis = (basis: 'ciphertext' | 'plaintext') =>
    sharedKeys(bids, (bid) =>
      bid.documents.flatMap((doc) => {
        const hash = basis === 'ciphertext' ? doc.sha256 : doc.plaintextSha256;
        return hash ? [[hash, doc] as const] : [];
      }),
    );
  const toSign = (basis: 'ciphertext' | 'plaintext', group: ReturnType<typeof byBasis>[number]) =>
    makeSign('identicalDocument', `${basis}:${group.key}`, group.bids, {
      kind: 'identicalDocument',
      basis,
      sha256: group.key,
      documents: group.details.map(({ bid, detail }) => ({
        bidId: bid.bidId,
        documentId: detail.documentId,
        fileName: detail.fileName,
      })),
    });
  const ciphertext = byBasis('ciphertext');
  // Identical ciphertexts decrypt to identical plaintexts: a plaintext group naming exactly the
  // documents of a ciphertext group says nothing new and is left out.
  const seen = new Set(
    ciphertext.map((g) => canonicalJson(g.details.map((d) => d.detail.documentId).sort())),
  );
  const plaintext = byBasis('plaintext').filter(
    (g) => !seen.has(canonicalJson(g.details.map((d) => d.detail.documentId).sort())),
  );
  return [...ciphertext.map((g) => toSign('ciphertext', g)), ...plaintext.map((g) => toSign('plaintext', g))];
}

/** The same bid key in two bidders' bids (the same key commitment). */
export function findSameSealingKey(bids: readonly CollusionBidInput[]): CollusionSign[] {
  return sharedKeys(bids, (bid) => [[bid.keyCommitment, null] as const]).map((group) =>
    makeSign('sameSealingKey', group.key, group.bids, {
      kind: 'sameSealingKey',
      keyCommitment: group.key,
    }),
  );
}

/** Bid operations of two bidders from one network address. */
export function findSameNetworkAddress(bids: readonly CollusionBidInput[]): CollusionSign[] {
  return sharedKeys(bids, (bid) => bid.operations.map((op) => [op.sourceIp, op] as const)).map((group) =>
    makeSign('sameNetworkAddress', group.key, group.bids, {
      kind: 'sameNetworkAddress',
      sourceIp: group.key,
      operations: group.details.map(({ bid, detail }) => ({
        bidId: bid.bidId,
        type: detail.type,
        seq: detail.seq,
        at: detail.at,
      })),
    }),
  );
}

/**
 * The ways one person is recognised: phone digits (7 or more), e-mail without case, certificate
 * number without case or spaces.
 *
 * Why not the name: two different people called 张伟 are no sign; a shared phone, e-mail or
 * certificate is.
 */
function personKeys(
  person: NamedPerson,
): [matchedOn: 'phone' | 'email' | 'certificateNumber', value: string][] {
  const keys: ['phone' | 'email' | 'certificateNumber', string][] = [];
  const digits = person.phone?.replace(/\D/g, '') ?? '';
  if (digits.length >= 7) keys.push(['phone', digits]);
  const email = person.email?.trim().toLowerCase();
  if (email) keys.push(['email', email]);
  const certificate = person.certificateNumber?.replace(/\s/g, '').toUpperCase();
  if (certificate) keys.push(['certificateNumber', certificate]);
  return keys;
}

/** The same person named by two bidders, as contact or project manager in either role. */
export function findSamePerson(bids: readonly CollusionBidInput[]): CollusionSign[] {
  return sharedKeys(bids, (bid) =>
    bid.people.flatMap((person) =>
      personKeys(person).map(
        ([matchedOn, value]) => [`${matchedOn}:${value}`, { person, matchedOn, value }] as const,
      ),
    ),
  ).map((group) => {
    const first = group.details[0]!.detail;
    return makeSign('samePerson', group.key, group.bids, {
      kind: 'samePerson',
      matchedOn: first.matchedOn,
      value: first.value,
      people: group.details.map(({ bid, detail }) => ({
        bidId: bid.bidId,
        role: detail.person.role,
        name: detail.person.name,
      })),
    });
  });
}

/**
 * Revealed prices in a regular progression: three or more distinct prices in equal steps (等差) or in
 * equal ratios (等比), exact in 分 (ratios compared by cross-multiplying in BigInt, never as floats).
 * Only maximal runs are reported (100, 200, 300, 400 is one sign, not also 100, 200, 300), and only
 * runs whose prices come from at least two suppliers.
 */
export function findPriceProgressions(bids: readonly CollusionBidInput[]): CollusionSign[] {
  const byPrice = new Map<Fen, CollusionBidInput[]>();
  for (const bid of bids) {
    if (bid.priceFen === null) continue;
    byPrice.set(bid.priceFen, [...(byPrice.get(bid.priceFen) ?? []), bid]);
  }
  const prices = [...byPrice.keys()].sort((a, b) => a - b);
  const present = new Set(prices);
  const signs: CollusionSign[] = [];
  const report = (run: Fen[], progression: 'arithmetic' | 'geometric', step: string) => {
    const involved = bids.filter((bid) => bid.priceFen !== null && run.includes(bid.priceFen));
    if (new Set(involved.map((b) => b.supplierOrgId)).size < 2) return;
    signs.push(
      makeSign('priceProgression', `${progression}:${run.join(',')}`, involved, {
        kind: 'priceProgression',
        progression,
        prices: run.map((priceFen) => ({
          priceFen,
          bidIds: (byPrice.get(priceFen) ?? []).map((b) => b.bidId),
        })),
        step,
      }),
    );
  };
  for (let i = 0; i < prices.length; i += 1) {
    for (let j = i + 1; j < prices.length; j += 1) {
      const a = prices[i]!;
      const b = prices[j]!;
      // Equal steps: a, b, b + d, …; maximal only if a − d is not a price.
      const d = b - a;
      if (!present.has(a - d)) {
        const run = [a, b];
        while (present.has(run.at(-1)! + d)) run.push(run.at(-1)! + d);
        if (run.length >= 3) report(run, 'arithmetic', String(d));
      }
      // Equal ratios b/a: next = last × b / a, an integer exactly; maximal only if a × a / b is not a price.
      const num = BigInt(b);
      const den = BigInt(a);
      if (den === 0n) continue;
      const before = (BigInt(a) * den) % num === 0n ? Number((BigInt(a) * den) / num) : null;
      if (before !== null && present.has(before)) continue;
      const run = [a, b];
      for (;;) {
        const product = BigInt(run.at(-1)!) * num;
        if (product % den !== 0n) break;
        const next = Number(product / den);
        if (!present.has(next)) break;
        run.push(next);
      }
      if (run.length >= 3) {
        const g = gcd(num, den);
        report(run, 'geometric', `${num / g}/${den / g}`);
      }
    }
  }
  return signs;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Deposits paid from the same account, where the platform holds the paying account. */
export function findSameDepositAccount(bids: readonly CollusionBidInput[]): CollusionSign[] {
  return sharedKeys(bids, (bid) => {
    const account = bid.depositAccount;
    const number = account?.accountNumber.replace(/\s/g, '');
    return account && number ? [[number, account] as const] : [];
  }).map((group) =>
    makeSign('sameDepositAccount', group.key, group.bids, {
      kind: 'sameDepositAccount',
      accountNumber: group.key,
      accountName: group.details[0]!.detail.accountName ?? null,
    }),
  );
}

/** What the platform cannot see, and why: said in every answer, so nobody reads silence as a clean bill. */
export function uncheckedSigns(bids: readonly CollusionBidInput[]): UncheckedSign[] {
  const unchecked: UncheckedSign[] = [];
  if (!bids.some((bid) => bid.depositAccount)) {
    unchecked.push({
      kind: 'sameDepositAccount',
      item: 6,
      citation: collusionCitation(6),
      reason: {
        zh: '平台尚未记录本项目投标保证金的付款账户，无法比对',
        en: 'The platform records no paying account for this tender’s bid deposits, so none can be compared',
      },
    });
  }
  unchecked.push({
    kind: 'fileMetadata',
    item: 1,
    citation: collusionCitation(1),
    reason: {
      zh: '平台只保存加密后的投标文件，看不到文件的制作工具、机器码等元数据；同一密钥加密封装的情况已单独比对',
      en: 'The platform holds only ciphertexts and sees no file metadata (authoring tool, machine code); documents sealed with the same key are compared instead',
    },
  });
  return unchecked;
}

/**
 * Every sign the platform can see among a tender's valid bids, and what it cannot check.
 *
 * Why one entry point: the opening and the committee's session must show the same signs; computed
 * from inputs fixed at the opening, the answer is the same whenever it is asked.
 */
export function findCollusionSigns(bids: readonly CollusionBidInput[]): CollusionAnalysis {
  const signs = [
    ...findSameSealingKey(bids),
    ...findSameNetworkAddress(bids),
    ...findSamePerson(bids),
    ...findIdenticalDocuments(bids),
    ...findPriceProgressions(bids),
    ...findSameDepositAccount(bids),
  ];
  return { signs: signs.sort((a, b) => a.item - b.item), unchecked: uncheckedSigns(bids) };
}

/** One member's finding on one sign. */
export interface MemberFinding {
  /** The member. */
  expertId: string;
  /** The sign. */
  signId: string;
  /** Whether the member finds the bids of the sign collusive. */
  collusive: boolean;
  /** The member's reasons. */
  reason: string;
}

/** The committee's finding on a sign: decided once a majority of its seats agree (87号令第六十一条). */
export type CommitteeFinding = 'collusive' | 'notCollusive' | 'open';

/** The committee's finding on one sign from its members' findings and its number of seats. */
export function committeeFinding(findings: readonly MemberFinding[], seats: number): CommitteeFinding {
  const majority = Math.floor(seats / 2) + 1;
  const yes = findings.filter((f) => f.collusive).length;
  const no = findings.length - yes;
  if (yes >= majority) return 'collusive';
  if (no >= majority) return 'notCollusive';
  return 'open';
}

/**
 * The bids the committee found collusive, each with the signs behind it: every bid of a sign a
 * majority of the seats found collusive is invalid (第三十七条: 其投标无效).
 */
export function collusiveBids(
  signs: readonly { id: string; item: CollusionItem; bids: readonly { bidId: string }[] }[],
  findings: readonly MemberFinding[],
  seats: number,
): Map<string, { signId: string; item: CollusionItem; reasons: string[] }[]> {
  const result = new Map<string, { signId: string; item: CollusionItem; reasons: string[] }[]>();
  for (const sign of signs) {
    const mine = findings.filter((f) => f.signId === sign.id);
    if (committeeFinding(mine, seats) !== 'collusive') continue;
    const reasons = mine.filter((f) => f.collusive).map((f) => f.reason);
    for (const { bidId } of sign.bids) {
      result.set(bidId, [...(result.get(bidId) ?? []), { signId: sign.id, item: sign.item, reasons }]);
    }
  }
  return result;
}

/** The reason an invalid bid carries in the evaluation report, citing each item. */
export function collusionInvalidReason(
  entries: readonly { item: CollusionItem; reasons: string[] }[],
): string {
  const items = [...new Set(entries.map((e) => e.item))].sort((a, b) => a - b);
  const cites = items.map(collusionCitation).join('、');
  const reasons = [...new Set(entries.flatMap((e) => e.reasons))].join('；');
  return `视为串通投标，投标无效（${cites}）：${reasons} / Deemed collusive bidding, the bid is invalid (${cites})`;
}
