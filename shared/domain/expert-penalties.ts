/**
 * 一项目一考核: after every project each expert is assessed once, and the penalty ladder turns the
 * violations found into a warning, a suspension or removal from the pool.
 *
 * Violation codes and the ladder are data, each row with its citation or marked as the centre's own
 * policy, so the policy can be shown to experts and changed without touching the logic. Everything is
 * pure: the assessment's own time is "now", and the caller stores the result.
 */

import { deepFreeze, failAt as fail, parseInstantAt as parseInstant } from './checks';
import type { ExpertStatus, RuleRef } from './committee';
import type { BilingualText } from './errors';
import { ConflictError, ValidationError } from './errors';
import type { RuleSource } from './rules';

/** How grave a violation is: minor and general ones climb the ladder, a serious one removes at once. */
export type ViolationSeverity = 'minor' | 'general' | 'serious';

/** What the table says about one violation. */
export interface ViolationDefinition {
  /** Name of the violation, in both languages. */
  label: BilingualText;
  /** How grave it is. */
  severity: ViolationSeverity;
  /** The rule it breaks, or `平台规则` for the centre's own attendance rules. */
  citation: string;
  /** Whether the citation's text is in `shared/law/`, or the rule is the centre's own. */
  source: RuleSource;
}

/**
 * The violations an assessment can record, with labels, severity and citations.
 *
 * One list for the assessment form, the ladder and the expert's record, so a code means the same
 * everywhere; severities are the centre's classification of the cited provisions.
 */
export const VIOLATION_CODES = deepFreeze({
  late: {
    label: { zh: '迟到', en: 'Late' },
    severity: 'minor',
    citation: '平台规则',
    source: 'platform',
  },
  absent: {
    label: { zh: '无故缺席', en: 'Absent without reason' },
    severity: 'general',
    citation: '平台规则',
    source: 'platform',
  },
  leftEarly: {
    label: { zh: '擅离职守', en: 'Left the evaluation without leave' },
    severity: 'general',
    citation: '87号令第六十二条第五项',
    source: 'primary',
  },
  irregularScoring: {
    label: { zh: '未按规定评审', en: 'Did not evaluate by the prescribed procedure, method and criteria' },
    severity: 'general',
    citation: '实施条例第七十五条第一款',
    source: 'primary',
  },
  evadedRecusal: {
    label: { zh: '应回避未回避', en: 'Failed to recuse despite a conflict' },
    severity: 'serious',
    citation: '实施条例第七十五条第二款',
    source: 'primary',
  },
  tookBenefit: {
    label: { zh: '收受好处', en: 'Took a bribe or other improper benefit' },
    severity: 'serious',
    citation: '实施条例第七十五条第三款',
    source: 'primary',
  },
  leakedInformation: {
    label: { zh: '泄露评审情况', en: 'Leaked evaluation documents or deliberations' },
    severity: 'serious',
    citation: '实施条例第七十五条第一款',
    source: 'primary',
  },
  privateContact: {
    label: { zh: '私自接触投标人', en: 'Privately contacted a bidder' },
    severity: 'serious',
    citation: '87号令第六十二条第一项',
    source: 'primary',
  },
} as const satisfies Record<string, ViolationDefinition>);

/** A violation code of {@link VIOLATION_CODES}. */
export type ViolationCode = keyof typeof VIOLATION_CODES;

/** A rating from 1 (poor) to 5 (excellent). */
export type Rating = 1 | 2 | 3 | 4 | 5;

/** The one assessment of one expert on one project. */
export interface Assessment {
  /** The expert assessed. */
  expertId: string;
  /** The project; an expert has at most one assessment per project. */
  tenderId: string;
  /** When the assessment was made (ISO 8601 instant); the ladder counts back from it. */
  at: string;
  /** Ratings, each an integer from 1 to 5. */
  ratings: { punctuality: Rating; professionalism: Rating; fairness: Rating };
  /** Violations found on this project; empty when there were none. */
  violations: ViolationCode[];
  /** Free-text remark of the assessor. */
  note?: string;
}

