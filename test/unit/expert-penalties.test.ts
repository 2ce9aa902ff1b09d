import { describe, expect, test } from 'vitest';
import { ConflictError, ValidationError } from '../../shared/domain/errors';
import type { Assessment, ExpertStanding, ViolationCode } from '../../shared/domain/expert-penalties';
import { decidePenalty, PENALTY_LADDER, VIOLATION_CODES } from '../../shared/domain/expert-penalties';

/** Runs `act` and returns what it threw, or fails when it did not throw. */
const catchError = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
};

const EXPERT = 'EXP-001';
const ACTIVE: ExpertStanding = { status: 'active' };

/** An assessment of {@link EXPERT} on a project, at a Beijing-time instant, with good ratings. */
function assessment(tenderId: string, at: string, violations: ViolationCode[] = []): Assessment {
  return {
    expertId: EXPERT,
    tenderId,
    at,
    ratings: { punctuality: 5, professionalism: 4, fairness: 5 },
    violations,
  };
}

describe('VIOLATION_CODES', () => {
  test('classes each violation and cites its provision', () => {
    // Prepare
    const codes = Object.keys(VIOLATION_CODES) as ViolationCode[];

    // Act
    const table = Object.fromEntries(
      codes.map((code) => [code, [VIOLATION_CODES[code].severity, VIOLATION_CODES[code].citation]]),
    );

    // Assess
    expect(table).toEqual({
      late: ['minor', '平台规则'],
      absent: ['general', '平台规则'],
      leftEarly: ['general', '87号令第六十二条第五项'],
      irregularScoring: ['general', '实施条例第七十五条第一款'],
      evadedRecusal: ['serious', '实施条例第七十五条第二款'],
      tookBenefit: ['serious', '实施条例第七十五条第三款'],
      leakedInformation: ['serious', '实施条例第七十五条第一款'],
      privateContact: ['serious', '87号令第六十二条第一项'],
    });
    expect(VIOLATION_CODES.late.label).toEqual({ zh: '迟到', en: 'Late' });
    expect(VIOLATION_CODES.absent.source).toBe('platform');
    expect(VIOLATION_CODES.tookBenefit.source).toBe('primary');
  });
});

describe('PENALTY_LADDER', () => {
  test('rows are complete; removal for serious violations cites 实施条例第七十五条, the steps are platform policy', () => {
    // Prepare
    const byId = new Map(PENALTY_LADDER.map((rule) => [rule.id, rule]));

    // Act
    const incomplete = PENALTY_LADDER.filter(
      (rule) =>
        !rule.title.zh || !rule.title.en || !rule.citation || !/^\d{4}-\d{2}-\d{2}$/.test(rule.effectiveFrom),
    );

    // Assess
    expect(incomplete).toEqual([]);
    expect(byId.size).toBe(PENALTY_LADDER.length);
    expect(byId.get('penalty.remove-on-serious')).toMatchObject({
      citation: '实施条例第七十五条',
      source: 'primary',
      decision: 'removed',
    });
    expect(byId.get('penalty.suspend-on-second-warning')).toMatchObject({
      source: 'platform',
      decision: 'suspended',
      suspendMonths: 6,
      trigger: { kind: 'warningCount', count: 2, withinMonths: 12 },
    });
    expect(byId.get('penalty.remove-on-third-warning')?.trigger).toEqual({
      kind: 'warningCount',
      count: 3,
      withinMonths: 12,
    });
    expect(byId.get('penalty.warning')?.source).toBe('platform');
    expect(Object.isFrozen(PENALTY_LADDER[0])).toBe(true);
  });
});

