import type { FiguresDelta, TradeFacets } from '../domain/aggregates';
import { addCalendarDays, addWorkingDays, chinaDate, endOfChinaDay } from '../domain/calendar';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../domain/errors';
import { formatWanYuan } from '../domain/money';
import { procedureOf } from '../domain/procedures';
import { premiumOf, savingsOf } from '../domain/savings';
import type { Deps } from '../ports/deps';
import type { Actor } from '../schemas/audit';
import type { Award, Contract, PublicAward, PublicContract, TenderResult } from '../schemas/award';
import type { Tender } from '../schemas/tender';
import { SYSTEM_ACTOR } from './audit-chain';

import { countOnCalendar } from './calendar';
import { assertNoChallengeHoldsContract } from './challenges';
import { sealStoredAsDeclared, uploadSlotKey } from './stored-documents';
import { applyChange, type Caller, loadOwnTender, loadPublishedTender } from './tender-change';

/** Days a contract may follow the award (87号令第71条). */
const CONTRACT_DAYS = 30;
/** Working days within which the result notice is due (87号令第69条). */
const RESULT_NOTICE_WORKING_DAYS = 2;

/** The S3 key of a tender's signed contract. */
export function contractDocumentKey(tenderId: string, documentId: string): string {
  return `tenders/${tenderId}/contract/${documentId}`;
}

/**
 * What a deal means for a tender, as its procedure measures it: 节约资金 and 节约率 against the
 * budget, or 溢价 and 溢价率 against the public start price (起始价) — in 分 and as 万元 strings.
 */
export function moneyOutcome(tender: Tender, dealFen: number) {
  const { content } = tender;
  if (procedureOf(content).outcome === 'savings') {
    const budgetFen = content.budgetFen ?? 0;
    const { savingsFen, savingsRate } = savingsOf({ budgetFen, dealFen });
    return { budgetFen, savingsFen, savingsRate, savings: formatWanYuan(savingsFen) };
  }
  const startPriceFen = content.transfer?.startPriceFen ?? 0;
  const { premiumFen, premiumRate } = premiumOf({ startPriceFen, dealFen });
  return { startPriceFen, premiumFen, premiumRate, premium: formatWanYuan(premiumFen) };
}

/** The report facets of a tender traded at `at`. */
export function facetsOf(tender: Tender, at: string): TradeFacets {
  const [year, month] = chinaDate(new Date(at)).split('-').map(Number) as [number, number];
  return {
    year,
    month,
    unitOrgId: tender.orgId,
    unitName: tender.content.purchasingUnitName,
    tradeType: tender.content.tradeType,
    category: tender.content.category,
    method: tender.content.method,
  };
}

/** What an award adds to the report counters (SME and small/micro deal amounts by the winner's scale). */
export function awardDelta(tender: Tender, award: Award): FiguresDelta {
  if (procedureOf(tender.content).outcome === 'premium') {
    const startPriceFen = tender.content.transfer?.startPriceFen ?? 0;
    return {
      rightsCount: 1,
      rightsDealFen: award.dealAmountFen,
      startPriceFen,
      premiumFen: premiumOf({ startPriceFen, dealFen: award.dealAmountFen }).premiumFen,
    };
  }
  const budgetFen = tender.content.budgetFen ?? 0;
  const sme = award.supplierScale !== 'large';
  const smallMicro = award.supplierScale === 'small' || award.supplierScale === 'micro';
  return {
    count: 1,
    budgetFen,
    dealFen: award.dealAmountFen,
    savingsFen: savingsOf({ budgetFen, dealFen: award.dealAmountFen }).savingsFen,
    smeDealFen: sme ? award.dealAmountFen : 0,
    smallMicroDealFen: smallMicro ? award.dealAmountFen : 0,
  };
}

/**
 * Records the award and, in the same transaction, the result notice (中标/成交结果公告) with the
 * items 87号令第69条 lists and the committee's names (now public), and the report counters.
 *
 * Why one transaction: the report totals can never disagree with the awards, and two racing awards
 * produce exactly one (the tender's version decides).
 */
