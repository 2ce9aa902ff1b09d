import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { isPubliclyVisible, type LifecycleAction, nextStatus } from '../domain/lifecycle';
import { minValidBids } from '../domain/procedures';
import { tenderDocumentKey } from '../domain/tender';
import type { Deps } from '../ports/deps';
import type { RelatedWrites } from '../ports/tender-repository';
import type { Actor } from '../schemas/audit';
import { NOTICE_TYPE_LABELS, type Notice, type NoticeType } from '../schemas/notice';
import type { Tender, TenderDocument } from '../schemas/tender';
import { sealEvent } from './audit-chain';
import { sealStoredAsDeclared } from './stored-documents';

/** A signed-in caller as the auth middleware resolves it. */
export interface Caller extends Actor {
  /** The organisation from `custom:orgId`; every signed-in role has one. */
  orgId: string;
  /**
   * The network address the request came from (`requestContext.http.sourceIp`); sealing keeps it
   * in the event's restricted record (电子招标投标办法第四十九条), never in a public view.
   */
  sourceIp?: string | undefined;
}

/** What a change does, beyond moving the state. */
export interface ChangeSpec {
  /** The lifecycle action; its legality is checked against the state machine. */
  action: LifecycleAction;
  /** The audit event type, e.g. `tender.published`. */
  eventType: string;
  /** Who does it. */
  actor: Actor;
  /** What the event records. */
  data: Record<string, unknown>;
  /** Produces the tender after the change (without version/status/updatedAt/hash, which are set here). */
  mutate?: (tender: Tender, at: string) => Tender;
  /** Notices published with the change. */
  notices?: { type: NoticeType; title: string; body: Record<string, unknown> }[];
  /** Items written in the same transaction: opening record, committee, sheet, report. */
  related?: RelatedWrites;
  /**
   * The instant of the change when the caller already stamped related items with it (the opening
   * record's `publishedAt`), so that the record, the event, the notices and `updatedAt` agree.
   */
  at?: string;
}

/**
 * Applies one lifecycle change atomically: state, version, audit event and notices.
 *
 * Why one function: every state change must be legal, versioned, audited and hash-chained alike.
 */
export async function applyChange(deps: Deps, tender: Tender, spec: ChangeSpec): Promise<Tender> {
  const at = spec.at ?? deps.clock.now().toISOString();
  const status = nextStatus(tender.status, spec.action);
  const mutated = spec.mutate ? spec.mutate(tender, at) : tender;
  const notices: Notice[] = (spec.notices ?? []).map((notice, i) => ({
    id: deps.newId(),
    tenderId: tender.id,
    seq: mutated.noticeCount + i + 1,
    type: notice.type,
    typeLabel: NOTICE_TYPE_LABELS[notice.type],
    title: notice.title,
    publishedAt: at,
    purchasingUnitName: mutated.content.purchasingUnitName,
    tradeType: mutated.content.tradeType,
    category: mutated.content.category,
    method: mutated.content.method,
    body: notice.body,
  }));
  const event = sealEvent(
    {
      tenderId: tender.id,
      type: spec.eventType,
      at,
      actor: spec.actor,
      data: {
        ...spec.data,
        fromStatus: tender.status,
        toStatus: status,
        noticeIds: notices.map((n) => n.id),
      },
    },
    tender.version,
    tender.lastEventHash,
  );
  const next: Tender = {
    ...mutated,
    status,
    version: tender.version + 1,
    updatedAt: at,
    noticeCount: mutated.noticeCount + notices.length,
    lastEventHash: event.hash,
  };
  await deps.tenders.save(
    { tender: next, previous: tender, event, notices, ...spec.related },
    tender.version,
  );
  return next;
}

/**
 * Loads a tender its caller owns, failing as a stranger should see it.
 *
 * Why: another organisation's draft does not exist for the caller (404); a published one is
 * visible but not theirs to change (403).
 */
