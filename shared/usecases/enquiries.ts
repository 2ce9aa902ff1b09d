import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import { assertEnquiryAllowed, clockEndsAt, clockLastDay, rightsClockRule } from '../domain/rights';
import type { Deps } from '../ports/deps';
import type { Actor } from '../schemas/audit';
import type { Enquiry, PublicEnquiry, RestrictedEnquiry } from '../schemas/enquiry';
import type { Tender } from '../schemas/tender';
import { countOnCalendar } from './calendar';
import { requireProfile } from './suppliers';
import { applyChange, type Caller, loadOwnTender, loadPublishedTender } from './tender-change';

/** How many times an enquiry write that met a concurrent change of the tender is made in all. */
const ATTEMPTS = 4;

/**
 * Runs a change of the tender's chain again when another change of the same tender got in first
 * (the version moved): an enquiry and its answer commute with every other change, so the fresh
 * tender is simply re-read and the write re-made.
 */
export async function withFreshTender<T>(
  deps: Deps,
  first: Tender,
  reload: () => Promise<Tender>,
  write: (tender: Tender) => Promise<T>,
): Promise<T> {
  let tender = first;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write(tender);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      const fresh = await reload();
      // Only a change that got in first is worth another try; any other conflict is the answer
      if (fresh.version === tender.version) throw error;
      deps.logger.info('enquiry write retried after a concurrent change', { tenderId: tender.id, attempt });
      tender = fresh;
    }
  }
}

/**
 * The actor of a supplier's enquiry or challenge on the tender's public chain: the role, with the user
 * and the address in the restricted record (电子招标投标办法第四十九条), and no organisation — the
 * asker is named to the centre alone, and before the deadline no potential bidder may be named
 * (87号令第二十八条).
 */
export function supplierRightActor(caller: Caller): Actor {
  return {
    role: caller.role,
    sub: caller.sub,
    ...(caller.sourceIp !== undefined ? { sourceIp: caller.sourceIp } : {}),
  };
}

/** Whether an enquiry is past its answer period at `now`: unanswered after it, or answered late. */
function isOverdue(enquiry: Enquiry, now: Date): boolean {
  return enquiry.answer ? enquiry.answer.late : now.getTime() > Date.parse(enquiry.answerDueAt);
}

/** What anyone sees of an enquiry: never who asked (the centre alone may know it). */
export function toPublicEnquiry(enquiry: Enquiry, now: Date): PublicEnquiry {
  return {
    id: enquiry.id,
    question: enquiry.question,
    askedAt: enquiry.askedAt,
    answerDueOn: enquiry.answerDueOn,
    answerDueAt: enquiry.answerDueAt,
    status: enquiry.answer ? 'answered' : 'pending',
    overdue: isOverdue(enquiry, now),
    answer: enquiry.answer,
  };
}

/** A list with its counts of questions waiting and overdue. */
function listOf<T extends PublicEnquiry>(items: T[]): { items: T[]; pending: number; overdue: number } {
  const waiting = items.filter((item) => item.status === 'pending');
  return { items, pending: waiting.length, overdue: waiting.filter((item) => item.overdue).length };
}

/**
 * A supplier asks about a published government procurement (询问, 政府采购法第五十一条); the answer
 * is due by the end of the 3rd working day after the day asked (实施条例第五十二条; that day not
 * counted, 87号令第八十五条).
 *
 * Why the event's actor carries no organisation: the tender's audit chain is public, and the asker
 * is never named to anyone but the centre; the restricted record keeps the user and the address
 * (电子招标投标办法第四十九条), the enquiry item keeps the organisation for the centre's view.
 */
export async function askEnquiry(
  input: { caller: Caller; tenderId: string; question: string },
  deps: Deps,
): Promise<PublicEnquiry> {
  const [tender, profile] = await Promise.all([
    loadPublishedTender(deps, input.tenderId),
    requireProfile(deps, input.caller),
  ]);
  assertEnquiryAllowed(tender.content.tradeType);
  const askedAt = deps.clock.now().toISOString();
  const [answerDueOn, answerDueAt] = await countOnCalendar(deps, (calendar) => [
    clockLastDay('enquiryAnswer', askedAt, calendar),
    clockEndsAt('enquiryAnswer', askedAt, calendar),
  ]);
  const enquiry: Enquiry = {
    id: deps.newId(),
    tenderId: tender.id,
    question: input.question,
    askedAt,
    answerDueOn,
    answerDueAt,
    askerOrgId: input.caller.orgId,
    askerName: profile.name,
    answer: null,
    version: 1,
  };
  const actor = supplierRightActor(input.caller);
  await withFreshTender(
    deps,
    tender,
    () => loadPublishedTender(deps, input.tenderId),
    (current) =>
      applyChange(deps, current, {
        action: 'supplierRight',
        eventType: 'enquiry.asked',
        actor,
        at: askedAt,
        data: {
          enquiryId: enquiry.id,
          questionSha256: sha256Hex(enquiry.question),
          answerDueAt,
          rule: rightsClockRule('enquiryAnswer').id,
        },
        related: { enquiry: { value: enquiry, expectedVersion: null } },
      }),
  );
  return toPublicEnquiry(enquiry, deps.clock.now());
}

