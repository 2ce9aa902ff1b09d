import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import type { BidManifest } from '../../shared/domain/sealing';
import {
  decryptDocument,
  digestSha256Hex,
  encryptDocument,
  generateBidKey,
  generateNonce,
  keyCommitment,
  keyFromHex,
  keyToHex,
  manifestDigest,
  priceCommitment,
  sealBid,
  verifyReveal,
} from '../../shared/domain/sealing';

/** SHA-256 hex computed independently of the module under test. */
const referenceSha256 = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

/** Runs `act` and returns what it threw, or fails when it did not throw. */
const catchError = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
};

/**
 * Runs `act` and returns what its promise rejected with; fails when it threw synchronously or resolved,
 * so an async function of the module never mixes the two ways of failing.
 */
const catchRejection = async (act: () => Promise<unknown>): Promise<unknown> => {
  let pending: Promise<unknown>;
  try {
    pending = act();
  } catch {
    throw new Error('expected a rejected promise, but the call threw synchronously');
  }
  try {
    await pending;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

const TENDER_ID = 'T-2025-0001';
const SUPPLIER_ID = 'S-0042';
const NONCE = 'ab'.repeat(32);
const KEY_HEX = '00112233445566778899aabbccddeeff'.repeat(2);

describe('generateBidKey and generateNonce', () => {
  test('make 32 random bytes and 64 lower-case hex digits, fresh on every call', () => {
    // Prepare
    const calls = 2;

    // Act
    const keys = Array.from({ length: calls }, () => generateBidKey());
    const nonces = Array.from({ length: calls }, () => generateNonce());

    // Assess
    for (const key of keys) {
      expect(key).toBeInstanceOf(Uint8Array);
      expect(key.byteLength).toBe(32);
    }
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{64}$/);
    expect(keyToHex(keys[0]!)).not.toBe(keyToHex(keys[1]!));
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe('keyToHex and keyFromHex', () => {
  test('round-trip a key; upper-case hex parses to the same bytes', () => {
    // Prepare
    const key = generateBidKey();

    // Act
    const hex = keyToHex(key);
    const parsed = keyFromHex(hex);
    const parsedUpper = keyFromHex(hex.toUpperCase());

    // Assess
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed).toEqual(key);
    expect(parsedUpper).toEqual(key);
  });

  test.each([
    ['63 digits', 'a'.repeat(63)],
    ['65 digits', 'a'.repeat(65)],
    ['a non-hex digit', `${'a'.repeat(63)}g`],
    ['an empty string', ''],
  ])('keyFromHex rejects %s with a bilingual ValidationError', (_label, hex) => {
    // Prepare
    const path = 'keyHex';

    // Act
    const error = catchError(() => keyFromHex(hex));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).errors[0];
    expect(issue?.path).toBe(path);
    expect(issue?.message.zh).toContain('64');
    expect(issue?.message.en).toContain('64 hex digits');
  });

  test('keyToHex rejects a key that is not 32 bytes', () => {
    // Prepare
    const shortKey = new Uint8Array(16);

    // Act
    const error = catchError(() => keyToHex(shortKey));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).detail.en).toContain('32 bytes, got 16');
  });
});

describe('encryptDocument and decryptDocument', () => {
  test('round-trip a document; the sealed bytes have the GGZ1 header and are 32 bytes longer', async () => {
    // Prepare
    const key = generateBidKey();
    const plaintext = new TextEncoder().encode('投标文件：报价一览表 / bid document');

    // Act
    const sealed = await encryptDocument(plaintext, key);
    const opened = await decryptDocument(sealed, key);

    // Assess
    expect(opened).toEqual(plaintext);
    expect(new TextDecoder().decode(sealed.subarray(0, 4))).toBe('GGZ1');
    expect(sealed.byteLength).toBe(plaintext.byteLength + 4 + 12 + 16);
    expect(Buffer.from(sealed).includes(Buffer.from(plaintext))).toBe(false);
  });

  test('open a sealed document that is a view at an offset into a larger buffer', async () => {
    // Prepare: as a Node Buffer from the shared pool or a subarray of a download would be
    const key = generateBidKey();
    const plaintext = new TextEncoder().encode('开标一览表');
    const sealed = await encryptDocument(plaintext, key);
    const backing = new Uint8Array(sealed.byteLength + 13).fill(0xee);
    backing.set(sealed, 7);
    const view = backing.subarray(7, 7 + sealed.byteLength);

    // Act
    const opened = await decryptDocument(view, key);

    // Assess
    expect(view.byteOffset).toBe(7);
    expect(opened).toEqual(plaintext);
  });

  test('round-trip an empty document', async () => {
    // Prepare
    const key = generateBidKey();

    // Act
    const sealed = await encryptDocument(new Uint8Array(0), key);
    const opened = await decryptDocument(sealed, key);

    // Assess
    expect(sealed.byteLength).toBe(32);
    expect(opened.byteLength).toBe(0);
  });

  test('uses a fresh IV, so the same document sealed twice differs', async () => {
    // Prepare
    const key = generateBidKey();
    const plaintext = new Uint8Array([1, 2, 3, 4]);

    // Act
    const first = await encryptDocument(plaintext, key);
    const second = await encryptDocument(plaintext, key);

    // Assess
    expect(first.subarray(4, 16)).not.toEqual(second.subarray(4, 16));
    expect(first).not.toEqual(second);
  });

  test.each([
    ['the IV', 5],
    ['the ciphertext', 20],
    ['the tag', -1],
  ])('rejects a sealed document with one byte of %s flipped', async (_label, offset) => {
    // Prepare
    const key = generateBidKey();
    const sealed = await encryptDocument(new TextEncoder().encode('price list, 45 pages'), key);
    const tampered = sealed.slice();
    const index = offset < 0 ? tampered.byteLength + offset : offset;
    tampered[index] = (tampered[index] ?? 0) ^ 0x01;

    // Act
    const error = await catchRejection(() => decryptDocument(tampered, key));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    const detail = (error as ValidationError).detail;
    expect(detail.en).toContain('cannot decrypt');
    expect(detail.zh).toContain('无法解密');
  });

  test('rejects the wrong key', async () => {
    // Prepare
    const sealed = await encryptDocument(new TextEncoder().encode('technical proposal'), generateBidKey());
    const otherKey = generateBidKey();

    // Act
    const error = await catchRejection(() => decryptDocument(sealed, otherKey));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe('sealed');
    expect((error as ValidationError).detail.en).toContain('the key is wrong');
  });

  test('rejects bytes whose header is not GGZ1, even with a valid tag behind it', async () => {
    // Prepare
    const key = generateBidKey();
    const sealed = await encryptDocument(new Uint8Array([9, 9, 9]), key);
    const renamed = sealed.slice();
    renamed[3] = 0x32; // 'GGZ2'

    // Act
    const error = await catchRejection(() => decryptDocument(renamed, key));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).detail.en).toContain("header is not 'GGZ1'");
    expect((error as ValidationError).detail.zh).toContain('文件头');
  });

  test('rejects bytes too short to be a sealed document', async () => {
    // Prepare
    const key = generateBidKey();
    const truncated = (await encryptDocument(new Uint8Array(0), key)).subarray(0, 31);

    // Act
    const error = await catchRejection(() => decryptDocument(truncated, key));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).detail.en).toContain('not a sealed document: 31 bytes');
  });

  test('rejects a key that is not 32 bytes before touching the cipher', async () => {
    // Prepare
    const plaintext = new Uint8Array([1]);
    const shortKey = new Uint8Array(31);

    // Act
    const error = await catchRejection(() => encryptDocument(plaintext, shortKey));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe('key');
  });
});

