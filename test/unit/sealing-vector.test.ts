import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  decryptDocument,
  digestSha256Hex,
  encryptDocument,
  keyCommitment,
  keyFromHex,
  manifestDigest,
  priceCommitment,
  verifyReveal,
} from '../../shared/domain/sealing';
import { readSealingVector } from '../helpers/sealing-vector';

const vector = readSealingVector();
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** SHA-256 hex computed with node:crypto alone, independently of the module under test. */
const referenceSha256 = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

describe('the sealing test vector, written from the README alone', () => {
  test('AES-256-GCM with GGZ1 as additional data and the fixed IV gives exactly the sealed bytes', () => {
    // Prepare: the protocol as the README states it, with node:crypto only
    const key = Buffer.from(vector.keyHex, 'hex');
    const iv = Buffer.from(vector.ivHex, 'hex');
    const magic = Buffer.from('GGZ1', 'ascii');
    // Act
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(magic);
    const body = Buffer.concat([cipher.update(Buffer.from(vector.plaintextUtf8, 'utf8')), cipher.final()]);
    const sealed = Buffer.concat([magic, iv, body, cipher.getAuthTag()]);
    // Assess
    expect(sealed.toString('hex')).toBe(vector.sealedHex);
    expect(sealed.byteLength).toBe(vector.sealedSize);
    expect(referenceSha256(sealed)).toBe(vector.sealedSha256);
  });

  test('the commitments and the manifest digest follow the README formulas', () => {
    expect(vector.priceCommitmentInput).toBe(
      `${vector.tenderId}|${vector.supplierId}|${vector.priceFen}|${vector.nonce}`,
    );
    expect(referenceSha256(vector.priceCommitmentInput)).toBe(vector.priceCommitment);
    expect(referenceSha256(Buffer.from(vector.keyHex, 'hex'))).toBe(vector.keyCommitment);
    // The key commitment is over the 32 raw bytes, not over the hex text
    expect(referenceSha256(vector.keyHex)).not.toBe(vector.keyCommitment);
    const manifest = JSON.parse(vector.manifestCanonicalJson) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual([...Object.keys(manifest)].sort());
    expect(manifest).toEqual({
      bidId: vector.bidId,
      documents: [{ name: vector.documentName, sha256: vector.sealedSha256, size: vector.sealedSize }],
      keyCommitment: vector.keyCommitment,
      priceCommitment: vector.priceCommitment,
      supplierId: vector.supplierId,
      tenderId: vector.tenderId,
    });
    expect(referenceSha256(vector.manifestCanonicalJson)).toBe(vector.manifestDigest);
  });
});

describe('the sealing module agrees with the test vector', () => {
  test('decrypts the sealed bytes and reproduces every hash', async () => {
    // Prepare
    const key = keyFromHex(vector.keyHex);
    const sealed = new Uint8Array(Buffer.from(vector.sealedHex, 'hex'));
    // Act
    const plaintext = await decryptDocument(sealed, key);
    const digest = await manifestDigest({
      tenderId: vector.tenderId,
      bidId: vector.bidId,
      supplierId: vector.supplierId,
      priceCommitment: vector.priceCommitment,
      keyCommitment: vector.keyCommitment,
      documents: [{ name: vector.documentName, sha256: vector.sealedSha256, size: vector.sealedSize }],
    });
    // Assess
    expect(Buffer.from(plaintext).toString('utf8')).toBe(vector.plaintextUtf8);
    expect(await digestSha256Hex(sealed)).toBe(vector.sealedSha256);
    expect(await keyCommitment(key)).toBe(vector.keyCommitment);
    expect(
      await priceCommitment({
        tenderId: vector.tenderId,
        supplierId: vector.supplierId,
        priceFen: vector.priceFen,
        nonce: vector.nonce,
      }),
    ).toBe(vector.priceCommitment);
    expect(digest).toBe(vector.manifestDigest);
  });

  test('accepts the vector reveal and refuses an upper-case nonce', async () => {
    const reveal = {
      tenderId: vector.tenderId,
      supplierId: vector.supplierId,
      priceFen: vector.priceFen,
      nonce: vector.nonce,
      keyHex: vector.keyHex,
      priceCommitment: vector.priceCommitment,
      keyCommitment: vector.keyCommitment,
    };
    expect(await verifyReveal(reveal)).toEqual({ priceMatches: true, keyMatches: true });
    await expect(verifyReveal({ ...reveal, nonce: vector.nonce.toUpperCase() })).rejects.toThrow();
  });

  test('what the module seals, node:crypto opens by the README recipe alone', async () => {
    // Prepare
    const key = keyFromHex(vector.keyHex);
    const plaintext = new TextEncoder().encode(vector.plaintextUtf8);
    // Act
    const sealed = Buffer.from(await encryptDocument(plaintext, key));
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(vector.keyHex, 'hex'),
      sealed.subarray(4, 16),
      {
        authTagLength: 16,
      },
    );
    decipher.setAAD(Buffer.from('GGZ1', 'ascii'));
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - 16));
    const opened = Buffer.concat([
      decipher.update(sealed.subarray(16, sealed.byteLength - 16)),
      decipher.final(),
    ]);
    // Assess
    expect(sealed.subarray(0, 4).toString('ascii')).toBe('GGZ1');
    expect(sealed.byteLength).toBe(vector.sealedSize);
    expect(opened.toString('utf8')).toBe(vector.plaintextUtf8);
  });

  test('a client that leaves out the GGZ1 additional data cannot open the vector', () => {
    const sealed = Buffer.from(vector.sealedHex, 'hex');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(vector.keyHex, 'hex'),
      sealed.subarray(4, 16),
      {
        authTagLength: 16,
      },
    );
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - 16));
    decipher.update(sealed.subarray(16, sealed.byteLength - 16));
    expect(() => decipher.final()).toThrow();
  });
});

describe('the README publishes the same vector', () => {
  test.each([
    'keyHex',
    'ivHex',
    'nonce',
    'sealedHex',
    'sealedSha256',
    'priceCommitment',
    'keyCommitment',
    'manifestDigest',
  ] as const)('README quotes %s', (field) => {
    expect(readme).toContain(vector[field]);
  });
});
