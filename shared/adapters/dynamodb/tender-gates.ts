import type { Tender } from '../../schemas/tender';
import { ENTITY, GATE_SHARDS, keys } from './keys';
import type { Item, TransactItem } from './support';

/**
 * A tender's bid gates: {@link GATE_SHARDS} copies of what the bid transactions check (status,
 * bid deadline, when the opening record was published), so that no one item is checked by every
 * bid of a tender (docs-deadline-minute.md).
 *
 * The invariant: a gate that exists holds those attributes exactly as the tender item holds them.
 * Every tender change that moves one of them writes all K gates in the tender's own transaction; a
 * missing gate fails every bid check, as a closed tender does, until {@link healGate} copies it
 * from the tender item under a condition that the tender still holds what is copied.
 */

/** The tender item attributes a gate copies (the names the bid checks test). */
const GATED = ['status', 'bidDeadline', 'recordPublishedAt'] as const;

/** The statuses in which a bid check can pass: tendering (bids) and opening (reveals). */
const CHECKED_STATUSES: ReadonlySet<string> = new Set(['tendering', 'opening']);

/** The gate `shard` of a tender, copied from its stored tender item (see tenderItem). */
export function gateItem(tenderItem: Item, shard: number): Item {
  const tenderId = String(tenderItem['pk']).slice('TENDER#'.length);
  const item: Item = {
    ...keys.gate(tenderId, shard),
    entity: ENTITY.gate,
    // The tender's version the copy was taken at: for reading the table, no check tests it.
    tenderVersion: tenderItem['version'],
  };
  for (const name of GATED) if (tenderItem[name] !== undefined) item[name] = tenderItem[name];
  return item;
}

/** Unconditional Puts of all K gates of a tender, for the tender's own change transaction. */
export function gateWrites(tableName: string, tenderItem: Item): TransactItem[] {
  return Array.from({ length: GATE_SHARDS }, (_, shard) => ({
    Put: { TableName: tableName, Item: gateItem(tenderItem, shard) },
  }));
}

/** The gated values of a tender, as its item stores them. */
function gatedValues(tender: Tender): [string, string, string | undefined] {
  return [tender.status, tender.content.timeline.bidDeadline, tender.opening?.recordPublishedAt];
}

/**
 * Whether a change from `before` to `after` moves what the bid checks decide, so that the gates
 * must be written: a tender entering or leaving tendering or opening, or, while in one of them, a
 * new deadline or an opening record. Unknown `before` (a new tender) counts as moving.
 *
 * Why not on every change: a change outside both states (evaluation, award, contract) cannot make a
 * check pass or fail, and leaves the gates at the status that closed them; K writes on every score
 * sheet would cost 2K WCU each for nothing.
 */
export function movesGates(before: Tender | undefined, after: Tender): boolean {
  if (!before) return true;
  if (!CHECKED_STATUSES.has(before.status) && !CHECKED_STATUSES.has(after.status)) return false;
  const [a, b] = [gatedValues(before), gatedValues(after)];
  return a.some((value, i) => value !== b[i]);
}

/**
 * A transaction that writes a missing gate from the stored tender item, only if that gate is still
 * missing and the tender still holds the copied values (or lacks them, as the copy does).
 *
 * Why the condition on the tender: a change committed between the read and this write either moved
 * the gated values (then it wrote every gate, and this fails on the gate it wrote or on the values)
 * or did not (then the copy is still exact). So a healed gate can never be more open than the
 * tender, and a late bid can never pass it.
 */
export function healGate(tableName: string, tenderItem: Item, shard: number): TransactItem[] {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const terms = GATED.map((name, i) => {
    names[`#g${i}`] = name;
    if (tenderItem[name] === undefined) return `attribute_not_exists(#g${i})`;
    values[`:g${i}`] = tenderItem[name];
    return `#g${i} = :g${i}`;
  });
  return [
    {
      ConditionCheck: {
        TableName: tableName,
        Key: { pk: tenderItem['pk'], sk: tenderItem['sk'] },
        ConditionExpression: terms.join(' AND '),
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: gateItem(tenderItem, shard),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}