/** What the ladder decides for one assessment. */
export type PenaltyDecision = 'none' | 'warning' | 'suspended' | 'removed';

/** When a ladder row applies. */
export type PenaltyTrigger =
  /** The expert is already removed; nothing can bring them back. */
  | { kind: 'alreadyRemoved' }
  /** The assessment records a violation of one of these severities. */
  | { kind: 'severity'; severities: readonly ViolationSeverity[] }
  /** The assessment records a violation while a suspension is still running. */
  | { kind: 'whileSuspended' }
  /** The assessment is warning-level and makes at least `count` such assessments within the window. */
  | { kind: 'warningCount'; count: number; withinMonths: number };

/** One row of the penalty ladder. */
export interface PenaltyRule {
  /** Stable id, e.g. `penalty.warning`. */
  id: string;
  /** What the row says, in both languages. */
  title: BilingualText;
  /** The legal citation, or `平台规则` with the provisions it follows. */
  citation: string;
  /** Whether the citation's text is in `shared/law/`, or the row is the centre's own policy. */
  source: RuleSource;
  /** First China-local day the row is in force (`YYYY-MM-DD`). */
  effectiveFrom: string;
  /** When the row applies. */
  trigger: PenaltyTrigger;
  /** What it decides. */
  decision: PenaltyDecision;
  /** Length of the suspension in calendar months, for a `suspended` decision. */
  suspendMonths?: number;
}

/** The centre's policy takes effect with the portal's earliest data. */
const PLATFORM_SINCE = '2000-01-01';
/** 实施条例 in force. */
const REGULATIONS_SINCE = '2015-03-01';
/** Months back from an assessment within which warnings add up. */
const WARNING_WINDOW_MONTHS = 12;

/**
 * The penalty ladder, most severe row first; the first row that matches an assessment decides.
 *
 * The statutory penalties (fines, bans) are imposed by the finance department; these rows are the
 * centre's management of its own pool, following 实施条例第七十五条 where the law bans an expert from
 * evaluation and marked `platform` where the steps are the centre's own policy.
 */
export const PENALTY_LADDER: readonly PenaltyRule[] = deepFreeze<PenaltyRule[]>([
  {
    id: 'penalty.removal-final',
    title: {
      zh: '淘汰出库为终局决定，已淘汰的专家不再恢复',
      en: 'Removal from the pool is final; a removed expert is never reinstated',
    },
    citation: '平台规则',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    trigger: { kind: 'alreadyRemoved' },
    decision: 'none',
  },
  {
    id: 'penalty.remove-on-serious',
    title: {
      zh: '严重违规（应回避未回避、收受好处、泄露评审情况、私自接触投标人）的，立即淘汰出库，禁止其参加政府采购评审活动',
      en: 'A serious violation (evaded recusal, a benefit taken, leaked deliberations, private contact with a bidder) removes the expert at once',
    },
    citation: '实施条例第七十五条',
    source: 'primary',
    effectiveFrom: REGULATIONS_SINCE,
    trigger: { kind: 'severity', severities: ['serious'] },
    decision: 'removed',
  },
  {
    id: 'penalty.remove-while-suspended',
    title: {
      zh: '暂停业务期间再有违规的，淘汰出库',
      en: 'Any violation while suspended removes the expert',
    },
    citation: '平台规则',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    trigger: { kind: 'whileSuspended' },
    decision: 'removed',
  },
  {
    id: 'penalty.remove-on-third-warning',
    title: {
      zh: '12个月内第三次受到警告的，淘汰出库',
      en: 'A third warning within 12 months removes the expert',
    },
    citation: '平台规则',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    trigger: { kind: 'warningCount', count: 3, withinMonths: WARNING_WINDOW_MONTHS },
    decision: 'removed',
  },
  {
    id: 'penalty.suspend-on-second-warning',
    title: {
      zh: '12个月内第二次受到警告的，暂停评审业务6个月',
      en: 'A second warning within 12 months suspends the expert for 6 months',
    },
    citation: '平台规则',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    trigger: { kind: 'warningCount', count: 2, withinMonths: WARNING_WINDOW_MONTHS },
    decision: 'suspended',
    suspendMonths: 6,
  },
  {
    id: 'penalty.warning',
    title: {
      zh: '一般或轻微违规的，给予警告并记入考核记录',
      en: 'A minor or general violation earns a warning on the expert’s record',
    },
    citation: '平台规则（参照实施条例第七十五条第一款、87号令第八十一条）',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    trigger: { kind: 'severity', severities: ['minor', 'general'] },
    decision: 'warning',
  },
]);