async function writeAward(
  deps: Deps,
  tender: Tender,
  spec: { bidId: string; actor: Actor; outOfOrderReason?: string | undefined; deemed: boolean },
): Promise<{ tender: Tender; award: Award }> {
  const report = await deps.evaluations.getReport(tender.id);
  if (!report || !tender.reportedAt) throw new NotFoundError({ zh: '评标报告', en: 'Evaluation report' });
  const line = report.ranking.find((entry) => entry.bidId === spec.bidId);
  const rank = report.candidates.indexOf(spec.bidId);
  if (!line || rank < 0) {
    throw new ValidationError(
      { zh: '只能从评标报告推荐的候选人中确定', en: 'Choose one of the report’s candidates' },
      [{ path: 'body.bidId', message: { zh: '不是推荐的候选人', en: 'Not a recommended candidate' } }],
    );
  }
  if (rank > 0 && !spec.outOfOrderReason) {
    throw new UnprocessableError(
      'out-of-order',
      {
        zh: '应当按排序确定中标人；不选排名第一的候选人须书面说明理由（87号令第六十八条）',
        en: 'Candidates are chosen in order; choosing another needs a written reason (87号令第六十八条)',
      },
      {
        errors: [
          {
            path: 'body.outOfOrderReason',
            message: { zh: '须说明理由', en: 'A reason is required' },
            citation: '87号令第六十八条',
          },
        ],
      },
    );
  }
  const at = deps.clock.now().toISOString();
  const noticeDay = await countOnCalendar(deps, (calendar) =>
    addWorkingDays(chinaDate(new Date(at)), RESULT_NOTICE_WORKING_DAYS, calendar),
  );
  const noticeDue = endOfChinaDay(noticeDay).toISOString();
  const award: Award = {
    tenderId: tender.id,
    bidId: line.bidId,
    supplierOrgId: line.supplierOrgId,
    supplierName: line.supplierName,
    supplierScale: line.supplierScale as Award['supplierScale'],
    dealAmountFen: line.dealPriceFen,
    candidateRank: rank + 1,
    ...(spec.outOfOrderReason ? { outOfOrderReason: spec.outOfOrderReason } : {}),
    deemed: spec.deemed,
    awardedAt: at,
    awardedBy: spec.actor.sub,
    reportAt: tender.reportedAt,
    resultNoticeDueBy: noticeDue,
    resultNoticeAt: at,
    lateNotice: at > noticeDue,
    contractDueBy: endOfChinaDay(addCalendarDays(chinaDate(new Date(at)), CONTRACT_DAYS)).toISOString(),
  };
  const committee = await deps.evaluations.getCommittee(tender.id);
  const money = moneyOutcome(tender, award.dealAmountFen);
  const next = await applyChange(deps, tender, {
    action: 'award',
    at,
    eventType: spec.deemed ? 'tender.awardDeemed' : 'tender.awarded',
    actor: spec.actor,
    data: {
      bidId: award.bidId,
      supplierName: award.supplierName,
      dealAmountFen: award.dealAmountFen,
      candidateRank: award.candidateRank,
      outOfOrderReason: award.outOfOrderReason ?? null,
      deemed: award.deemed,
    },
    mutate: (current) => ({ ...current, awardedAt: at }),
    related: { award, aggregates: { facets: facetsOf(tender, at), delta: awardDelta(tender, award) } },
    notices: [
      {
        type: 'result',
        title: `${tender.content.title}${tender.content.method === 'openTender' || tender.content.method === 'invitedTender' ? '中标' : '成交'}结果公告`,
        body: {
          // 87号令第69条: purchaser, project, winner (name, address), deal amount, main subject,
          // committee members, notice period; the losers learn their own scores from my-result.
          purchasingUnit: tender.content.purchasingUnitName,
          project: tender.content.title,
          winner: { name: award.supplierName, scale: award.supplierScale },
          dealAmountFen: award.dealAmountFen,
          dealAmount: formatWanYuan(award.dealAmountFen),
          ...money,
          committee: committee?.members.filter((m) => m.status === 'submitted').map((m) => m.name) ?? [],
          candidateRank: award.candidateRank,
          deemed: award.deemed,
          noticePeriodWorkingDays: 1,
          citation: '87号令第六十九条',
        },
      },
    ],
  });
  return { tender: next, award };
}

/** The purchasing unit confirms the winner among the report's candidates (87号令第68条). */
export async function awardTender(
  input: { caller: Caller; tenderId: string; bidId: string; outOfOrderReason?: string | undefined },
  deps: Deps,
): Promise<Award> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  if (tender.status !== 'awarding') {
    throw new ConflictError({ zh: '项目不在确定中标人阶段', en: 'The tender is not awaiting an award' });
  }
  return (await writeAward(deps, tender, { ...input, actor: input.caller, deemed: false })).award;
}

/**
 * The tick's step for an awarding tender past its 5 working days: the first candidate is deemed
 * chosen (87号令第68条 last paragraph).
 */
export async function deemAward(deps: Deps, tender: Tender): Promise<Tender> {
  const report = await deps.evaluations.getReport(tender.id);
  const first = report?.candidates[0];
  if (!first) throw new Error(`tender ${tender.id} is awarding without candidates`);
  return (await writeAward(deps, tender, { bidId: first, actor: SYSTEM_ACTOR, deemed: true })).tender;
}

