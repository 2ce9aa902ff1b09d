/**
 * Evaluation committees (评标委员会, 谈判/询价/磋商小组): how large they must be, which experts may
 * sit on them, and a random draw that anyone can re-run.
 *
 * Sizes are rows of a small rules table in the style of `rules.ts`, each with its citation, so a change
 * in the law is a data change. Recusal follows 实施条例第九条. The draw ranks experts by a hash of a
 * published seed and their id, so the result is fixed by the seed and the pool snapshot alone and can
 * be verified after the result notice, when the members stop being secret (87号令第四十七条第四款).
 */

import { randomBytes } from 'node:crypto';
import { chinaDate } from './calendar';
import { deepFreeze, failAt as failValidation, parseInstantAt as parseInstant } from './checks';
import type { BilingualText, FieldIssue } from './errors';
import { UnprocessableError, ValidationError } from './errors';
import { canonicalJson, sha256Hex } from './hashing';
import type { Fen } from './money';
import { assertFen } from './money';
import type { Category, ProcurementMethod, RuleSource } from './rules';
import { CATEGORIES, PROCUREMENT_METHODS } from './rules';

/** Whether an expert may be drawn: in good standing, suspended for a time, or struck off for good. */
export type ExpertStatus = 'active' | 'suspended' | 'removed';

/** A tie between an expert and an organisation that can require recusal (实施条例第九条第一至四项). */
export type ExpertRelationKind = 'employment' | 'directorship' | 'control' | 'kin';

/** One tie between an expert and an organisation. */
export interface ExpertRelation {
  /** The organisation. */
  orgId: string;
  /** Employment, directorship (董事、监事), control (控股股东、实际控制人) or kin of its legal representative. */
  kind: ExpertRelationKind;
  /** Last day of the tie (`YYYY-MM-DD`, China-local) when it has ended; absent while it lasts. */
  until?: string;
}

/** An expert of the evaluation expert pool (评审专家库). */
export interface Expert {
  /** Stable id of the expert. */
  id: string;
  /** Name, for the committee roster. */
  name: string;
  /** Specialties the expert is registered for. */
  specialties: string[];
  /** Region the expert is registered in. */
  region: string;
  /** The organisation the expert works for now. */
  employerOrgId: string;
  /** Current and past ties to organisations. */
  relations: ExpertRelation[];
  /** Standing in the pool. */
  status: ExpertStatus;
  /** End of a suspension (ISO 8601 instant); the expert may be drawn again from this instant on. */
  suspendedUntil?: string;
}

/** A rule id with its citation, as carried by issues and decisions. */
export interface RuleRef {
  /** Stable rule id. */
  id: string;
  /** The legal citation, or `平台规则` for the platform's own settings. */
  citation: string;
}

/** What every committee rule carries, as the rows of `rules.ts` do. */
export interface CommitteeRuleBase {
  /** Stable id, e.g. `committee.tender.size`. */
  id: string;
  /** What the rule says, in both languages. */
  title: BilingualText;
  /** The legal citation. */
  citation: string;
  /** Whether the citation's text is in `shared/law/` (`primary`), cited second-hand, or the platform's own. */
  source: RuleSource;
  /** First China-local day the rule is in force (`YYYY-MM-DD`). */
  effectiveFrom: string;
  /** Last China-local day the rule is in force, inclusive; absent while it still is. */
  effectiveUntil?: string;
  /** Methods the rule governs. */
  methods: readonly ProcurementMethod[];
}

/** A minimum committee size, odd, with a minimum share of experts; optionally only from a budget up. */
export interface CommitteeSizeRule extends CommitteeRuleBase {
  kind: 'committeeSize';
  /** Fewest members. */
  minSize: number;
  /** Whether the number of members must be odd (单数). */
  odd: boolean;
  /** Least share of experts among the members, as a fraction (2/3). */
  expertShare: { numerator: number; denominator: number };
  /** Budget (inclusive, 以上) from which the row applies, per category; every budget when absent. */
  fromBudgetFen?: Readonly<Record<Category, Fen>>;
  /** Where the budget figures come from, when not from the cited text itself. */
  fromBudgetSource?: RuleSource;
}

