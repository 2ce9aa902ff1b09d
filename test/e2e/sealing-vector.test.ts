import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  decryptDocument,
  digestSha256Hex,
  keyCommitment,
  keyFromHex,
  manifestDigest,
  priceCommitment,
} from '../../shared/domain/sealing';
import { type ApiClient, startTestApi } from '../helpers/api';
import { launchBrowser, newPortalContext, type TestBrowser } from '../helpers/browser';
import { readSealingVector } from '../helpers/sealing-vector';

/** The published test vector (README, "The sealing protocol"), shared by the Node and browser tests. */
const vector = readSealingVector();

/** What a run of the sealing module computes from the vector's inputs. */
interface VectorResults {
  sealedByWebCryptoHex: string;
  openedUtf8: string;
  sealedSha256: string;
  priceCommitment: string;
  keyCommitment: string;
  manifestDigest: string;
  roundTripUtf8: string;
}

/** The sealing module's own source, bundled for the browser as the web client bundles it. */
async function bundleSealingForBrowser(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('../../shared/domain/sealing.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'GGZSealing',
    write: false,
    target: 'es2022',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Computes every vector value with the module in Node, exactly as the browser half does. */
async function computeInNode(): Promise<Omit<VectorResults, 'sealedByWebCryptoHex'>> {
  const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
  const key = keyFromHex(vector.keyHex);
  const sealed = hexToBytes(vector.sealedHex);
  const opened = await decryptDocument(sealed, key);
  return {
    openedUtf8: new TextDecoder().decode(opened),
    sealedSha256: await digestSha256Hex(sealed),
    priceCommitment: await priceCommitment(vector),
    keyCommitment: await keyCommitment(key),
    manifestDigest: await manifestDigest({
      tenderId: vector.tenderId,
      bidId: vector.bidId,
      supplierId: vector.supplierId,
      priceCommitment: vector.priceCommitment,
      keyCommitment: vector.keyCommitment,
      documents: [{ name: vector.documentName, sha256: vector.sealedSha256, size: vector.sealedSize }],
    }),
    roundTripUtf8: vector.plaintextUtf8,
  };
}

describe('one sealing module for Node and the browser (the test vector in both)', () => {
  let api: ApiClient;
  let chromium: TestBrowser;

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('Chromium and Node give the vector’s bytes and commitments from the same inputs', async () => {
    // Prepare: the module bundled for the browser, loaded in a page of the portal's origin
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    await page.goto('/');
    await page.addScriptTag({ content: await bundleSealingForBrowser() });
    // Act
    const inBrowser = (await page.evaluate(async (v) => {
      type Sealing = {
        keyFromHex(hex: string): Uint8Array;
        decryptDocument(sealed: Uint8Array, key: Uint8Array): Promise<Uint8Array>;
        encryptDocument(plain: Uint8Array, key: Uint8Array): Promise<Uint8Array>;
        digestSha256Hex(data: Uint8Array | string): Promise<string>;
        priceCommitment(input: unknown): Promise<string>;
        keyCommitment(key: Uint8Array): Promise<string>;
        manifestDigest(manifest: unknown): Promise<string>;
      };
      const g = globalThis as unknown as {
        GGZSealing: Sealing;
        crypto: {
          subtle: {
            importKey(...a: unknown[]): Promise<unknown>;
            encrypt(...a: unknown[]): Promise<ArrayBuffer>;
          };
        };
      };
      const s = g.GGZSealing;
      const hexToBytes = (hex: string) =>
        Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
      const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      const key = s.keyFromHex(v.keyHex);
      const magic = new TextEncoder().encode('GGZ1');
      const iv = hexToBytes(v.ivHex);
      // The browser's own AES-GCM with the vector's fixed IV: the GGZ1 layout byte for byte.
      const cryptoKey = await g.crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
      const body = new Uint8Array(
        await g.crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: magic, tagLength: 128 },
          cryptoKey,
          new TextEncoder().encode(v.plaintextUtf8),
        ),
      );
      const sealed = hexToBytes(v.sealedHex);
      const fresh = await s.encryptDocument(new TextEncoder().encode(v.plaintextUtf8), key);
      return {
        sealedByWebCryptoHex: toHex(magic) + toHex(iv) + toHex(body),
        openedUtf8: new TextDecoder().decode(await s.decryptDocument(sealed, key)),
        sealedSha256: await s.digestSha256Hex(sealed),
        priceCommitment: await s.priceCommitment(v),
        keyCommitment: await s.keyCommitment(key),
        manifestDigest: await s.manifestDigest({
          tenderId: v.tenderId,
          bidId: v.bidId,
          supplierId: v.supplierId,
          priceCommitment: v.priceCommitment,
          keyCommitment: v.keyCommitment,
          documents: [{ name: v.documentName, sha256: v.sealedSha256, size: v.sealedSize }],
        }),
        roundTripUtf8: new TextDecoder().decode(await s.decryptDocument(fresh, key)),
      };
    }, vector)) as VectorResults;
    const inNode = await computeInNode();
    // Assess: the vector's values, in the browser and in Node alike
    expect(inBrowser.sealedByWebCryptoHex).toBe(vector.sealedHex);
    const expected = {
      openedUtf8: vector.plaintextUtf8,
      sealedSha256: vector.sealedSha256,
      priceCommitment: vector.priceCommitment,
      keyCommitment: vector.keyCommitment,
      manifestDigest: vector.manifestDigest,
      roundTripUtf8: vector.plaintextUtf8,
    };
    const { sealedByWebCryptoHex: _raw, ...browserValues } = inBrowser;
    expect(browserValues).toEqual(expected);
    expect(inNode).toEqual(expected);
    await context.close();
  });
});