/** Refuses a correction notice an answer cannot point at: not this tender's, or not a correction. */
async function assertCorrectionNotice(deps: Deps, tender: Tender, noticeId: string): Promise<void> {
  const notices = await deps.tenders.listTenderNotices(tender.id);
  const notice = notices.find((n) => n.id === noticeId);
  if (notice?.type === 'correction') return;
  throw new RuleViolationError([
    {
      path: 'body.correctionNoticeId',
      rule: 'correction.min-notice',
      citation: '87号令第二十七条',
      message: {
        zh: '本项目没有这份更正公告：修改采购文件的澄清须先以更正公告发布',
        en: 'This tender has no such correction notice: a clarification that changes the documents is issued as a correction notice first',
      },
    },
  ]);
}

/**
 * The purchasing unit answers an enquiry (答复); an answer after the period is still recorded, and
 * marked late for everyone to see (实施条例第五十二条). An answer that changes the tender documents
 * names the correction notice that carries the change (87号令第二十七条: the 15-day rule and the
 * bids' re-confirmation follow from the correction itself).
 */
export async function answerEnquiry(
  input: {
    caller: Caller;
    tenderId: string;
    enquiryId: string;
    answer: string;
    correctionNoticeId?: string | undefined;
  },
  deps: Deps,
): Promise<PublicEnquiry> {
  const first = await loadOwnTender(deps, input.caller, input.tenderId);
  if (!first.publishedAt) throw new NotFoundError({ zh: '询问', en: 'Enquiry' });
  if (input.correctionNoticeId !== undefined) {
    await assertCorrectionNotice(deps, first, input.correctionNoticeId);
  }
  const saved = await withFreshTender(
    deps,
    first,
    () => loadOwnTender(deps, input.caller, input.tenderId),
    async (tender): Promise<Enquiry> => {
      const enquiry = await deps.rights.getEnquiry(tender.id, input.enquiryId);
      if (!enquiry) throw new NotFoundError({ zh: '询问', en: 'Enquiry' });
      if (enquiry.answer) {
        throw new ConflictError({ zh: '该询问已答复', en: 'This enquiry has been answered' });
      }
      const answeredAt = deps.clock.now().toISOString();
      const late = Date.parse(answeredAt) > Date.parse(enquiry.answerDueAt);
      const next: Enquiry = {
        ...enquiry,
        answer: {
          text: input.answer,
          answeredAt,
          correctionNoticeId: input.correctionNoticeId ?? null,
          late,
        },
        version: enquiry.version + 1,
      };
      await applyChange(deps, tender, {
        action: 'supplierRight',
        eventType: 'enquiry.answered',
        actor: input.caller,
        at: answeredAt,
        data: {
          enquiryId: enquiry.id,
          answerSha256: sha256Hex(canonicalJson(next.answer)),
          late,
          correctionNoticeId: input.correctionNoticeId ?? null,
        },
        related: { enquiry: { value: next, expectedVersion: enquiry.version } },
      });
      return next;
    },
  );
  return toPublicEnquiry(saved, deps.clock.now());
}

/** Every enquiry of a published tender and its answer, oldest first, the askers unnamed. */
export async function listEnquiries(input: { tenderId: string }, deps: Deps) {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const enquiries = await deps.rights.listEnquiries(tender.id);
  const now = deps.clock.now();
  return listOf(enquiries.map((enquiry) => toPublicEnquiry(enquiry, now)));
}

/** The caller's own enquiries about a tender (so a supplier can follow what it asked). */
export async function listMyEnquiries(input: { caller: Caller; tenderId: string }, deps: Deps) {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const enquiries = await deps.rights.listEnquiries(tender.id);
  const now = deps.clock.now();
  return listOf(
    enquiries
      .filter((enquiry) => enquiry.askerOrgId === input.caller.orgId)
      .map((enquiry) => toPublicEnquiry(enquiry, now)),
  );
}

/** The centre's view: every enquiry with its asker, to supervise the answer periods. */
export async function listRestrictedEnquiries(input: { tenderId: string }, deps: Deps) {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const enquiries = await deps.rights.listEnquiries(tender.id);
  const now = deps.clock.now();
  return listOf(
    enquiries.map(
      (enquiry): RestrictedEnquiry => ({
        ...toPublicEnquiry(enquiry, now),
        asker: { orgId: enquiry.askerOrgId, name: enquiry.askerName },
      }),
    ),
  );
}