/** The method has no committee drawn from the expert pool. */
export interface CommitteeNotDrawnRule extends CommitteeRuleBase {
  kind: 'notDrawn';
}

/** One row of the committee rules table. */
export type CommitteeRule = CommitteeSizeRule | CommitteeNotDrawnRule;

/** 74号令 in force. */
const ORDER_74_SINCE = '2014-02-01';
/** 财库〔2014〕214号 issued and in force. */
const CAIKU_214_SINCE = '2014-12-31';
/** 87号令 in force. */
const ORDER_87_SINCE = '2017-10-01';
/** Platform rules take effect with the portal's earliest data. */
const PLATFORM_SINCE = '2000-01-01';

/** 1000万元 in 分 (1万元 = 1,000,000分). */
const TEN_MILLION_YUAN: Fen = 1_000_000_000;

/** Experts make up at least two thirds of every committee (87号令第四十七条, 74号令第七条). */
const TWO_THIRDS = { numerator: 2, denominator: 3 } as const;

/**
 * The open-tender threshold (公开招标数额标准) the platform applies: 200万元 for goods and services,
 * 400万元 for works (the tender scale of works).
 *
 * A platform setting, not national law: the real figures are set by each province (and for works by
 * the tender-scale rules), so a deployment changes this one table when its province's figures differ.
 */
export const OPEN_TENDER_THRESHOLD_FEN: Readonly<Record<Category, Fen>> = Object.freeze({
  goods: 200_000_000,
  services: 200_000_000,
  works: 400_000_000,
});

/**
 * The committee rules table.
 *
 * Rows are data, like the publication rules, so the API can list them and each issue can name the row
 * it comes from; where two rows apply to a budget the larger minimum wins.
 */
