import type { Deps } from '../ports/deps';
import type { PageRequest } from '../ports/tender-repository';
import type { Notice } from '../schemas/notice';
import type { Tender, TenderStatusValue } from '../schemas/tender';
import { buildRelease, buildReleasePackage, ocidOf, type Release, type ReleasePackage } from './ocds-release';
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
  const [notices, openingRecord, report, award, contract, committee, enquiries] = await Promise.all([
    deps.tenders.listTenderNotices(tender.id),
    deps.bids.getOpeningRecord(tender.id),
    deps.evaluations.getReport(tender.id),
    deps.tenders.getAward(tender.id),
    deps.tenders.getContract(tender.id),
    deps.evaluations.getCommittee(tender.id),
    deps.rights.listEnquiries(tender.id),
  ]);
  return { notices, openingRecord, report, award, contract, committee, enquiries };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/** A moment a release describes: when, the tender's status and version then, and how it is tagged. */
interface ReleaseMoment {
  at: string;
  status: TenderStatusValue;
  version: number;
  tag?: Release['tag'];
  releaseId?: string;
}

/**
 * The release of a tender as it stood at a moment: one release per public state change (each
 * notice, each enquiry asked or answered), with nothing that was not yet public at that instant
 * (prices only from the opening record on, committee names only from the result notice on).
 */
function releaseAt(
  tender: Tender,
  context: Context,
  moment: ReleaseMoment,
  baseUrl: string | undefined,
): Release {
  const at = moment.at;
  const before = (instant: string | undefined) => instant !== undefined && instant <= at;
  const resultPublished = context.notices.some((n) => n.type === 'result' && before(n.publishedAt));
  const award = context.award && before(context.award.awardedAt) ? context.award : null;
  return buildRelease({
    tender: { ...tender, status: moment.status, version: moment.version },
    notices: context.notices.filter((n) => before(n.publishedAt)),
    openingRecord: context.openingRecord,
    report: context.report && before(context.report.createdAt) ? context.report : null,
    award,
    contract: award && context.contract && before(context.contract.recordedAt) ? context.contract : null,
    enquiries: context.enquiries,
    committeeNames:
      resultPublished && context.committee
        ? context.committee.members.filter((m) => m.status === 'submitted').map((m) => m.name)
        : null,
    at,
    ...(moment.tag ? { tag: moment.tag } : {}),
    ...(moment.releaseId ? { releaseId: moment.releaseId } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
}

/** The moment of a notice: the status the tender had when it was published. */
function noticeMoment(notice: Notice): ReleaseMoment {
  return { at: notice.publishedAt, status: STATUS_AT_NOTICE[notice.type], version: notice.seq };
}

/**
 * The moments of the enquiries: each question asked and each answer given is a `tenderUpdate`
 * release of its own (the enquiries extension's fields change), in the status of the last notice
 * before it, so that a question asked after the last notice is still in the open data.
 */
function enquiryMoments(tender: Tender, context: Context): ReleaseMoment[] {
  const ocid = ocidOf(tender.id);
  const steps = context.enquiries.flatMap((enquiry) => [
    { at: enquiry.askedAt, releaseId: `${ocid}-enquiry-${enquiry.id}` },
    ...(enquiry.answer
      ? [{ at: enquiry.answer.answeredAt, releaseId: `${ocid}-enquiry-${enquiry.id}-answer` }]
      : []),
  ]);
  return steps.flatMap((step) => {
    const last = context.notices.filter((n) => n.publishedAt <= step.at).at(-1);
    return last ? [{ ...noticeMoment(last), ...step, tag: ['tenderUpdate'] as Release['tag'] }] : [];
  });
}

/** Every release of a published tender, oldest first, as one release package. */
export async function tenderReleasePackage(
  input: { tenderId: string; baseUrl?: string | undefined },
  deps: Deps,
): Promise<ReleasePackage> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const context = await loadContext(deps, tender);
  const moments = [...context.notices.map(noticeMoment), ...enquiryMoments(tender, context)].toSorted(
    (a, b) => a.at.localeCompare(b.at),
  );
  const releases = moments.map((moment) => releaseAt(tender, context, moment, input.baseUrl));
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
    releases.push(releaseAt(entry.tender, entry.context, noticeMoment(notice), input.baseUrl));
  }
  return {
    package: buildReleasePackage(releases, {
      uri: `${input.baseUrl ?? 'https://ggzy-portal.invalid'}/api/ocds/releases`,
      publishedDate: deps.clock.now().toISOString(),
    }),
    nextCursor: notices.nextCursor,
  };
}
