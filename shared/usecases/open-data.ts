import type { Deps } from '../ports/deps';
import type { PageRequest } from '../ports/tender-repository';
import type { Notice } from '../schemas/notice';
import type { Tender, TenderStatusValue } from '../schemas/tender';
import { buildRelease, buildReleasePackage, type Release, type ReleasePackage } from './ocds-release';
import { loadPublishedTender } from './tender-change';

/** The status a tender had when a notice of this type was published. */
const STATUS_AT_NOTICE: Record<Notice['type'], TenderStatusValue> = {
  procurement: 'tendering',
  correction: 'tendering',
  termination: 'cancelled',
  failure: 'failed',
  result: 'awarded',
  contract: 'complete',
};

/** Everything published about a tender, loaded once for all its releases. */
async function loadContext(deps: Deps, tender: Tender) {
  const [notices, openingRecord, report, award, contract, committee] = await Promise.all([
    deps.tenders.listTenderNotices(tender.id),
    deps.bids.getOpeningRecord(tender.id),
    deps.evaluations.getReport(tender.id),
    deps.tenders.getAward(tender.id),
    deps.tenders.getContract(tender.id),
    deps.evaluations.getCommittee(tender.id),
  ]);
  return { notices, openingRecord, report, award, contract, committee };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/**
 * The release of a tender as it stood when `notice` was published: one release per public state
 * change, with nothing that was not yet public at that instant (prices only from the opening
 * record on, committee names only from the result notice on).
 */
function releaseAt(tender: Tender, context: Context, notice: Notice, baseUrl: string | undefined): Release {
  const at = notice.publishedAt;
  const before = (instant: string | undefined) => instant !== undefined && instant <= at;
  const resultPublished = context.notices.some((n) => n.type === 'result' && before(n.publishedAt));
  const award = context.award && before(context.award.awardedAt) ? context.award : null;
  return buildRelease({
    tender: { ...tender, status: STATUS_AT_NOTICE[notice.type], version: notice.seq },
    notices: context.notices.filter((n) => before(n.publishedAt)),
    openingRecord: context.openingRecord,
    report: context.report && before(context.report.createdAt) ? context.report : null,
    award,
    contract: award && context.contract && before(context.contract.recordedAt) ? context.contract : null,
    committeeNames:
      resultPublished && context.committee
        ? context.committee.members.filter((m) => m.status === 'submitted').map((m) => m.name)
        : null,
    at,
    ...(baseUrl ? { baseUrl } : {}),
  });
}

/** Every release of a published tender, oldest first, as one release package. */
export async function tenderReleasePackage(
  input: { tenderId: string; baseUrl?: string | undefined },
  deps: Deps,
): Promise<ReleasePackage> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const context = await loadContext(deps, tender);
  const releases = context.notices.map((notice) => releaseAt(tender, context, notice, input.baseUrl));
  return buildReleasePackage(releases, {
    uri: `${input.baseUrl ?? 'https://ggzy-portal.invalid'}/api/ocds/tenders/${tender.id}`,
    publishedDate: deps.clock.now().toISOString(),
  });
}

/** The newest releases across all tenders, a page at a time, as one release package. */
export async function recentReleases(
  input: { page: PageRequest; baseUrl?: string | undefined },
  deps: Deps,
): Promise<{ package: ReleasePackage; nextCursor: string | null }> {
  const notices = await deps.tenders.listNotices({}, input.page);
  const contexts = new Map<string, { tender: Tender; context: Context }>();
  const releases: Release[] = [];
  for (const notice of notices.items) {
    let entry = contexts.get(notice.tenderId);
    if (!entry) {
      const tender = await deps.tenders.get(notice.tenderId);
      if (!tender?.publishedAt) continue;
      entry = { tender, context: await loadContext(deps, tender) };
      contexts.set(notice.tenderId, entry);
    }
    releases.push(releaseAt(entry.tender, entry.context, notice, input.baseUrl));
  }
  return {
    package: buildReleasePackage(releases, {
      uri: `${input.baseUrl ?? 'https://ggzy-portal.invalid'}/api/ocds/releases`,
      publishedDate: deps.clock.now().toISOString(),
    }),
    nextCursor: notices.nextCursor,
  };
}