export const COMMITTEE_RULES: readonly CommitteeRule[] = deepFreeze<CommitteeRule[]>([
  {
    id: 'committee.tender.size',
    kind: 'committeeSize',
    title: {
      zh: '评标委员会由采购人代表和评审专家组成，成员5人以上单数，评审专家不少于成员总数的三分之二',
      en: 'A tender committee has purchaser representatives and experts: at least 5 members, an odd number, experts at least two thirds',
    },
    citation: '87号令第四十七条第一款',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: ['openTender', 'invitedTender'],
    minSize: 5,
    odd: true,
    expertShare: TWO_THIRDS,
  },
  {
    id: 'committee.tender.large-budget',
    kind: 'committeeSize',
    title: {
      zh: '采购预算金额在1000万元以上的，评标委员会成员7人以上单数',
      en: 'A tender budgeted at 10 million yuan or more has at least 7 committee members, an odd number',
    },
    citation: '87号令第四十七条第二款第一项',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: ['openTender', 'invitedTender'],
    minSize: 7,
    odd: true,
    expertShare: TWO_THIRDS,
    fromBudgetFen: { goods: TEN_MILLION_YUAN, services: TEN_MILLION_YUAN, works: TEN_MILLION_YUAN },
  },
  {
    id: 'committee.negotiation.size',
    kind: 'committeeSize',
    title: {
      zh: '竞争性谈判小组或者询价小组由采购人代表和评审专家共3人以上单数组成，评审专家不少于成员总数的2/3',
      en: 'A negotiation or quotation panel has at least 3 members, an odd number, experts at least two thirds',
    },
    citation: '74号令第七条第一款',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['competitiveNegotiation', 'inquiry'],
    minSize: 3,
    odd: true,
    expertShare: TWO_THIRDS,
  },
  {
    id: 'committee.negotiation.open-tender-threshold',
    kind: 'committeeSize',
    title: {
      zh: '达到公开招标数额标准（平台参数：货物、服务200万元，工程400万元）的，谈判小组或者询价小组5人以上单数',
      en: 'From the open-tender threshold (platform setting: 2 million yuan for goods and services, 4 million for works) the panel has at least 5 members, an odd number',
    },
    citation: '74号令第七条第二款',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['competitiveNegotiation', 'inquiry'],
    minSize: 5,
    odd: true,
    expertShare: TWO_THIRDS,
    fromBudgetFen: OPEN_TENDER_THRESHOLD_FEN,
    fromBudgetSource: 'platform',
  },
  {
    id: 'committee.consultation.size',
    kind: 'committeeSize',
    title: {
      zh: '磋商小组由采购人代表和评审专家共3人以上单数组成，评审专家不少于成员总数的2/3',
      en: 'A consultation panel has at least 3 members, an odd number, experts at least two thirds',
    },
    citation: '财库〔2014〕214号第十四条',
    source: 'secondary',
    effectiveFrom: CAIKU_214_SINCE,
    methods: ['competitiveConsultation'],
    minSize: 3,
    odd: true,
    expertShare: TWO_THIRDS,
  },
  {
    id: 'committee.consultation.open-tender-threshold',
    kind: 'committeeSize',
    title: {
      zh: '达到公开招标数额标准（平台参数）的磋商项目，磋商小组5人以上单数，与谈判小组一致',
      en: 'From the open-tender threshold (platform setting) a consultation panel has at least 5 members, an odd number, as a negotiation panel does',
    },
    citation: '平台规则（参照74号令第七条第二款）',
    source: 'platform',
    effectiveFrom: CAIKU_214_SINCE,
    methods: ['competitiveConsultation'],
    minSize: 5,
    odd: true,
    expertShare: TWO_THIRDS,
    fromBudgetFen: OPEN_TENDER_THRESHOLD_FEN,
    fromBudgetSource: 'platform',
  },
  {
    id: 'committee.single-source.not-drawn',
    kind: 'notDrawn',
    title: {
      zh: '单一来源采购由具有相关经验的专业人员与供应商商定成交价格，不抽取评审专家组成评审小组',
      en: 'Single-source procurement agrees the price through experienced staff; no expert committee is drawn',
    },
    citation: '74号令第四十一条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['singleSource'],
  },
  {
    id: 'committee.rights-transfer.not-drawn',
    kind: 'notDrawn',
    title: {
      zh: '挂牌、拍卖出让按价高者得，不抽取评审专家',
      en: 'Listings and auctions are won by the highest price; no expert committee is drawn',
    },
    citation: '平台规则',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    methods: ['listing', 'auction'],
  },
]);

/** How large a committee must be, and who must be on it. */
export interface CommitteeRequirement {
  /** Fewest members. */
  minSize: number;
  /** Fewest experts a committee of `size` members needs (two thirds, rounded up). */
  minExperts(size: number): number;
  /** The row that sets the minimum. */
  rule: RuleRef;
}

/**
 * The committee a method, category and budget call for, by the rows in force.
 *
 * Callers plan the draw from it; a method without a drawn committee (single source, listing, auction)
 * throws an {@link UnprocessableError} `committee-not-drawn` naming its rule, since any size would be wrong.
 */
export function committeeRequirement(
  method: ProcurementMethod,
  category: Category,
  budgetFen: Fen,
): CommitteeRequirement {
  const { rule } = findSizeRule(method, category, budgetFen);
  const { numerator, denominator } = rule.expertShare;
  return {
    minSize: rule.minSize,
    minExperts: (size: number) => Math.ceil((size * numerator) / denominator),
    rule: { id: rule.id, citation: rule.citation },
  };
}

/** A planned committee: how many members, and how many of them represent the purchaser. */
export interface CommitteePlan {
  /** Procurement method. */
  method: ProcurementMethod;
  /** Goods, works or services. */
  category: Category;
  /** Budget in 分. */
  budgetFen: Fen;
  /** Total members. */
  size: number;
  /** Members who represent the purchaser (采购人代表); the rest are drawn experts. */
  purchaserRepresentatives: number;
}

