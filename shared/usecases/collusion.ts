import {
  type CollusionBidInput,
  type CollusionSign,
  collusionInvalidReason,
  collusiveBids,
  committeeFinding,
  findCollusionSigns,
  type MemberFinding,
} from '../domain/collusion';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import type { Deps } from '../ports/deps';
import type { Bid } from '../schemas/bid';
import type { CollusionFinding, CollusionSigns, CollusionSignView } from '../schemas/collusion';
import type { Committee, CommitteeMember } from '../schemas/evaluation';
import type { Tender } from '../schemas/tender';
import { toRestrictedEvent } from './audit-chain';
import { committeeActor, loadSeat, seatOf } from './committee';
import { applyChange, type Caller, loadPublishedTender } from './tender-change';

/** When the inputs are fixed: the opening record's publication, or a 422 before it. */
function inputsFixedAt(tender: Tender): string {
  const at = tender.opening?.recordPublishedAt;
  if (!at) {
    throw new UnprocessableError('collusion-signs-not-yet', {
      zh: '开标记录公布后才能比对串通投标迹象（87号令第三十七条）',
      en: 'Collusion signs (87号令第三十七条) are compared once the opening record is published',
    });
  }
  return at;
}

/**
 * What the platform sees of each valid bid, as fixed at the opening record's publication: the
 * bids the record lists as valid, their revealed prices, ciphertext and plaintext hashes and key
 * commitments, the people each bidder named when it bid, and the bidder's own operations on its
 * bid up to that instant with the network address each came from (a restricted record is used only
 * if it still matches the digest its event carries).
 *
 * Why these and only these: each is written once before or at the opening and never changes after,
 * so the signs computed at the opening and again before the committee scores are the same.
 */
async function collusionInputs(deps: Deps, tender: Tender, fixedAt: string): Promise<CollusionBidInput[]> {
  const [record, bids] = await Promise.all([
    deps.bids.getOpeningRecord(tender.id),
    deps.bids.listBids(tender.id),
  ]);
  const valid = new Set(record?.entries.filter((e) => e.status === 'valid').map((e) => e.bidId));
  const validBids = bids.filter((bid) => valid.has(bid.id));
  const until = new Date(fixedAt).getTime();
  return Promise.all(
    validBids.map(async (bid) => ({
      bidId: bid.id,
      supplierOrgId: bid.supplierOrgId,
      supplierName: bid.supplierName,
      priceFen: bid.reveal?.priceFen ?? null,
      keyCommitment: bid.keyCommitment,
      documents: documentsOf(bid),
      people: bid.namedPeople ?? [],
      operations: (await deps.bids.listRestrictedBidEvents(tender.id, bid.id)).flatMap((sealed) => {
        const event = toRestrictedEvent(sealed);
        const sourceIp = event.restricted?.sourceIp;
        const bidders = event.actor.role === 'supplier' && event.actor.orgId === bid.supplierOrgId;
        if (!sourceIp || event.restrictedValid !== true || !bidders) return [];
        if (new Date(event.at).getTime() > until) return [];
        return [{ type: event.type, seq: event.seq, at: event.at, sourceIp }];
      }),
      // Bid deposits are not recorded for tenders yet: the seam for 第三十七条第六项 stays empty.
      depositAccount: undefined,
    })),
  );
}

function documentsOf(bid: Bid): CollusionBidInput['documents'] {
  const plain = bid.reveal?.plaintextSha256 ?? {};
  return bid.documents.map((doc) => {
    const plaintextSha256 = plain[doc.id];
    return {
      documentId: doc.id,
      fileName: doc.fileName,
      sha256: doc.sha256,
      ...(plaintextSha256 ? { plaintextSha256 } : {}),
    };
  });
}

/** The findings of members still seated (a recused member's opinions do not count, 87号令第四十九条). */
function seatedFindings(committee: Committee | null): CollusionFinding[] {
  if (!committee) return [];
  const seated = new Set(committee.members.filter((m) => m.status !== 'recused').map((m) => m.expertId));
  return (committee.collusionFindings ?? []).filter((f) => seated.has(f.expertId));
}

function toMemberFindings(findings: readonly CollusionFinding[]): MemberFinding[] {
  return findings.map(({ expertId, signId, collusive, reason }) => ({ expertId, signId, collusive, reason }));
}

/** A sign as the reader sees it: centre staff every finding and the outcome, a member its own only. */
function viewOf(
  sign: CollusionSign,
  committee: Committee | null,
  reader: { kind: 'centre' } | { kind: 'member'; expertId: string },
): CollusionSignView {
  const all = seatedFindings(committee).filter((f) => f.signId === sign.id);
  const visible = reader.kind === 'centre' ? all : all.filter((f) => f.expertId === reader.expertId);
  return {
    ...sign,
    findings: visible.map((f) => ({
      seat: committee ? seatOf(committee, f.expertId) : '',
      mine: reader.kind === 'member' && f.expertId === reader.expertId,
      collusive: f.collusive,
      reason: f.reason,
      at: f.at,
    })),
    // Members judge on their own (87号令第四十六条): none sees how the others found before the report.
    committeeFinding:
      reader.kind === 'centre' && committee ? committeeFinding(toMemberFindings(all), committee.size) : null,
  };
}

