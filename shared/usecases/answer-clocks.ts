import { rightsClockRule } from '../domain/rights';
import type { Deps } from '../ports/deps';
import type { OpenAnswer } from '../ports/rights-repository';
import type { PageRequest } from '../ports/tender-repository';
import type { AnswerClock } from '../schemas/challenge';

/** How much of a question or of a challenge's matters the board shows. */
const SUMMARY_CHARS = 120;

/** The fields of an open enquiry or challenge the board needs, whichever it is. */
function clockFacts(open: OpenAnswer) {
  if (open.kind === 'enquiry') {
    const e = open.enquiry;
    return {
      kind: open.kind,
      id: e.id,
      tenderId: e.tenderId,
      supplierName: e.askerName,
      text: e.question,
      receivedAt: e.askedAt,
      answerDueOn: e.answerDueOn,
      answerDueAt: e.answerDueAt,
      citation: rightsClockRule('enquiryAnswer').citation,
    };
  }
  const c = open.challenge;
  return {
    kind: open.kind,
    id: c.id,
    tenderId: c.tenderId,
    supplierName: c.supplierName,
    text: c.matters,
    receivedAt: c.filedAt,
    answerDueOn: c.answerDueOn,
    answerDueAt: c.answerDueAt,
    citation: rightsClockRule('challengeAnswer').citation,
  };
}

/**
 * The centre's board of answer clocks (DESIGN.md section 10): every enquiry and challenge across
 * the portal still waiting for the purchasing unit's answer, earliest due first, the overdue ones
 * flagged (实施条例第五十二条; 94号令第十三条), read from a sparse index, never a scan.
 */
export async function listAnswerClocks(input: { page: PageRequest }, deps: Deps) {
  const now = deps.clock.now();
  const [page, overdue] = await Promise.all([
    deps.rights.listOpenAnswers(input.page),
    deps.rights.countOverdueAnswers(now.toISOString()),
  ]);
  const facts = page.items.map(clockFacts);
  const tenders = await deps.tenders.getMany([...new Set(facts.map((f) => f.tenderId))]);
  const items = facts.map((f): AnswerClock => {
    const tender = tenders.get(f.tenderId);
    return {
      kind: f.kind,
      id: f.id,
      tenderId: f.tenderId,
      tenderTitle: tender?.content.title ?? '',
      purchasingUnitName: tender?.content.purchasingUnitName ?? '',
      supplierName: f.supplierName,
      summary: f.text.length > SUMMARY_CHARS ? `${f.text.slice(0, SUMMARY_CHARS)}…` : f.text,
      receivedAt: f.receivedAt,
      answerDueOn: f.answerDueOn,
      answerDueAt: f.answerDueAt,
      overdue: now.getTime() > Date.parse(f.answerDueAt),
      citation: f.citation,
    };
  });
  return { items, overdue, nextCursor: page.nextCursor };
}