/**
 * Every rule a planned committee breaks, each issue naming its rule and citation; empty when it is fine.
 *
 * Checked before the draw so a committee is never formed too small, even, or short of experts; a
 * malformed plan (non-integers, more representatives than members) throws a {@link ValidationError}.
 */
export function validateCommitteePlan(plan: CommitteePlan): FieldIssue[] {
  const { rule } = findSizeRule(plan.method, plan.category, plan.budgetFen);
  const size = plan.size;
  const representatives = plan.purchaserRepresentatives;
  if (!Number.isSafeInteger(size) || size < 1) {
    failValidation('size', '委员会人数须为正整数', 'The committee size must be a positive integer');
  }
  if (!Number.isSafeInteger(representatives) || representatives < 0 || representatives > size) {
    failValidation(
      'purchaserRepresentatives',
      `采购人代表人数须为0至${size}之间的整数`,
      `Purchaser representatives must be an integer from 0 to ${size}`,
    );
  }
  const issues: FieldIssue[] = [];
  const ref = { rule: rule.id, citation: rule.citation };
  if (size < rule.minSize) {
    issues.push({
      path: 'size',
      message: {
        zh: `委员会成员应不少于${rule.minSize}人（计划${size}人）`,
        en: `The committee needs at least ${rule.minSize} members (planned ${size})`,
      },
      ...ref,
    });
  }
  if (rule.odd && size % 2 === 0) {
    issues.push({
      path: 'size',
      message: {
        zh: `委员会成员人数应为单数（计划${size}人）`,
        en: `The committee must have an odd number of members (planned ${size})`,
      },
      ...ref,
    });
  }
  const experts = size - representatives;
  const { numerator, denominator } = rule.expertShare;
  if (experts * denominator < size * numerator) {
    const needed = Math.ceil((size * numerator) / denominator);
    issues.push({
      path: 'purchaserRepresentatives',
      message: {
        zh: `评审专家不得少于成员总数的${numerator}/${denominator}：${size}人的委员会至少需要${needed}名专家（计划${experts}名）`,
        en: `Experts must be at least ${numerator}/${denominator} of the members: a committee of ${size} needs ${needed} experts (planned ${experts})`,
      },
      ...ref,
    });
  }
  return issues;
}

/** Why an expert cannot sit on this committee. */
export type ExclusionReason = 'removed' | 'suspended' | 'relation' | 'employer' | 'specialty' | 'region';

/** One expert left out, with the first reason found. */
export interface Exclusion {
  /** The expert. */
  expertId: string;
  /** Why. */
  reason: ExclusionReason;
  /** The reason spelt out, in both languages. */
  detail: BilingualText;
}

/** Who may be drawn for one project. */
export interface EligibilityCriteria {
  /** Specialties the project needs; an expert must have at least one. */
  specialties: string[];
  /** Regions to draw from; any region when absent. */
  regions?: string[];
  /** Organisations the experts must be free of: the purchasing unit and every bidder. */
  conflictOrgIds: string[];
  /** When the draw happens (ISO 8601 instant); the recusal window and suspensions are measured from it. */
  at: string;
}

/** The pool split into who may be drawn and who may not. */
export interface EligibilityResult {
  /** Experts who may be drawn, in pool order. */
  eligible: Expert[];
  /** Experts left out, in pool order, each with the first reason found. */
  excluded: Exclusion[];
}

/** Every expert status, for checking records read from storage. */
const EXPERT_STATUSES: readonly string[] = ['active', 'suspended', 'removed'];

/** Years before the activity during which employment, directorship or control still require recusal. */
const RECUSAL_LOOKBACK_YEARS = 3;

/** Relation kinds in both languages, with the item of 实施条例第九条 they fall under. */
const RELATION_LABELS: Readonly<Record<ExpertRelationKind, BilingualText & { item: string }>> = {
  employment: { zh: '劳动关系', en: 'employment', item: '第一项' },
  directorship: { zh: '董事、监事职务', en: 'a directorship', item: '第二项' },
  control: { zh: '控股或实际控制关系', en: 'control', item: '第三项' },
  kin: {
    zh: '与法定代表人或负责人的近亲属关系',
    en: 'close kinship with its legal representative',
    item: '第四项',
  },
};