export async function loadOwnTender(deps: Deps, caller: Caller, tenderId: string): Promise<Tender> {
  const tender = await deps.tenders.get(tenderId);
  if (!tender || (tender.orgId !== caller.orgId && !tender.publishedAt)) {
    throw new NotFoundError({ zh: '项目', en: 'Tender' });
  }
  if (tender.orgId !== caller.orgId) {
    throw new ForbiddenError({
      zh: '只能操作本单位的项目',
      en: 'You may only change your own organisation’s tenders',
    });
  }
  return tender;
}

/**
 * The failure notice (废标公告) of a tender with too few valid or qualified bids.
 *
 * Why one builder: the opening and the evaluation fail a tender for the same rule, only the stage,
 * the article and the counts differ.
 */
export function failureNotice(
  tender: Tender,
  stage: {
    zh: '有效投标' | '合格投标';
    en: 'valid' | 'qualified';
    citation: string;
    counts: Record<string, number>;
  },
): NonNullable<ChangeSpec['notices']>[number] {
  const min = minValidBids(tender);
  return {
    type: 'failure',
    title: `${tender.content.title}废标公告`,
    body: {
      reason: `${stage.zh}不足${min}家`,
      reasonEn: `Fewer than ${min} ${stage.en} bids`,
      citation: stage.citation,
      ...stage.counts,
    },
  };
}

/**
 * Loads a tender the public and every party may see: one that was published (drafts, and drafts
 * cancelled before publication, do not exist for anyone but their owner).
 */
export async function loadPublishedTender(deps: Deps, tenderId: string): Promise<Tender> {
  const tender = await deps.tenders.get(tenderId);
  if (!tender || !isPubliclyVisible(tender.status, tender.publishedAt)) {
    throw new NotFoundError({ zh: '项目', en: 'Tender' });
  }
  return tender;
}

/**
 * Checks the version a client edited from (its `If-Match`) against the stored one; undefined
 * asks for no check.
 *
 * Why: a client editing from a stale copy gets a 412 instead of silently overwriting.
 */
export function checkExpectedVersion(tender: Tender, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined) return;
  if (expectedVersion !== tender.version) {
    throw new PreconditionFailedError(
      {
        zh: `项目已被修改（当前版本 ${tender.version}），请刷新后重试`,
        en: `The tender has changed (now version ${tender.version}); reload and try again`,
      },
      { extensions: { currentVersion: tender.version } },
    );
  }
}

/**
 * Verifies tender documents against their declared SHA-256 and size, returning them marked verified.
 *
 * Why: a document is published only if its stored bytes are the ones declared. Each is copied
 * out of its upload slot first, so no upload URL can change it afterwards; its version is pinned.
 */
export async function verifyDocuments(
  deps: Deps,
  tenderId: string,
  documents: readonly TenderDocument[],
  at: string,
  pathOf: (index: number) => string = (index) => `documents.${index}`,
): Promise<TenderDocument[]> {
  const versions = await sealStoredAsDeclared(
    deps,
    documents.flatMap((doc, i) =>
      doc.status === 'verified'
        ? []
        : [{ ...doc, key: tenderDocumentKey(tenderId, doc.id), path: pathOf(i) }],
    ),
    {
      zh: '采购文件未上传或与其哈希不符，未作任何更改',
      en: 'Tender documents are missing or do not match their hashes; nothing was changed',
    },
  );
  return documents.map((doc) => {
    if (doc.status === 'verified') return doc;
    const versionId = versions.get(tenderDocumentKey(tenderId, doc.id));
    return { ...doc, status: 'verified' as const, verifiedAt: at, ...(versionId ? { versionId } : {}) };
  });
}

/** Rejects an empty patch or body early, with a clear message. */
export function requireSomeChange(changes: Record<string, unknown>): void {
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new ValidationError({ zh: '没有要修改的内容', en: 'Nothing to change' });
  }
}