/** An expert's standing before the assessment. */
export interface ExpertStanding {
  /** Current status. */
  status: ExpertStatus;
  /** End of the current suspension (ISO 8601 instant), if suspended. */
  suspendedUntil?: string;
}

/** What the ladder decided and where it leaves the expert. */
export interface PenaltyOutcome {
  /** The decision on this assessment. */
  decision: PenaltyDecision;
  /** The expert's status after it. */
  status: ExpertStatus;
  /** End of the suspension in force after it (ISO 8601, UTC), if suspended. */
  suspendedUntil?: string;
  /** Warning-level assessments in the 12 months up to and including this one. */
  warningsIn12Months: number;
  /** The ladder row that decided, if one did. */
  rule?: RuleRef;
}

/**
 * Applies the penalty ladder to one assessment, given the expert's earlier assessments and standing.
 *
 * Pure, so the same record always gives the same decision and an appeal can replay it. Each earlier
 * assessment with a minor or general violation counts as one warning (one per project, however many
 * violations it records) when made within 12 months before `assessment.at`, inclusive; assessments
 * after it are ignored. Ratings must be integers 1–5 and codes known ({@link ValidationError} with
 * paths); a second assessment of the same project is a {@link ConflictError} (一项目一考核).
 */
export function decidePenalty(
  history: Assessment[],
  current: ExpertStanding,
  assessment: Assessment,
): PenaltyOutcome {
  const at = checkAssessment(assessment);
  const suspendedUntil =
    current?.suspendedUntil === undefined
      ? undefined
      : parseInstant(current.suspendedUntil, 'current.suspendedUntil');
  if (!['active', 'suspended', 'removed'].includes(current?.status)) {
    fail(
      'current.status',
      `未知的专家状态“${String(current?.status)}”`,
      `Unknown status '${String(current?.status)}'`,
    );
  }
  const earlier = checkHistory(history, assessment);
  const severities = new Set(assessment.violations.map((code) => VIOLATION_CODES[code].severity));
  const isWarningLevel = severities.has('minor') || severities.has('general');
  const suspendedNow = suspendedUntil !== undefined ? suspendedUntil > at : current.status === 'suspended';

  const countWarnings = (months: number): number => {
    const start = addMonths(at, -months);
    const earlierWarnings = earlier.filter((e) => e.isWarningLevel && e.at >= start && e.at <= at).length;
    return earlierWarnings + (isWarningLevel ? 1 : 0);
  };
  const warningsIn12Months = countWarnings(WARNING_WINDOW_MONTHS);

  const matches = (rule: PenaltyRule): boolean => {
    const trigger = rule.trigger;
    switch (trigger.kind) {
      case 'alreadyRemoved':
        return current.status === 'removed';
      case 'severity':
        return trigger.severities.some((severity) => severities.has(severity));
      case 'whileSuspended':
        return suspendedNow && severities.size > 0;
      case 'warningCount':
        return isWarningLevel && countWarnings(trigger.withinMonths) >= trigger.count;
    }
  };
  const rule = PENALTY_LADDER.find(matches);
  const ref = rule ? { rule: { id: rule.id, citation: rule.citation } } : {};

  if (current.status === 'removed' || rule?.decision === 'removed') {
    return { decision: rule?.decision ?? 'none', status: 'removed', warningsIn12Months, ...ref };
  }
  if (rule?.decision === 'suspended') {
    const until = new Date(addMonths(at, rule.suspendMonths ?? 0)).toISOString();
    return { decision: 'suspended', status: 'suspended', suspendedUntil: until, warningsIn12Months, ...ref };
  }
  const decision = rule?.decision ?? 'none';
  if (suspendedNow) {
    const until = current.suspendedUntil;
    return {
      decision,
      status: 'suspended',
      ...(until ? { suspendedUntil: until } : {}),
      warningsIn12Months,
      ...ref,
    };
  }
  return { decision, status: 'active', warningsIn12Months, ...ref };
}

