import { describe, expect, test } from 'vitest';
import { SUPPLIER_TODO_CODES, SUPPLIER_TODO_LABELS } from '../../shared/schemas/supplier-tender';
import type { Tender } from '../../shared/schemas/tender';
import { type SupplierStanding, supplierTodos } from '../../shared/usecases/supplier-todo';
import { openTenderContent } from '../helpers/fixtures';

const PUBLISHED = '2025-09-26T02:00:00.000Z';
const DEADLINE = '2025-10-21T01:30:00.000Z';
const DECRYPTION_ENDS = '2025-10-21T02:00:00.000Z';
const RECORD_AT = '2025-10-21T02:01:00.000Z';
const CONFIRMATION_ENDS = '2025-10-21T03:00:00.000Z';

const content = openTenderContent(new Date(PUBLISHED));

/** A tender in a status, with the opening state the status implies. */
function tenderIn(status: Tender['status'], opening?: Tender['opening']): Tender {
  return {
    id: '01JNB8Z3Q4R5S6T7V8W9X0Y1Z2',
    orgId: 'org-unit',
    createdBy: 'sub-unit',
    status,
    version: 4,
    createdAt: PUBLISHED,
    updatedAt: PUBLISHED,
    publishedAt: PUBLISHED,
    correctionCount: 0,
    noticeCount: 1,
    lastEventHash: 'a'.repeat(64),
    documents: [],
    content: { ...content, timeline: { ...content.timeline, bidDeadline: DEADLINE } },
    ...(opening ? { opening } : {}),
  };
}

const tendering = tenderIn('tendering');
const decrypting = tenderIn('opening', { decryptionEndsAt: DECRYPTION_ENDS });
const recordOut = tenderIn('opening', {
  decryptionEndsAt: DECRYPTION_ENDS,
  recordPublishedAt: RECORD_AT,
  confirmationEndsAt: CONFIRMATION_ENDS,
  validBidCount: 3,
});
const bid = { needsReconfirmation: false, revealed: false };

/** The codes of the to-dos of a standing at an instant. */
function codesAt(standing: Partial<SupplierStanding> & { tender: Tender }, at: string): string[] {
  return supplierTodos({ currentBid: null, respondedToOpening: false, ...standing }, new Date(at)).map(
    (t) => t.code,
  );
}

describe('supplierTodos', () => {
  test('every code has a Chinese label', () => {
    // Assess
    for (const code of SUPPLIER_TODO_CODES) expect(SUPPLIER_TODO_LABELS[code]).toMatch(/\p{Script=Han}/u);
  });

  test('registered, no bid, before the deadline: submit the bid, until the deadline', () => {
    // Act
    const todos = supplierTodos(
      { tender: tendering, currentBid: null, respondedToOpening: false },
      new Date('2025-10-20T00:00:00.000Z'),
    );

    // Assess
    expect(todos).toEqual([{ code: 'submit-bid', label: '递交投标文件', until: DEADLINE }]);
  });

  test.each([
    ['no bid, at the deadline instant', { tender: tendering }, DEADLINE, ['none']],
    ['a submitted bid, before the deadline', { tender: tendering, currentBid: bid }, PUBLISHED, ['none']],
    [
      'a bid needing re-confirmation, before the deadline',
      { tender: tendering, currentBid: { ...bid, needsReconfirmation: true } },
      PUBLISHED,
      ['reconfirm'],
    ],
    [
      'a bid needing re-confirmation, after the deadline (not yet opened)',
      { tender: tendering, currentBid: { ...bid, needsReconfirmation: true } },
      '2025-10-21T01:31:00.000Z',
      ['none'],
    ],
    ['decryption window open, not revealed', { tender: decrypting, currentBid: bid }, DEADLINE, ['reveal']],
    [
      'decryption window open, revealed',
      { tender: decrypting, currentBid: { ...bid, revealed: true } },
      DEADLINE,
      ['none'],
    ],
    [
      'decryption window open, but the bid was not re-confirmed (invalid whatever is revealed)',
      { tender: decrypting, currentBid: { ...bid, needsReconfirmation: true } },
      DEADLINE,
      ['none'],
    ],
    [
      'decryption window closed by the clock',
      { tender: decrypting, currentBid: bid },
      DECRYPTION_ENDS,
      ['none'],
    ],
    ['decryption window open, no bid', { tender: decrypting }, DEADLINE, ['none']],
    [
      'opening record out, not answered',
      { tender: recordOut, currentBid: bid },
      RECORD_AT,
      ['respond-opening'],
    ],
    [
      'opening record out, answered',
      { tender: recordOut, currentBid: bid, respondedToOpening: true },
      RECORD_AT,
      ['none'],
    ],
    [
      'opening record out, window closed',
      { tender: recordOut, currentBid: bid },
      CONFIRMATION_ENDS,
      ['none'],
    ],
    ['opening record out, the supplier did not bid', { tender: recordOut }, RECORD_AT, ['none']],
    ['in evaluation', { tender: tenderIn('evaluating'), currentBid: bid }, RECORD_AT, ['none']],
    ['cancelled before the deadline, no bid', { tender: tenderIn('cancelled') }, PUBLISHED, ['none']],
  ] as const)('%s → %j', (_name, standing, at, expected) => {
    // Act
    const codes = codesAt(standing as Partial<SupplierStanding> & { tender: Tender }, at);

    // Assess
    expect(codes).toEqual(expected);
  });

  test('each to-do closes when the server refuses the action: its `until`', () => {
    // Act
    const reveal = supplierTodos(
      { tender: decrypting, currentBid: bid, respondedToOpening: false },
      new Date(DEADLINE),
    );
    const respond = supplierTodos(
      { tender: recordOut, currentBid: bid, respondedToOpening: false },
      new Date(RECORD_AT),
    );
    const none = supplierTodos(
      { tender: recordOut, currentBid: null, respondedToOpening: false },
      new Date(RECORD_AT),
    );

    // Assess
    expect(reveal).toEqual([{ code: 'reveal', label: '解密投标', until: DECRYPTION_ENDS }]);
    expect(respond).toEqual([{ code: 'respond-opening', label: '确认开标记录', until: CONFIRMATION_ENDS }]);
    expect(none).toEqual([{ code: 'none', label: '暂无待办事项', until: null }]);
  });
});