/**
 * Splits the pool into experts who may be drawn for a project and those who may not, with reasons.
 *
 * Applied before every draw: removed experts, suspensions still running at `at`, an employer among the
 * conflict organisations, and the ties of 实施条例第九条 (employment, directorship or control ending
 * within 3 years before `at` — 内 includes the last day, 87号令第八十六条 — or close kin at any time)
 * exclude; then the specialty and region filters apply. Kin is excluded even when `until` is set, since
 * 第九条第四项 has no look-back and 第五项 leans to recusal whenever fairness may be in doubt.
 */
export function filterEligible(pool: Expert[], criteria: EligibilityCriteria): EligibilityResult {
  const at = parseInstant(criteria.at, 'at');
  const cutoff = yearsBefore(chinaDate(new Date(at)), RECUSAL_LOOKBACK_YEARS);
  const specialties = assertNonEmptyStrings(criteria.specialties, 'specialties');
  const regions =
    criteria.regions === undefined ? undefined : assertNonEmptyStrings(criteria.regions, 'regions');
  const conflicts = new Set(assertNonEmptyStrings(criteria.conflictOrgIds, 'conflictOrgIds'));
  assertUniqueIds(
    pool.map((expert) => expert?.id),
    'pool',
  );
  const eligible: Expert[] = [];
  const excluded: Exclusion[] = [];
  pool.forEach((expert, index) => {
    const exclusion = findExclusion(expert, index, { at, cutoff, specialties, regions, conflicts });
    if (exclusion) excluded.push(exclusion);
    else eligible.push(expert);
  });
  return { eligible, excluded };
}

/** Input of {@link drawCommittee}. */
export interface DrawInput {
  /** The random seed, 64 hex digits (see {@link generateSeed}). */
  seed: string;
  /** The eligible experts, as returned by {@link filterEligible}; order does not matter. */
  eligible: Expert[];
  /** Experts to draw as members (the committee size less the purchaser representatives). */
  size: number;
  /** Reserves to draw, in the order they replace a member who cannot serve (87号令第四十九条). */
  reserveSize: number;
}

/** The outcome of a draw. */
export interface CommitteeDraw {
  /** SHA-256 of the canonical JSON of the sorted eligible ids: the pool the draw was made from. */
  snapshotDigest: string;
  /** Member ids, in rank order. */
  members: string[];
  /** Reserve ids, in rank order. */
  reserves: string[];
}

/**
 * Draws the members and reserves from the eligible experts, deterministically from the seed.
 *
 * Each id is ranked by SHA-256 of `${seed}|${id}`, lowest first (ties broken by id), so the result
 * depends only on the seed and the set of ids, never on pool order, and anyone holding both can re-run
 * it with {@link verifyDraw}. Record the snapshot digest before the seed is revealed so the pool cannot
 * be tuned to a known seed. With too few eligible experts it throws an {@link UnprocessableError}
 * `insufficient-experts` rather than form a smaller committee (87号令第四十九条 requires a full one).
 */
export function drawCommittee(input: DrawInput): CommitteeDraw {
  const seed = assertSeed(input.seed);
  assertCount(input.size, 'size', 1);
  assertCount(input.reserveSize, 'reserveSize', 0);
  const ids = (Array.isArray(input.eligible) ? input.eligible : []).map((expert) => expert?.id);
  assertUniqueIds(ids, 'eligible');
  return rankAndPick(seed, ids as string[], input.size, input.reserveSize);
}

/** Input of {@link verifyDraw}: the recorded draw and what it was made from. */
export interface DrawVerificationInput {
  /** The seed used. */
  seed: string;
  /** The ids of the eligible experts at the draw, in any order. */
  eligibleIds: string[];
  /** Members drawn. */
  size: number;
  /** Reserves drawn. */
  reserveSize: number;
  /** The recorded members, in rank order. */
  members: string[];
  /** The recorded reserves, in rank order. */
  reserves: string[];
  /** The recorded snapshot digest. */
  snapshotDigest: string;
}