/** Declares the signed contract document; answers where to upload it. */
export async function declareContractDocument(
  input: { caller: Caller; tenderId: string; fileName: string; sha256: string; size: number },
  deps: Deps,
) {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  if (tender.status !== 'awarded') {
    throw new ConflictError({
      zh: '项目尚未确定中标人或合同已登记',
      en: 'The tender is not awarded, or its contract is recorded',
    });
  }
  const documentId = deps.newId();
  const upload = await deps.documents.presignUpload(
    uploadSlotKey(contractDocumentKey(tender.id, documentId)),
    { sha256: input.sha256, size: input.size, contentType: 'application/pdf' },
    deps.clock.now(),
  );
  return { documentId, fileName: input.fileName, sha256: input.sha256, size: input.size, upload };
}

/**
 * Records the contract (87号令第71条): amount, date and the signed document checked against its
 * hash; a contract later than 30 days after the award is flagged, not refused. The contract notice
 * follows and the tender is complete; a tender whose every stage ran in the platform counts as
 * fully electronic (全流程电子化).
 */
export async function recordContract(
  input: {
    caller: Caller;
    tenderId: string;
    amountFen: number;
    signedOn: string;
    document: { id: string; fileName: string; sha256: string; size: number };
  },
  deps: Deps,
): Promise<Contract> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  const award = await deps.tenders.getAward(tender.id);
  if (tender.status !== 'awarded' || !award) {
    throw new ConflictError({
      zh: '项目尚未确定中标人或合同已登记',
      en: 'The tender is not awarded, or its contract is recorded',
    });
  }
  // No contract while a challenge may affect the result (实施条例第五十四条)
  await assertNoChallengeHoldsContract(deps, tender);
  const documentKey = contractDocumentKey(tender.id, input.document.id);
  const versions = await sealStoredAsDeclared(
    deps,
    [{ ...input.document, key: documentKey, path: 'body.document' }],
    { zh: '合同文件未上传或与其哈希不符', en: 'The contract document is missing or does not match its hash' },
  );
  const versionId = versions.get(documentKey);
  const at = deps.clock.now().toISOString();
  const contract: Contract = {
    tenderId: tender.id,
    id: deps.newId(),
    amountFen: input.amountFen,
    signedOn: input.signedOn,
    document: { ...input.document, verified: true, ...(versionId ? { versionId } : {}) },
    recordedAt: at,
    recordedBy: input.caller.sub,
    late: at > award.contractDueBy,
  };
  await applyChange(deps, tender, {
    action: 'recordContract',
    at,
    eventType: 'tender.contractRecorded',
    actor: input.caller,
    data: {
      contractId: contract.id,
      amountFen: contract.amountFen,
      signedOn: contract.signedOn,
      documentSha256: contract.document.sha256,
      late: contract.late,
    },
    mutate: (current) => ({ ...current, completedAt: at }),
    related: {
      contract,
      // The electronic rate is over government-procurement projects, so only they count here.
      ...(tender.content.tradeType === 'governmentProcurement'
        ? { aggregates: { facets: facetsOf(tender, award.awardedAt), delta: { electronicCount: 1 } } }
        : {}),
    },
    notices: [
      {
        type: 'contract',
        title: `${tender.content.title}合同公告`,
        body: {
          supplier: award.supplierName,
          amountFen: contract.amountFen,
          amount: formatWanYuan(contract.amountFen),
          signedOn: contract.signedOn,
          documentSha256: contract.document.sha256,
          late: contract.late,
          citation: '87号令第七十一条；实施条例第五十条',
        },
      },
    ],
  });
  return contract;
}

/** The public view of an award: without the user who confirmed it. */
export function toPublicAward(award: Award): PublicAward {
  const { awardedBy: _awardedBy, ...rest } = award;
  return rest;
}

/** The public view of a contract: without the user who recorded it. */
export function toPublicContract(contract: Contract): PublicContract {
  const { recordedBy: _recordedBy, ...rest } = contract;
  return rest;
}

/**
 * The public result of a tender after the award: the award, its savings or premium, the contract.
 *
 * Why without users: public views name roles and organisations only.
 */
export async function getTenderResult(input: { tenderId: string }, deps: Deps): Promise<TenderResult> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const award = await deps.tenders.getAward(tender.id);
  if (!award) throw new NotFoundError({ zh: '成交结果', en: 'Award' });
  const contract = await deps.tenders.getContract(tender.id);
  const figures = moneyOutcome(tender, award.dealAmountFen);
  return {
    tenderId: tender.id,
    status: tender.status,
    award: toPublicAward(award),
    dealAmount: formatWanYuan(award.dealAmountFen),
    ...figures,
    contract: contract ? toPublicContract(contract) : null,
  };
}