describe('decidePenalty: the ladder', () => {
  const first = assessment('T-1', '2024-01-10T10:00:00+08:00', ['late']);
  const second = assessment('T-2', '2024-05-10T10:00:00+08:00', ['absent']);

  test('a first minor violation is a warning', () => {
    // Prepare
    const history: Assessment[] = [];

    // Act
    const outcome = decidePenalty(history, ACTIVE, first);

    // Assess
    expect(outcome).toEqual({
      decision: 'warning',
      status: 'active',
      warningsIn12Months: 1,
      rule: {
        id: 'penalty.warning',
        citation: '平台规则（参照实施条例第七十五条第一款、87号令第八十一条）',
      },
    });
  });

  test('a second warning within 12 months suspends for 6 months from the assessment', () => {
    // Prepare
    const history = [first];

    // Act
    const outcome = decidePenalty(history, ACTIVE, second);

    // Assess
    expect(outcome).toEqual({
      decision: 'suspended',
      status: 'suspended',
      suspendedUntil: '2024-11-10T02:00:00.000Z',
      warningsIn12Months: 2,
      rule: { id: 'penalty.suspend-on-second-warning', citation: '平台规则' },
    });
  });

  test('any violation while suspended removes', () => {
    // Prepare
    const history = [first, second];
    const suspended: ExpertStanding = { status: 'suspended', suspendedUntil: '2024-11-10T02:00:00.000Z' };
    const third = assessment('T-3', '2024-07-01T10:00:00+08:00', ['late']);

    // Act
    const outcome = decidePenalty(history, suspended, third);

    // Assess
    expect(outcome.decision).toBe('removed');
    expect(outcome.status).toBe('removed');
    expect(outcome.suspendedUntil).toBeUndefined();
    expect(outcome.rule?.id).toBe('penalty.remove-while-suspended');
  });

  test('a third warning within 12 months removes, even after the suspension has ended', () => {
    // Prepare
    const history = [first, second];
    const ended: ExpertStanding = { status: 'suspended', suspendedUntil: '2024-11-10T02:00:00.000Z' };
    const third = assessment('T-3', '2024-12-01T10:00:00+08:00', ['leftEarly']);

    // Act
    const outcome = decidePenalty(history, ended, third);

    // Assess
    expect(outcome).toMatchObject({ decision: 'removed', status: 'removed', warningsIn12Months: 3 });
    expect(outcome.rule?.id).toBe('penalty.remove-on-third-warning');
  });

  test('two warnings 13 months apart stay warnings', () => {
    // Prepare
    const later = assessment('T-2', '2025-02-10T10:00:00+08:00', ['irregularScoring']);

    // Act
    const outcome = decidePenalty([first], ACTIVE, later);

    // Assess
    expect(outcome).toMatchObject({ decision: 'warning', status: 'active', warningsIn12Months: 1 });
  });

  test('the 12 months include their last instant (内 includes the number) and not one millisecond more', () => {
    // Prepare
    const onTheDay = assessment('T-2', '2025-01-10T10:00:00+08:00', ['late']);
    const justAfter = assessment('T-2', '2025-01-10T10:00:00.001+08:00', ['late']);

    // Act
    const inside = decidePenalty([first], ACTIVE, onTheDay);
    const outside = decidePenalty([first], ACTIVE, justAfter);

    // Assess
    expect(inside).toMatchObject({ decision: 'suspended', warningsIn12Months: 2 });
    expect(outside).toMatchObject({ decision: 'warning', warningsIn12Months: 1 });
  });

  test('a suspension from 31 August ends on the last day of February', () => {
    // Prepare
    const earlier = assessment('T-1', '2024-08-01T10:00:00+08:00', ['late']);
    const monthEnd = assessment('T-2', '2024-08-31T10:00:00+08:00', ['late']);

    // Act
    const outcome = decidePenalty([earlier], ACTIVE, monthEnd);

    // Assess
    expect(outcome.suspendedUntil).toBe('2025-02-28T02:00:00.000Z');
  });

  test('several minor violations on one project are one warning (一项目一考核)', () => {
    // Prepare
    const both = assessment('T-1', '2024-01-10T10:00:00+08:00', ['late', 'absent']);

    // Act
    const outcome = decidePenalty([], ACTIVE, both);

    // Assess
    expect(outcome).toMatchObject({ decision: 'warning', warningsIn12Months: 1 });
  });

  test('assessments after this one are not counted', () => {
    // Prepare
    const later = assessment('T-9', '2024-03-01T10:00:00+08:00', ['late']);

    // Act
    const outcome = decidePenalty([later], ACTIVE, first);

    // Assess
    expect(outcome).toMatchObject({ decision: 'warning', warningsIn12Months: 1 });
  });
});

