import type { z } from 'zod';
import type { Deps } from '../adapters/deps';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../domain/errors';
import type { Registration } from '../schemas/bid';
import type { SupplierProfile, SupplierProfileBodySchema } from '../schemas/supplier';
import { assertBeforeDeadline, deadlineReached } from './bid-change';
import { type Caller, loadPublishedTender } from './tender-change';

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
  const tender = await loadPublishedTender(deps, input.tenderId);
  assertBeforeDeadline(tender, deps.clock.now());
  const profile = await requireProfile(deps, input.caller);
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
