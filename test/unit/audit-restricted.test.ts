import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../shared/domain/hashing';
import { AuditEventSchema, type SealedEvent } from '../../shared/schemas/audit';
import {
  digestRestricted,
  GENESIS_HASH,
  hashEvent,
  SYSTEM_ACTOR,
  sealEvent,
  toPublicEvent,
  toRestrictedEvent,
  verifyChain,
} from '../../shared/usecases/audit-chain';

const TENDER = '01JDQ3Z6B2W7X9Y0A1B2C3D4E5';
const SUB = 'b7e1c2d3-0000-4000-8000-00000000a11e';
const IP = '198.51.100.23';

/** An event sealed before restricted records existed: its actor (with the subject) is hashed. */
function legacyEvent(seq: number, prevHash: string): SealedEvent {
  const body = {
    tenderId: TENDER,
    seq,
    type: 'tender.created',
    at: '2026-01-05T01:00:00.000Z',
    actor: { sub: SUB, orgId: 'org-1', role: 'purchaser' },
    data: { step: seq },
    prevHash,
  };
  return { ...body, hash: sha256Hex(canonicalJson(body)) };
}

/** The first event of a chain: a purchaser acting from {@link IP} publishes. */
function sealPublication() {
  return sealEvent(
    {
      tenderId: TENDER,
      type: 'tender.published',
      at: '2026-01-05T01:00:00.000Z',
      actor: { sub: SUB, orgId: 'org-1', role: 'purchaser', sourceIp: IP },
      data: {},
    },
    0,
    GENESIS_HASH,
  );
}

describe('restricted actor records', () => {
  it('keeps the subject and the network address out of the hashed event, behind a salted digest', () => {
    // Act
    const sealed = sealPublication();
    const publicEvent = toPublicEvent(sealed);

    // Assess
    expect(JSON.stringify(publicEvent)).not.toContain(SUB);
    expect(JSON.stringify(publicEvent)).not.toContain(IP);
    expect(AuditEventSchema.parse(publicEvent)).toEqual(publicEvent);
    expect(publicEvent.actor).toEqual({
      role: 'purchaser',
      orgId: 'org-1',
      restrictedDigest: digestRestricted(sealed.restricted),
    });
    expect(sealed.restricted).toMatchObject({ sub: SUB, sourceIp: IP });
    expect(sealed.restricted.salt).toMatch(/^[0-9a-f]{32}$/);
    const { hash, ...body } = publicEvent;
    expect(hash).toBe(hashEvent(body));
    expect(toRestrictedEvent(sealed).restrictedValid).toBe(true);
  });

  it('gives the same subject and address a different digest each time (random salt)', () => {
    // Prepare
    const seal = () =>
      sealEvent(
        {
          tenderId: TENDER,
          type: 't',
          at: '2026-01-05T01:00:00.000Z',
          actor: { sub: SUB, role: 'x' },
          data: {},
        },
        0,
        GENESIS_HASH,
      );

    // Act
    const [a, b] = [seal(), seal()];

    // Assess
    expect(a.restricted.salt).not.toBe(b.restricted.salt);
    expect((a.actor as { restrictedDigest: string }).restrictedDigest).not.toBe(
      (b.actor as { restrictedDigest: string }).restrictedDigest,
    );
  });

  it('verifies a chain of old (subject hashed) and new (digest hashed) events from public data alone', () => {
    // Prepare
    const first = legacyEvent(1, GENESIS_HASH);
    const second = sealEvent(
      {
        tenderId: TENDER,
        type: 'tender.opened',
        at: '2026-01-06T01:00:00.000Z',
        actor: SYSTEM_ACTOR,
        data: {},
      },
      1,
      first.hash,
    );

    // Act
    const result = verifyChain([first, toPublicEvent(second)]);
    const withRecords = verifyChain([first, second]);

    // Assess
    expect(result).toMatchObject({ valid: true, length: 2, headHash: second.hash });
    expect(withRecords.valid).toBe(true);
    expect(second.restricted).toMatchObject({ sub: 'system:tick', sourceIp: null });
    expect(toRestrictedEvent(first)).toMatchObject({ restricted: null, restrictedValid: null });
  });

  it('shows an edited restricted record to centre staff while the public chain stays intact', () => {
    // Prepare
    const sealed = sealPublication();
    const edited: SealedEvent = { ...sealed, restricted: { ...sealed.restricted, sourceIp: '192.0.2.1' } };

    // Act
    const view = toRestrictedEvent(edited);

    // Assess
    expect(view.restrictedValid).toBe(false);
    expect(verifyChain([edited]).valid).toBe(true);
  });
});