describe('decidePenalty: serious violations and final removal', () => {
  test('a serious violation removes at once, citing 实施条例第七十五条', () => {
    // Prepare
    const bribe = assessment('T-1', '2024-01-10T10:00:00+08:00', ['tookBenefit']);
    const contact = assessment('T-2', '2024-01-10T10:00:00+08:00', ['privateContact']);

    // Act
    const outcomes = [decidePenalty([], ACTIVE, bribe), decidePenalty([], ACTIVE, contact)];

    // Assess
    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        decision: 'removed',
        status: 'removed',
        warningsIn12Months: 0,
        rule: { id: 'penalty.remove-on-serious', citation: '实施条例第七十五条' },
      });
    }
  });

  test('a removed expert stays removed, with or without new violations', () => {
    // Prepare
    const removed: ExpertStanding = { status: 'removed' };
    const clean = assessment('T-5', '2026-01-10T10:00:00+08:00');
    const minor = assessment('T-6', '2026-02-10T10:00:00+08:00', ['late']);

    // Act
    const outcomes = [decidePenalty([], removed, clean), decidePenalty([], removed, minor)];

    // Assess
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('removed');
      expect(outcome.decision).toBe('none');
      expect(outcome.rule?.id).toBe('penalty.removal-final');
    }
  });
});

describe('decidePenalty: no violation', () => {
  test('keeps a running suspension and lifts an ended one', () => {
    // Prepare
    const clean = assessment('T-1', '2024-06-01T10:00:00+08:00');
    const running: ExpertStanding = { status: 'suspended', suspendedUntil: '2024-09-01T00:00:00+08:00' };
    const ended: ExpertStanding = { status: 'suspended', suspendedUntil: '2024-05-01T00:00:00+08:00' };

    // Act
    const whileRunning = decidePenalty([], running, clean);
    const afterEnd = decidePenalty([], ended, clean);
    const whileActive = decidePenalty([], ACTIVE, clean);

    // Assess
    expect(whileRunning).toEqual({
      decision: 'none',
      status: 'suspended',
      suspendedUntil: '2024-09-01T00:00:00+08:00',
      warningsIn12Months: 0,
    });
    expect(afterEnd).toEqual({ decision: 'none', status: 'active', warningsIn12Months: 0 });
    expect(whileActive).toEqual({ decision: 'none', status: 'active', warningsIn12Months: 0 });
  });
});

describe('decidePenalty: validation', () => {
  test('ratings must be integers 1–5, each bad one named by path', () => {
    // Prepare
    const bad = {
      ...assessment('T-1', '2024-01-10T10:00:00+08:00'),
      ratings: { punctuality: 0, professionalism: 6, fairness: 3.5 },
    } as unknown as Assessment;

    // Act
    const error = catchError(() => decidePenalty([], ACTIVE, bad));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((issue) => issue.path)).toEqual([
      'ratings.punctuality',
      'ratings.professionalism',
      'ratings.fairness',
    ]);
  });

  test('unknown codes, a bad instant or another expert’s history are ValidationErrors with paths', () => {
    // Prepare
    const base = assessment('T-1', '2024-01-10T10:00:00+08:00');
    const cases = [
      [
        () => decidePenalty([], ACTIVE, { ...base, violations: ['late', 'napping' as ViolationCode] }),
        'violations.1',
      ],
      [() => decidePenalty([], ACTIVE, { ...base, at: '2024-01-10' }), 'at'],
      [
        () => decidePenalty([{ ...base, tenderId: 'T-0', expertId: 'EXP-002' }], ACTIVE, base),
        'history.0.expertId',
      ],
    ] as const;

    // Act
    const paths = cases.map(([act]) => (catchError(act) as ValidationError).errors[0]?.path);

    // Assess
    expect(paths).toEqual(cases.map(([, path]) => path));
  });

  test('a second assessment of the same project is a conflict (一项目一考核)', () => {
    // Prepare
    const earlier = assessment('T-1', '2024-01-10T10:00:00+08:00', ['late']);
    const again = assessment('T-1', '2024-01-11T10:00:00+08:00');

    // Act
    const error = catchError(() => decidePenalty([earlier], ACTIVE, again));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
  });
});