describe('commitments', () => {
  test('priceCommitment is the SHA-256 of exactly tenderId|supplierId|priceFen|nonce', async () => {
    // Prepare
    const exact = `T-2025-0001|S-0042|345514050|${'ab'.repeat(32)}`;

    // Act
    const commitment = await priceCommitment({
      tenderId: TENDER_ID,
      supplierId: SUPPLIER_ID,
      priceFen: 345_514_050,
      nonce: NONCE,
    });

    // Assess
    expect(commitment).toBe(referenceSha256(exact));
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
  });

  test('keyCommitment is the SHA-256 of the raw 32 key bytes, not of their hex', async () => {
    // Prepare
    const key = keyFromHex(KEY_HEX);

    // Act
    const commitment = await keyCommitment(key);

    // Assess
    expect(commitment).toBe(referenceSha256(Buffer.from(KEY_HEX, 'hex')));
    expect(commitment).not.toBe(referenceSha256(KEY_HEX));
  });

  test('digestSha256Hex hashes strings as UTF-8 and bytes as they are', async () => {
    // Prepare
    const text = '公共资源交易';

    // Act
    const fromString = await digestSha256Hex(text);
    const fromBytes = await digestSha256Hex(new TextEncoder().encode(text));
    const empty = await digestSha256Hex('');

    // Assess
    expect(fromString).toBe(fromBytes);
    expect(fromString).toBe(referenceSha256(Buffer.from(text, 'utf8')));
    expect(empty).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('digestSha256Hex rejects what is neither bytes nor a string', async () => {
    // Prepare
    const notBytes = [1, 2, 3] as unknown as Uint8Array;

    // Act
    const error = await catchRejection(() => digestSha256Hex(notBytes));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe('data');
  });

  test.each([
    ['a negative price', { priceFen: -1 }, 'priceFen'],
    ['a fractional price', { priceFen: 1.5 }, 'priceFen'],
    ['an unsafe integer price', { priceFen: 2 ** 53 }, 'priceFen'],
    ['a short nonce', { nonce: 'ab'.repeat(31) }, 'nonce'],
    ['an upper-case nonce', { nonce: 'AB'.repeat(32) }, 'nonce'],
    ['an empty tender id', { tenderId: '' }, 'tenderId'],
    ['a supplier id containing |', { supplierId: 'S|1' }, 'supplierId'],
  ])('priceCommitment rejects %s', async (_label, override, path) => {
    // Prepare
    const input = { tenderId: TENDER_ID, supplierId: SUPPLIER_ID, priceFen: 100, nonce: NONCE, ...override };

    // Act
    const error = await catchRejection(() => priceCommitment(input));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe(path);
  });
});

/** An honest reveal of KEY_HEX with the commitments recorded for it (computed once, before the tests). */
const committed = {
  tenderId: TENDER_ID,
  supplierId: SUPPLIER_ID,
  priceFen: 98_760_000,
  nonce: NONCE,
  keyHex: KEY_HEX,
  priceCommitment: await priceCommitment({
    tenderId: TENDER_ID,
    supplierId: SUPPLIER_ID,
    priceFen: 98_760_000,
    nonce: NONCE,
  }),
  keyCommitment: await keyCommitment(keyFromHex(KEY_HEX)),
};

describe('verifyReveal', () => {
  test('accepts an honest reveal, whatever the case of the hex', async () => {
    // Prepare
    const reveal = {
      ...committed,
      keyHex: KEY_HEX.toUpperCase(),
      priceCommitment: committed.priceCommitment.toUpperCase(),
    };

    // Act
    const result = await verifyReveal(reveal);

    // Assess
    expect(result).toEqual({ priceMatches: true, keyMatches: true });
  });

  test.each([
    ['a different price', { priceFen: 98_760_001 }, { priceMatches: false, keyMatches: true }],
    ['a different nonce', { nonce: 'cd'.repeat(32) }, { priceMatches: false, keyMatches: true }],
    ['a different supplier', { supplierId: 'S-0043' }, { priceMatches: false, keyMatches: true }],
    ['a different key', { keyHex: 'ff'.repeat(32) }, { priceMatches: true, keyMatches: false }],
  ])('detects %s without throwing', async (_label, override, expected) => {
    // Prepare
    const reveal = { ...committed, ...override };

    // Act
    const result = await verifyReveal(reveal);

    // Assess
    expect(result).toEqual(expected);
  });

  test.each([
    ['a key of 31 bytes', { keyHex: 'ab'.repeat(31) }, 'keyHex'],
    ['a key with a non-hex digit', { keyHex: `${'ab'.repeat(31)}zz` }, 'keyHex'],
    ['a malformed price commitment', { priceCommitment: 'not-a-digest' }, 'priceCommitment'],
    ['a truncated key commitment', { keyCommitment: 'ab'.repeat(31) }, 'keyCommitment'],
    ['a malformed nonce', { nonce: 'xyz' }, 'nonce'],
  ])('throws a ValidationError for %s', async (_label, override, path) => {
    // Prepare
    const reveal = { ...committed, ...override };

    // Act
    const error = await catchRejection(() => verifyReveal(reveal));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe(path);
  });
});

describe('manifestDigest', () => {
  const manifest: BidManifest = {
    tenderId: TENDER_ID,
    bidId: 'B-01',
    supplierId: SUPPLIER_ID,
    priceCommitment: 'aa'.repeat(32),
    keyCommitment: 'bb'.repeat(32),
    documents: [
      { name: '商务标.pdf', sha256: '11'.repeat(32), size: 2048 },
      { name: 'technical.pdf', sha256: '22'.repeat(32), size: 512 },
      { name: 'technical.pdf', sha256: '03'.repeat(32), size: 4096 },
    ],
  };

  test('is the SHA-256 of the canonical JSON: sorted keys, documents by name then sha256', async () => {
    // Prepare
    const canonical =
      `{"bidId":"B-01","documents":[` +
      `{"name":"technical.pdf","sha256":"${'03'.repeat(32)}","size":4096},` +
      `{"name":"technical.pdf","sha256":"${'22'.repeat(32)}","size":512},` +
      `{"name":"商务标.pdf","sha256":"${'11'.repeat(32)}","size":2048}],` +
      `"keyCommitment":"${'bb'.repeat(32)}","priceCommitment":"${'aa'.repeat(32)}",` +
      `"supplierId":"S-0042","tenderId":"T-2025-0001"}`;

    // Act
    const digest = await manifestDigest(manifest);

    // Assess
    expect(digest).toBe(referenceSha256(canonical));
  });

  test('does not depend on key order or document order', async () => {
    // Prepare
    const [first, second, third] = manifest.documents;
    const reordered: BidManifest = {
      documents: [third!, first!, second!].map((document) => ({
        size: document.size,
        sha256: document.sha256,
        name: document.name,
      })),
      keyCommitment: manifest.keyCommitment,
      supplierId: manifest.supplierId,
      priceCommitment: manifest.priceCommitment,
      bidId: manifest.bidId,
      tenderId: manifest.tenderId,
    };

    // Act
    const original = await manifestDigest(manifest);
    const shuffled = await manifestDigest(reordered);

    // Assess
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(manifest));
    expect(shuffled).toBe(original);
  });

  test('changes when any listed fact changes', async () => {
    // Prepare
    const original = await manifestDigest(manifest);
    const variants: BidManifest[] = [
      { ...manifest, bidId: 'B-02' },
      { ...manifest, priceCommitment: 'ac'.repeat(32) },
      { ...manifest, documents: manifest.documents.slice(1) },
      {
        ...manifest,
        documents: manifest.documents.map((d, i) => (i === 0 ? { ...d, size: d.size + 1 } : d)),
      },
    ];

    // Act
    const digests = await Promise.all(variants.map((variant) => manifestDigest(variant)));

    // Assess
    for (const digest of digests) expect(digest).not.toBe(original);
    expect(new Set(digests).size).toBe(variants.length);
  });

  test('rejects a document whose sha256 is not a digest', async () => {
    // Prepare
    const broken: BidManifest = {
      ...manifest,
      documents: [{ name: 'a.pdf', sha256: 'abc', size: 1 }],
    };

    // Act
    const error = await catchRejection(() => manifestDigest(broken));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe('documents.0.sha256');
  });
});

describe('sealBid', () => {
  test('seals every document, commits to price and key, and the receipt manifest can be built', async () => {
    // Prepare
    const plain = [
      { name: '商务标.pdf', bytes: new TextEncoder().encode('报价：98.76万元') },
      { name: 'technical.pdf', bytes: new Uint8Array(1000).fill(7) },
    ];

    // Act
    const bid = await sealBid({
      tenderId: TENDER_ID,
      supplierId: SUPPLIER_ID,
      priceFen: 98_760_000,
      documents: plain,
    });

    // Assess
    expect(bid.key.byteLength).toBe(32);
    expect(bid.keyHex).toBe(keyToHex(bid.key));
    expect(bid.keyCommitment).toBe(referenceSha256(bid.key));
    expect(bid.priceCommitment).toBe(referenceSha256(`${TENDER_ID}|${SUPPLIER_ID}|98760000|${bid.nonce}`));
    expect(bid.documents.map((document) => document.name)).toEqual(plain.map((document) => document.name));
    for (const [index, document] of bid.documents.entries()) {
      expect(document.sha256).toBe(referenceSha256(document.sealed));
      expect(document.size).toBe(document.sealed.byteLength);
      expect(await decryptDocument(document.sealed, bid.key)).toEqual(plain[index]?.bytes);
    }
    expect(
      await verifyReveal({
        tenderId: TENDER_ID,
        supplierId: SUPPLIER_ID,
        priceFen: 98_760_000,
        nonce: bid.nonce,
        keyHex: bid.keyHex,
        priceCommitment: bid.priceCommitment,
        keyCommitment: bid.keyCommitment,
      }),
    ).toEqual({ priceMatches: true, keyMatches: true });
    expect(
      await manifestDigest({
        tenderId: TENDER_ID,
        bidId: 'B-01',
        supplierId: SUPPLIER_ID,
        priceCommitment: bid.priceCommitment,
        keyCommitment: bid.keyCommitment,
        documents: bid.documents.map(({ name, sha256, size }) => ({ name, sha256, size })),
      }),
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  test('uses a fresh key and nonce for every bid', async () => {
    // Prepare
    const input = { tenderId: TENDER_ID, supplierId: SUPPLIER_ID, priceFen: 1, documents: [] };

    // Act
    const first = await sealBid(input);
    const second = await sealBid(input);

    // Assess
    expect(first.keyHex).not.toBe(second.keyHex);
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.priceCommitment).not.toBe(second.priceCommitment);
  });

  test('rejects a bad price before sealing anything', async () => {
    // Prepare
    const input = {
      tenderId: TENDER_ID,
      supplierId: SUPPLIER_ID,
      priceFen: -5,
      documents: [{ name: 'a.pdf', bytes: new Uint8Array([1]) }],
    };

    // Act
    const error = await catchRejection(() => sealBid(input));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe('priceFen');
  });
});