/** An earlier assessment reduced to what the ladder needs. */
interface PastAssessment {
  /** When, in milliseconds. */
  at: number;
  /** Whether it recorded a minor or general violation. */
  isWarningLevel: boolean;
}

/** Checks the assessment being decided and returns its instant in milliseconds. */
function checkAssessment(assessment: Assessment): number {
  if (!assessment || typeof assessment !== 'object') {
    fail('assessment', '缺少考核记录', 'The assessment is missing');
  }
  assertId(assessment.expertId, 'expertId');
  assertId(assessment.tenderId, 'tenderId');
  const at = parseInstant(assessment.at, 'at');
  const ratings = (assessment.ratings ?? {}) as Record<string, unknown>;
  const issues = (['punctuality', 'professionalism', 'fairness'] as const)
    .filter((name) => {
      const value = ratings[name];
      return typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5;
    })
    .map((name) => ({
      path: `ratings.${name}`,
      message: {
        zh: `评分须为1至5的整数（当前${String(ratings[name])}）`,
        en: `A rating is an integer from 1 to 5 (is ${String(ratings[name])})`,
      },
    }));
  if (issues.length > 0) {
    throw new ValidationError({ zh: '考核评分无效', en: 'Invalid assessment ratings' }, issues);
  }
  assertViolations(assessment.violations, 'violations');
  return at;
}

/** Checks the earlier assessments and keeps what the ladder needs; the window later drops any after `at`. */
function checkHistory(history: Assessment[], assessment: Assessment): PastAssessment[] {
  if (!Array.isArray(history)) fail('history', '须为列表', 'must be a list');
  const past: PastAssessment[] = [];
  history.forEach((entry, i) => {
    if (entry?.expertId !== assessment.expertId) {
      fail(
        `history.${i}.expertId`,
        `历史考核属于其他专家（${String(entry?.expertId)}）`,
        `An earlier assessment belongs to another expert (${String(entry?.expertId)})`,
      );
    }
    if (entry.tenderId === assessment.tenderId) {
      throw new ConflictError({
        zh: `专家${assessment.expertId}在项目${assessment.tenderId}已有考核记录（一项目一考核）`,
        en: `Expert ${assessment.expertId} already has an assessment for project ${assessment.tenderId} (one per project)`,
      });
    }
    const entryAt = parseInstant(entry.at, `history.${i}.at`);
    assertViolations(entry.violations, `history.${i}.violations`);
    past.push({
      at: entryAt,
      isWarningLevel: entry.violations.some((code) => VIOLATION_CODES[code].severity !== 'serious'),
    });
  });
  return past;
}

/** Checks a list of known violation codes, or throws a {@link ValidationError} naming the first bad one. */
function assertViolations(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, '须为违规代码列表', 'must be a list of violation codes');
  (value as unknown[]).forEach((code, i) => {
    if (typeof code !== 'string' || !Object.hasOwn(VIOLATION_CODES, code)) {
      fail(`${path}.${i}`, `未知的违规代码“${String(code)}”`, `Unknown violation code '${String(code)}'`);
    }
  });
}

/** Checks a non-empty id, or throws a {@link ValidationError} at `path`. */
function assertId(value: unknown, path: string): void {
  if (typeof value !== 'string' || value.trim() === '') fail(path, '不能为空', 'must be a non-empty string');
}

/** China's fixed offset from UTC (Asia/Shanghai has no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The instant `months` calendar months from `ms`, counted on the China-local calendar and keeping the
 * local time of day; a day the target month lacks falls back to its last day (31 Aug + 6 → 28 Feb).
 */
function addMonths(ms: number, months: number): number {
  const local = new Date(ms + CHINA_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return shifted - CHINA_OFFSET_MS;
}

/** An ISO 8601 instant with an explicit offset, so no machine's zone can change its meaning. */