/** The caller's standing to read the signs: centre staff, or a member of the committee who has declared. */
async function loadReader(
  deps: Deps,
  caller: Caller,
  tenderId: string,
): Promise<{
  tender: Tender;
  committee: Committee | null;
  reader: { kind: 'centre' } | { kind: 'member'; expertId: string };
  member?: CommitteeMember;
}> {
  if (caller.role === 'centre') {
    const tender = await loadPublishedTender(deps, tenderId);
    return { tender, committee: await deps.evaluations.getCommittee(tender.id), reader: { kind: 'centre' } };
  }
  if (caller.role !== 'expert') throw new ForbiddenError();
  const { tender, committee, member } = await loadSeat(deps, caller, tenderId);
  if (member.status === 'drawn') {
    throw new ForbiddenError({
      zh: '请先作出回避声明（87号令第四十九条）',
      en: 'Declare that you have no conflict of interest first (87号令第四十九条)',
    });
  }
  return { tender, committee, reader: { kind: 'member', expertId: member.expertId }, member };
}

/**
 * The collusion signs of a tender's valid bids (87号令第三十七条), each with its article item and
 * evidence, and what the platform cannot check: for centre staff from the opening record on, and
 * for the committee's declared members.
 *
 * Why computed on read: the inputs are fixed when the opening record is published (see
 * {@link collusionInputs}), so the answer at the opening and before scoring is the same; nothing is
 * stored but the members' findings.
 */
export async function getCollusionSigns(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<CollusionSigns> {
  const { tender, committee, reader } = await loadReader(deps, input.caller, input.tenderId);
  const fixedAt = inputsFixedAt(tender);
  const analysis = findCollusionSigns(await collusionInputs(deps, tender, fixedAt));
  return {
    tenderId: tender.id,
    inputsFixedAt: fixedAt,
    computedAt: deps.clock.now().toISOString(),
    seats: committee?.size ?? null,
    signs: analysis.signs.map((sign) => viewOf(sign, committee, reader)),
    unchecked: analysis.unchecked,
  };
}

/**
 * A member records its finding on one sign: collusive or not, with its reasons. A finding may be
 * changed until the member locks its score sheet; the committee's finding is the majority of its
 * seats (87号令第六十一条), and every bid of a sign it finds collusive is invalid in the report.
 */
export async function recordCollusionFinding(
  input: { caller: Caller; tenderId: string; signId: string; collusive: boolean; reason: string },
  deps: Deps,
): Promise<CollusionSignView> {
  const { tender, committee, member } = await loadSeat(deps, input.caller, input.tenderId);
  if (tender.status !== 'evaluating') {
    throw new UnprocessableError('not-evaluating', { zh: '评审已结束', en: 'The evaluation has ended' });
  }
  if (member.status === 'drawn') {
    throw new ForbiddenError({
      zh: '请先作出回避声明（87号令第四十九条）',
      en: 'Declare that you have no conflict of interest first (87号令第四十九条)',
    });
  }
  if (member.status === 'submitted') {
    throw new ConflictError({
      zh: '您的评分表已提交，对串通投标迹象的认定不能再更改',
      en: 'Your score sheet is locked; your findings on the collusion signs can no longer change',
    });
  }
  const fixedAt = inputsFixedAt(tender);
  const { signs } = findCollusionSigns(await collusionInputs(deps, tender, fixedAt));
  const sign = signs.find((s) => s.id === input.signId);
  if (!sign) throw new NotFoundError({ zh: '串通投标迹象', en: 'Collusion sign' });
  const finding: CollusionFinding = {
    signId: sign.id,
    expertId: member.expertId,
    item: sign.item,
    bidIds: sign.bids.map((b) => b.bidId),
    collusive: input.collusive,
    reason: input.reason,
    at: deps.clock.now().toISOString(),
  };
  const next: Committee = {
    ...committee,
    collusionFindings: [
      ...(committee.collusionFindings ?? []).filter(
        (f) => !(f.signId === sign.id && f.expertId === member.expertId),
      ),
      finding,
    ],
    version: committee.version + 1,
  };
  await applyChange(deps, tender, {
    action: 'recordEvaluationStep',
    at: finding.at,
    eventType: 'evaluation.collusionFinding',
    actor: committeeActor(input.caller),
    // The seat and a digest: what the member found stays with the committee until the report.
    data: {
      seat: seatOf(committee, member.expertId),
      signId: sign.id,
      citation: sign.citation,
      findingDigest: sha256Hex(canonicalJson(finding)),
    },
    related: { committee: { value: next, expectedVersion: committee.version } },
  });
  return viewOf(sign, next, { kind: 'member', expertId: member.expertId });
}

/**
 * The bids the committee has found collusive, each with the reason the report gives (citing
 * 87号令第三十七条 and the item of each sign), from the findings as recorded.
 */
export function collusiveBidReasons(committee: Committee): Map<string, string> {
  const findings = seatedFindings(committee);
  const signs = new Map<string, { id: string; item: CollusionFinding['item']; bids: { bidId: string }[] }>();
  for (const f of findings) {
    if (!signs.has(f.signId)) {
      signs.set(f.signId, { id: f.signId, item: f.item, bids: f.bidIds.map((bidId) => ({ bidId })) });
    }
  }
  const found = collusiveBids(
    [...signs.values()] as Parameters<typeof collusiveBids>[0],
    toMemberFindings(findings),
    committee.size,
  );
  return new Map([...found.entries()].map(([bidId, entries]) => [bidId, collusionInvalidReason(entries)]));
}

/**
 * The bids a member need not score: those it found collusive itself, and those the committee has.
 *
 * Why: a member does not score a bid it holds invalid, as with its own disqualification.
 */
export function bidsExcusedFromScoring(committee: Committee, expertId: string): Set<string> {
  const own = seatedFindings(committee).filter((f) => f.expertId === expertId && f.collusive);
  return new Set([...own.flatMap((f) => f.bidIds), ...collusiveBidReasons(committee).keys()]);
}
