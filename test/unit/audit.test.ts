import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/hashing';
import type { AuditEvent } from '../../shared/schemas/audit';
import { GENESIS_HASH, hashEvent, sealEvent, verifyChain } from '../../shared/usecases/audit-chain';

const TENDER = '01JDQ3Z6B2W7X9Y0A1B2C3D4E5';

/** Builds a chain of `n` events the way the use cases do. */
function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i += 1) {
    const prev = events.at(-1);
    events.push(
      sealEvent(
        {
          tenderId: TENDER,
          type: i === 0 ? 'tender.created' : 'tender.updated',
          at: new Date(Date.UTC(2026, 0, 5, 1, i)).toISOString(),
          actor: { sub: 'u1', orgId: 'org-1', role: 'purchaser' },
          data: { step: i, nested: { b: 2, a: 1 } },
        },
        prev?.seq ?? 0,
        prev?.hash ?? GENESIS_HASH,
      ),
    );
  }
  return events;
}

describe('audit hash chain', () => {
  it('serialises objects with sorted keys at every depth, so property order does not change a hash', () => {
    // Prepare / Act
    const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 });

    // Assess
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('links each event to the previous one and verifies an intact chain', () => {
    // Prepare
    const events = chain(5);

    // Act
    const result = verifyChain(events);

    // Assess
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[3]?.prevHash).toBe(events[2]?.hash);
    expect(result).toEqual({
      valid: true,
      length: 5,
      headHash: events[4]?.hash,
      brokenAtSeq: null,
      reason: null,
    });
  });

  it('finds an edited event by its sequence number', () => {
    // Prepare
    const events = chain(5);
    const edited = events.map((e) => (e.seq === 3 ? { ...e, data: { ...e.data, step: 99 } } : e));

    // Act
    const result = verifyChain(edited);

    // Assess
    expect(result.valid).toBe(false);
    expect(result.brokenAtSeq).toBe(3);
    expect(result.reason).toContain('hash');
  });

  it('finds a removed event and a rehashed forgery that breaks the next link', () => {
    // Prepare
    const events = chain(4);
    const removed = events.filter((e) => e.seq !== 2);
    const forged = chain(4);
    const third = forged[2] as AuditEvent;
    const { hash: _old, ...body } = { ...third, type: 'tender.forged' };
    forged[2] = { ...body, hash: hashEvent(body) };

    // Act
    const gap = verifyChain(removed);
    const relinked = verifyChain(forged);

    // Assess
    expect(gap).toMatchObject({ valid: false, brokenAtSeq: 3 });
    expect(relinked).toMatchObject({ valid: false, brokenAtSeq: 4 });
  });
});
