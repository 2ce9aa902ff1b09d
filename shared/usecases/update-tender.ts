import { ValidationError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import type { Deps } from '../ports/deps';
import { type Tender, TenderContentSchema, type TenderUpdate } from '../schemas/tender';
import { splitBilingual } from '../schemas/zod-config';
import {
  applyChange,
  type Caller,
  checkExpectedVersion,
  loadOwnTender,
  requireSomeChange,
} from './tender-change';

/** Input of {@link updateTender}. */
export interface UpdateTenderInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** Top-level fields to replace. */
  patch: TenderUpdate;
  /** The version the caller edited from (its If-Match), if it sent one. */
  expectedVersion?: number | undefined;
}

/**
 * Replaces fields of a draft; only drafts are editable (a published tender changes by correction).
 *
 * Why the merged content is validated again: a patch can be valid alone yet break the whole
 * (e.g. switching a government tender to a rights transfer without a reserve price).
 */
export async function updateTender(input: UpdateTenderInput, deps: Deps): Promise<Tender> {
  requireSomeChange(input.patch);
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  checkExpectedVersion(tender, input.expectedVersion);
  // `bidDepositFen: null` takes the deposit requirement away
  const { bidDepositFen, ...patch } = input.patch;
  const { bidDepositFen: _kept, ...content } = tender.content;
  const deposit = bidDepositFen === undefined ? tender.content.bidDepositFen : (bidDepositFen ?? undefined);
  const merged = TenderContentSchema.safeParse({
    ...content,
    ...patch,
    ...(deposit !== undefined ? { bidDepositFen: deposit } : {}),
  });
  if (!merged.success) {
    throw new ValidationError(
      { zh: '修改后的项目内容无效', en: 'The draft would become invalid' },
      merged.error.issues.map((issue) => ({
        path: ['body', ...issue.path.map(String)].join('.'),
        message: splitBilingual(issue.message),
      })),
    );
  }
  return applyChange(deps, tender, {
    action: 'update',
    eventType: 'tender.updated',
    actor: input.caller,
    data: {
      changedFields: Object.keys(input.patch).sort(),
      contentDigest: sha256Hex(canonicalJson(merged.data)),
    },
    mutate: (current) => ({ ...current, content: merged.data }),
  });
}