/** Whether a recorded draw checks out, and if not, why. */
export interface DrawVerification {
  /** Whether re-running the draw gives exactly the record. */
  valid: boolean;
  /**
   * Why not: `invalid-input`, `insufficient-experts`, `snapshot-mismatch`, `members-mismatch` or
   * `reserves-mismatch`, followed by an English explanation.
   */
  reason?: string;
}

/**
 * Re-runs a draw from its seed and eligible ids and compares it with the record.
 *
 * Suppliers and supervisors can check after the result notice that the committee was the one the seed
 * picked; a substituted member, a reordered reserve list or a changed pool all fail. Never throws.
 */
export function verifyDraw(input: DrawVerificationInput): DrawVerification {
  let expected: CommitteeDraw;
  try {
    const seed = assertSeed(input.seed);
    assertCount(input.size, 'size', 1);
    assertCount(input.reserveSize, 'reserveSize', 0);
    assertUniqueIds(input.eligibleIds, 'eligibleIds');
    expected = rankAndPick(seed, input.eligibleIds, input.size, input.reserveSize);
  } catch (error) {
    if (error instanceof UnprocessableError) {
      return { valid: false, reason: `${error.type}: ${error.detail.en}` };
    }
    if (error instanceof ValidationError)
      return { valid: false, reason: `invalid-input: ${error.detail.en}` };
    throw error;
  }
  if (input.snapshotDigest !== expected.snapshotDigest) {
    return {
      valid: false,
      reason: 'snapshot-mismatch: the eligible ids do not hash to the recorded snapshot digest',
    };
  }
  if (!isSameSequence(input.members, expected.members)) {
    return { valid: false, reason: 'members-mismatch: the seed picks other members, or another order' };
  }
  if (!isSameSequence(input.reserves, expected.reserves)) {
    return { valid: false, reason: 'reserves-mismatch: the seed picks other reserves, or another order' };
  }
  return { valid: true };
}

/**
 * A fresh random seed for a draw: 32 bytes from the operating system's CSPRNG, as 64 hex digits.
 *
 * The only impure function of this module: the draw itself stays pure and replayable, and only the
 * seed has to be unpredictable before it is used.
 */
export function generateSeed(): string {
  return randomBytes(32).toString('hex');
}

/** Finds the committee-size row governing a method, category and budget, or throws. */
function findSizeRule(
  method: ProcurementMethod,
  category: Category,
  budgetFen: Fen,
): { rule: CommitteeSizeRule } {
  if (!(PROCUREMENT_METHODS as readonly string[]).includes(method)) {
    failValidation(
      'method',
      `未知的采购方式“${String(method)}”`,
      `Unknown procurement method '${String(method)}'`,
    );
  }
  if (!(CATEGORIES as readonly string[]).includes(category)) {
    failValidation(
      'category',
      `未知的采购品目“${String(category)}”`,
      `Unknown category '${String(category)}'`,
    );
  }
  const budget = assertFen(budgetFen, { field: 'budgetFen' });
  const rows = COMMITTEE_RULES.filter(
    (rule) => rule.effectiveUntil === undefined && rule.methods.includes(method),
  );
  const notDrawn = rows.find((rule): rule is CommitteeNotDrawnRule => rule.kind === 'notDrawn');
  if (notDrawn) {
    throw new UnprocessableError(
      'committee-not-drawn',
      {
        zh: `该采购方式不抽取评审专家组成委员会：${notDrawn.title.zh}（${notDrawn.citation}）`,
        en: `This method has no drawn committee: ${notDrawn.title.en} (${notDrawn.citation})`,
      },
      { extensions: { rule: notDrawn.id, citation: notDrawn.citation } },
    );
  }
  let best: CommitteeSizeRule | undefined;
  for (const rule of rows) {
    if (rule.kind !== 'committeeSize') continue;
    const from = rule.fromBudgetFen?.[category];
    if (from !== undefined && budget < from) continue;
    if (!best || rule.minSize > best.minSize) best = rule;
  }
  if (!best) {
    throw new UnprocessableError('committee-not-drawn', {
      zh: '该采购方式没有委员会组成规则',
      en: 'No committee rule covers this method',
    });
  }
  return { rule: best };
}

