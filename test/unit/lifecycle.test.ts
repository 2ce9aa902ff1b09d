import { describe, expect, test } from 'vitest';
import { IllegalTransitionError } from '../../shared/domain/errors';
import {
  allowedActions,
  isPublic,
  isPubliclyVisible,
  LIFECYCLE_ACTION_LABELS,
  LIFECYCLE_ACTIONS,
  type LifecycleAction,
  nextStatus,
  TENDER_STATUS_LABELS,
  TENDER_STATUSES,
  type TenderStatus,
} from '../../shared/domain/lifecycle';

/** DESIGN.md section 2, written out independently of the implementation's table. */
const LEGAL: readonly [TenderStatus, LifecycleAction, TenderStatus][] = [
  ['draft', 'update', 'draft'],
  ['draft', 'attachDocument', 'draft'],
  ['draft', 'publish', 'tendering'],
  ['draft', 'cancel', 'cancelled'],
  ['tendering', 'attachDocument', 'tendering'],
  ['tendering', 'correct', 'tendering'],
  ['tendering', 'cancel', 'cancelled'],
  ['tendering', 'open', 'opening'],
  ['opening', 'publishOpeningRecord', 'opening'],
  ['opening', 'closeOpening', 'evaluating'],
  ['opening', 'failOpening', 'failed'],
  ['evaluating', 'recordEvaluationStep', 'evaluating'],
  ['evaluating', 'report', 'awarding'],
  ['evaluating', 'failEvaluation', 'failed'],
  ['awarding', 'award', 'awarded'],
  ['awarding', 'failEvaluation', 'failed'],
  ['awarded', 'recordContract', 'complete'],
  // A live rights transfer (DESIGN.md section 9): quotes while listed, then sold, not sold, or the reserve awaited
  ['tendering', 'quote', 'tendering'],
  ['tendering', 'closeBidding', 'awarding'],
  ['tendering', 'concludeTransfer', 'awarded'],
  ['tendering', 'failTransfer', 'failed'],
  ['awarding', 'concludeTransfer', 'awarded'],
  ['awarding', 'failTransfer', 'failed'],
  // A supplier's enquiry and its answer (政府采购法第五十一条) keep every published status
  ['tendering', 'supplierRight', 'tendering'],
  ['opening', 'supplierRight', 'opening'],
  ['evaluating', 'supplierRight', 'evaluating'],
  ['awarding', 'supplierRight', 'awarding'],
  ['awarded', 'supplierRight', 'awarded'],
  ['complete', 'supplierRight', 'complete'],
  ['failed', 'supplierRight', 'failed'],
  ['cancelled', 'supplierRight', 'cancelled'],
];

const legalKeys = new Set(LEGAL.map(([status, action]) => `${status}/${action}`));
const ILLEGAL: [TenderStatus, LifecycleAction][] = TENDER_STATUSES.flatMap((status) =>
  LIFECYCLE_ACTIONS.filter((action) => !legalKeys.has(`${status}/${action}`)).map(
    (action): [TenderStatus, LifecycleAction] => [status, action],
  ),
);

describe('nextStatus', () => {
  test('the matrix is complete: 9 states × 19 actions = 31 legal + 140 illegal pairs', () => {
    // Prepare
    const pairs = TENDER_STATUSES.length * LIFECYCLE_ACTIONS.length;

    // Act
    const covered = LEGAL.length + ILLEGAL.length;

    // Assess
    expect(TENDER_STATUSES).toHaveLength(9);
    expect(LIFECYCLE_ACTIONS).toHaveLength(19);
    expect(covered).toBe(pairs);
    expect(ILLEGAL).toHaveLength(140);
  });

  test.each(LEGAL)('%s --%s--> %s', (status, action, expected) => {
    // Prepare: nothing beyond the table row

    // Act
    const next = nextStatus(status, action);

    // Assess
    expect(next).toBe(expected);
  });

  test.each(ILLEGAL)('%s cannot %s (IllegalTransitionError, 409)', (status, action) => {
    // Prepare
    let caught: unknown;

    // Act
    try {
      nextStatus(status, action);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect(error.status).toBe(409);
    expect(error.extensions).toMatchObject({ from: status, action });
  });

  test('inherited property names are not states or actions', () => {
    // Prepare
    const status = 'constructor' as TenderStatus;
    const action = 'toString' as LifecycleAction;

    // Act
    const unknownStatus = () => nextStatus(status, 'publish');
    const unknownAction = () => nextStatus('draft', action);

    // Assess
    expect(unknownStatus).toThrow(IllegalTransitionError);
    expect(unknownAction).toThrow(IllegalTransitionError);
  });
});

describe('allowedActions', () => {
  test.each([
    ['draft', ['update', 'attachDocument', 'publish', 'cancel']],
    [
      'tendering',
      [
        'attachDocument',
        'correct',
        'cancel',
        'open',
        'quote',
        'closeBidding',
        'concludeTransfer',
        'failTransfer',
        'supplierRight',
      ],
    ],
    ['opening', ['publishOpeningRecord', 'closeOpening', 'failOpening', 'supplierRight']],
    ['evaluating', ['recordEvaluationStep', 'report', 'failEvaluation', 'supplierRight']],
    ['awarding', ['failEvaluation', 'award', 'concludeTransfer', 'failTransfer', 'supplierRight']],
    ['awarded', ['recordContract', 'supplierRight']],
    // A supplier may still enquire about a finished, failed or terminated procurement (政府采购法第五十一条)
    ['complete', ['supplierRight']],
    ['failed', ['supplierRight']],
    ['cancelled', ['supplierRight']],
  ] as const)('%s allows %j', (status, expected) => {
    // Prepare: nothing beyond the table row

    // Act
    const actions = allowedActions(status);

    // Assess
    expect(actions).toEqual(expected);
  });
});

describe('labels', () => {
  test('every status and action has a Chinese and an English label', () => {
    // Prepare
    const labels = [
      ...TENDER_STATUSES.map((s) => TENDER_STATUS_LABELS[s]),
      ...LIFECYCLE_ACTIONS.map((a) => LIFECYCLE_ACTION_LABELS[a]),
    ];

    // Act
    const complete = labels.filter((l) => /[\u4e00-\u9fff]/.test(l.zh) && /[A-Za-z]/.test(l.en));

    // Assess
    expect(complete).toHaveLength(labels.length);
    expect(TENDER_STATUS_LABELS.failed.zh).toBe('废标');
  });
});

describe('visibility', () => {
  test('isPublic is false only for draft and cancelled', () => {
    // Prepare
    const statuses = TENDER_STATUSES;

    // Act
    const hidden = statuses.filter((s) => !isPublic(s));

    // Assess
    expect(hidden).toEqual(['draft', 'cancelled']);
  });

  test('a cancelled tender is visible only if it was published; a draft never is', () => {
    // Prepare
    const publishedAt = '2024-03-01T02:00:00.000Z';

    // Act
    const cancelledPublished = isPubliclyVisible('cancelled', publishedAt);
    const cancelledDraft = isPubliclyVisible('cancelled');
    const draft = isPubliclyVisible('draft', publishedAt);
    const tendering = isPubliclyVisible('tendering', publishedAt);

    // Assess
    expect(cancelledPublished).toBe(true);
    expect(cancelledDraft).toBe(false);
    expect(draft).toBe(false);
    expect(tendering).toBe(true);
  });
});
