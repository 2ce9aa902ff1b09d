import type { z } from 'zod';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../domain/errors';
import { isPubliclyVisible } from '../domain/lifecycle';
import type { Deps } from '../ports/deps';
import type { Page, PageRequest } from '../ports/tender-repository';
import type { Registration } from '../schemas/bid';
import type { SupplierProfile, SupplierProfileBodySchema } from '../schemas/supplier';
import type { MySupplierTender } from '../schemas/supplier-tender';
import { assertBeforeDeadline, deadlineReached, needsReconfirmation, settledValue } from './bid-change';
import { supplierTodos } from './supplier-todo';
import { type Caller, loadPublishedTender } from './tender-change';
import { toPublicTender } from './tender-views';

/** Reads the caller's supplier profile. */
export async function getMyProfile(input: { caller: Caller }, deps: Deps): Promise<SupplierProfile> {
  const profile = await deps.bids.getProfile(input.caller.orgId);
  if (!profile) throw new NotFoundError({ zh: '供应商资料', en: 'Supplier profile' });
  return profile;
}

/**
 * Creates or replaces the caller's supplier profile (name, 统一社会信用代码, SME scale, contact).
 *
 * Why versioned: two staff of one supplier editing at once must not silently overwrite each other.
 */
export async function saveMyProfile(
  input: { caller: Caller; body: z.output<typeof SupplierProfileBodySchema> },
  deps: Deps,
): Promise<{ profile: SupplierProfile; created: boolean }> {
  const current = await deps.bids.getProfile(input.caller.orgId);
  const profile: SupplierProfile = {
    ...input.body,
    orgId: input.caller.orgId,
    version: (current?.version ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.bids.saveProfile(profile, current?.version ?? null);
  return { profile, created: current === null };
}

/** Loads the caller's profile, which bidding needs (the SME scale drives the price deduction). */
export async function requireProfile(deps: Deps, caller: Caller): Promise<SupplierProfile> {
  const profile = await deps.bids.getProfile(caller.orgId);
  if (!profile) {
    throw new UnprocessableError('profile-required', {
      zh: '请先填写供应商资料（PUT /api/suppliers/me）',
      en: 'Fill in your supplier profile first (PUT /api/suppliers/me)',
    });
  }
  return profile;
}

/**
 * Registers the caller's organisation for a tendering tender (报名); doing it again changes nothing.
 *
 * Why the answer never says how many have registered: 87号令第28条 forbids disclosing the names or
 * number of potential bidders before the deadline.
 */
export async function registerForTender(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<{ registration: Registration; created: boolean }> {
  // Read together, judged in order: the tender's errors and the deadline before a missing profile.
  const [publishedTender, supplierProfile] = await Promise.allSettled([
    loadPublishedTender(deps, input.tenderId),
    requireProfile(deps, input.caller),
  ]);
  const tender = settledValue(publishedTender);
  assertBeforeDeadline(tender, deps.clock.now());
  const profile = settledValue(supplierProfile);
  const registration: Registration = {
    tenderId: tender.id,
    supplierOrgId: input.caller.orgId,
    supplierName: profile.name,
    supplierScale: profile.scale,
    registeredAt: deps.clock.now().toISOString(),
  };
  const created = await deps.bids.register(registration);
  if (created) return { registration, created };
  const existing = await deps.bids.getRegistration(tender.id, input.caller.orgId);
  return { registration: existing ?? registration, created: false };
}

/**
 * Lists a tender's registrations, to its purchasing unit and centre staff, after the deadline only
 * (87号令第28条: before it nobody learns who registered, nor how many).
 */
export async function listRegistrations(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<{ items: Registration[] }> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  if (input.caller.role === 'purchaser' && tender.orgId !== input.caller.orgId) {
    throw new ForbiddenError({
      zh: '只能查看本单位的项目',
      en: 'You may only read your own organisation’s tenders',
    });
  }
  if (tender.status === 'tendering' || !deadlineReached(tender, deps.clock.now())) {
    throw new ForbiddenError({
      zh: '投标截止前不得透露报名供应商的名称和数量（87号令第二十八条）',
      en: 'Before the deadline nobody may learn who registered, nor how many (87号令第二十八条)',
    });
  }
  return { items: await deps.bids.listRegistrations(tender.id) };
}

/**
 * The caller's own projects (我的项目): every tender its organisation registered for, newest
 * registration first, each with the public tender view, its current bid in short and its to-dos.
 *
 * Why registrations are enough: a supplier cannot bid without registering (createBid refuses), so
 * they are also every tender it bid in. The page is one Query of the supplier's registrations and
 * two batched reads (the tenders; the current bids and opening responses), whatever its size.
 */
export async function listMySupplierTenders(
  input: { caller: Caller; page: PageRequest },
  deps: Deps,
): Promise<Page<MySupplierTender>> {
  const orgId = input.caller.orgId;
  const registrations = await deps.bids.listRegistrationsBySupplier(orgId, input.page);
  const tenderIds = registrations.items.map((registration) => registration.tenderId);
  const [tenders, standings] = await Promise.all([
    deps.tenders.getMany(tenderIds),
    deps.bids.getSupplierStandings(orgId, tenderIds),
  ]);
  const now = deps.clock.now();
  const items = registrations.items.flatMap((registration): MySupplierTender[] => {
    const tender = tenders.get(registration.tenderId);
    // Registration needs a published tender, and tenders are never deleted; skip rather than leak.
    if (!tender || !isPubliclyVisible(tender.status, tender.publishedAt)) return [];
    const standing = standings.get(tender.id);
    const bid = standing?.currentBid ?? null;
    const reconfirm = bid ? needsReconfirmation(tender, bid) : false;
    return [
      {
        ...toPublicTender(tender),
        registeredAt: registration.registeredAt,
        myBid: bid
          ? {
              id: bid.id,
              status: bid.status,
              ...(bid.submittedAt ? { submittedAt: bid.submittedAt } : {}),
              needsReconfirmation: reconfirm,
              revealedAt: bid.reveal?.revealedAt ?? null,
            }
          : null,
        todo: supplierTodos(
          {
            tender,
            currentBid: bid ? { needsReconfirmation: reconfirm, revealed: bid.reveal !== undefined } : null,
            respondedToOpening: Boolean(standing?.openingResponse),
          },
          now,
        ),
      },
    ];
  });
  return { items, nextCursor: registrations.nextCursor };
}