/** Shared core of {@link drawCommittee} and {@link verifyDraw}, on already-checked input. */
function rankAndPick(seed: string, ids: readonly string[], size: number, reserveSize: number): CommitteeDraw {
  const sortedIds = [...ids].sort(compareCodeUnits);
  const snapshotDigest = sha256Hex(canonicalJson(sortedIds));
  const needed = size + reserveSize;
  if (sortedIds.length < needed) {
    throw new UnprocessableError(
      'insufficient-experts',
      {
        zh: `符合条件的评审专家只有${sortedIds.length}名，需要${needed}名（成员${size}名、备选${reserveSize}名），不得减少委员会人数`,
        en: `Only ${sortedIds.length} eligible experts, ${needed} needed (${size} members, ${reserveSize} reserves); the committee may not be smaller`,
      },
      { extensions: { eligible: sortedIds.length, needed } },
    );
  }
  const ranked = sortedIds
    .map((id) => ({ id, key: sha256Hex(`${seed}|${id}`) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.id, b.id))
    .map((entry) => entry.id);
  return { snapshotDigest, members: ranked.slice(0, size), reserves: ranked.slice(size, needed) };
}

/** What {@link findExclusion} checks an expert against, parsed once per call of {@link filterEligible}. */
interface ParsedCriteria {
  at: number;
  cutoff: string;
  specialties: readonly string[];
  regions: readonly string[] | undefined;
  conflicts: ReadonlySet<string>;
}

/** The first reason an expert may not be drawn, or `undefined`. */
function findExclusion(expert: Expert, index: number, criteria: ParsedCriteria): Exclusion | undefined {
  const expertId = expert.id;
  const exclude = (reason: ExclusionReason, zh: string, en: string): Exclusion => ({
    expertId,
    reason,
    detail: { zh, en },
  });
  if (!EXPERT_STATUSES.includes(expert.status)) {
    failValidation(
      `pool.${index}.status`,
      `未知的专家状态“${String(expert.status)}”`,
      `Unknown expert status '${String(expert.status)}'`,
    );
  }
  if (expert.status === 'removed') {
    return exclude('removed', '该专家已被淘汰出库', 'The expert has been removed from the pool');
  }
  const suspendedUntil =
    expert.suspendedUntil === undefined
      ? undefined
      : parseInstant(expert.suspendedUntil, `pool.${index}.suspendedUntil`);
  const suspended =
    suspendedUntil !== undefined ? suspendedUntil > criteria.at : expert.status === 'suspended';
  if (suspended) {
    const until = expert.suspendedUntil;
    return exclude(
      'suspended',
      until ? `该专家暂停评审业务至${until}` : '该专家暂停评审业务',
      until ? `The expert is suspended until ${until}` : 'The expert is suspended',
    );
  }
  if (criteria.conflicts.has(expert.employerOrgId)) {
    return exclude(
      'employer',
      `该专家就职于利害关系单位${expert.employerOrgId}，须回避（实施条例第九条；对本单位项目只能作为采购人代表，87号令第四十七条第三款）`,
      `The expert works for ${expert.employerOrgId}, a party to the project, and must recuse (实施条例第九条; 87号令第四十七条第三款)`,
    );
  }
  const relations = Array.isArray(expert.relations) ? expert.relations : [];
  for (const [j, relation] of relations.entries()) {
    if (!Object.hasOwn(RELATION_LABELS, String(relation?.kind))) {
      failValidation(
        `pool.${index}.relations.${j}.kind`,
        `未知的关系类型“${String(relation?.kind)}”`,
        `Unknown relation kind '${String(relation?.kind)}'`,
      );
    }
    if (!criteria.conflicts.has(relation.orgId)) continue;
    const until =
      relation.until === undefined
        ? undefined
        : assertDate(relation.until, `pool.${index}.relations.${j}.until`);
    const current = relation.kind === 'kin' || until === undefined || until >= criteria.cutoff;
    if (!current) continue;
    const label = RELATION_LABELS[relation.kind];
    const period =
      until === undefined
        ? { zh: '，仍在持续', en: ', ongoing' }
        : { zh: `，至${until}`, en: ` until ${until}` };
    return exclude(
      'relation',
      `该专家与${relation.orgId}存在${label.zh}${period.zh}，须回避（实施条例第九条${label.item}）`,
      `The expert has ${label.en} with ${relation.orgId}${period.en} and must recuse (实施条例第九条${label.item})`,
    );
  }
  const own = Array.isArray(expert.specialties) ? expert.specialties : [];
  if (!own.some((specialty) => criteria.specialties.includes(specialty))) {
    return exclude(
      'specialty',
      `该专家的专业（${own.join('、') || '无'}）不符合项目所需（${criteria.specialties.join('、')}）`,
      `The expert's specialties (${own.join(', ') || 'none'}) do not match the project's (${criteria.specialties.join(', ')})`,
    );
  }
  if (criteria.regions && !criteria.regions.includes(expert.region)) {
    return exclude(
      'region',
      `该专家所在地区（${expert.region}）不在抽取范围（${criteria.regions.join('、')}）内`,
      `The expert's region (${expert.region}) is outside the draw (${criteria.regions.join(', ')})`,
    );
  }
  return undefined;
}

/** Compares strings by UTF-16 code units, the order `canonicalJson` uses, independent of locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two lists hold the same strings in the same order. */
function isSameSequence(actual: unknown, expected: readonly string[]): boolean {
  return (
    Array.isArray(actual) &&
    actual.length === expected.length &&
    actual.every((value, i) => value === expected[i])
  );
}

/** An ISO 8601 instant with an explicit offset, so no machine's zone can change its meaning. */

/** Checks a `YYYY-MM-DD` date that exists, or throws a {@link ValidationError} at `path`. */
function assertDate(value: unknown, path: string): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    failValidation(
      path,
      `日期“${String(value)}”无效，应为 YYYY-MM-DD`,
      `Invalid date '${String(value)}', expected YYYY-MM-DD`,
    );
  }
  return value as string;
}

/** The same calendar day `years` earlier; 29 February falls back to the 28th, widening the window. */
function yearsBefore(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

/** Checks a non-empty list of non-empty strings, or throws a {@link ValidationError} at `path`. */
function assertNonEmptyStrings(value: unknown, path: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string' && item.trim() !== '')
  ) {
    failValidation(path, '须为非空的字符串列表', 'must be a non-empty list of non-empty strings');
  }
  return value as string[];
}

/** Checks that ids are non-empty and unique, or throws a {@link ValidationError} naming the first bad one. */
function assertUniqueIds(ids: unknown, path: string): void {
  if (!Array.isArray(ids)) failValidation(path, '须为列表', 'must be a list');
  const seen = new Set<string>();
  (ids as unknown[]).forEach((id, i) => {
    if (typeof id !== 'string' || id.trim() === '') {
      failValidation(`${path}.${i}`, '专家编号不能为空', 'An expert id must be a non-empty string');
    }
    if (seen.has(id as string)) {
      failValidation(
        `${path}.${i}`,
        `专家编号“${String(id)}”重复`,
        `Expert id '${String(id)}' appears twice`,
      );
    }
    seen.add(id as string);
  });
}

/** Checks an integer count of at least `min`, or throws a {@link ValidationError} at `path`. */
function assertCount(value: unknown, path: string, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    failValidation(path, `须为不小于${min}的整数`, `must be an integer of at least ${min}`);
  }
}

/** Checks a seed of 64 hex digits and returns it in lower case, so either spelling draws the same. */
function assertSeed(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value)) {
    failValidation('seed', '随机种子须为64位十六进制字符', 'The seed must be 64 hex digits');
  }
  return (value as string).toLowerCase();
}
