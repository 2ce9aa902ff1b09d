/**
 * The sealed-bid protocol (DESIGN.md §4): bid keys, document encryption, commitments, reveal checks and
 * the manifest digest a bid receipt quotes.
 *
 * A bid's price and documents must stay unreadable to everyone, operators included, until the opening,
 * so the bidder seals them and the server only ever sees ciphertexts and commitments. The server, the
 * tests, the seed and the web client all use this one module, so the byte formats and hash inputs
 * cannot drift apart. It runs unchanged in the browser and in Node 20: it uses only WebCrypto
 * (`globalThis.crypto.subtle` and `getRandomValues`) and pure modules, never `node:crypto` or Node's byte
 * buffers, which is why everything that hashes or encrypts is asynchronous.
 */

import { canonicalJson } from './canonical-json';
import { failAt as fail } from './checks';
import { ValidationError } from './errors';

/** Length in bytes of a bid key (AES-256). */
const KEY_BYTES = 32;

/** Length in bytes of a nonce before hex encoding. */
const NONCE_BYTES = 32;

/** Length in bytes of the AES-GCM initialisation vector. */
const IV_BYTES = 12;

/** Length in bytes of the AES-GCM authentication tag. */
const TAG_BYTES = 16;

/** The magic that opens every sealed document: ASCII `GGZ1` (format version 1). */
const MAGIC = new Uint8Array([0x47, 0x47, 0x5a, 0x31]);

/** Bytes before the ciphertext: magic, then IV. */
const HEADER_BYTES = MAGIC.length + IV_BYTES;

/** Exactly 64 hex digits, either case (a key or a SHA-256 digest). */
const HEX_64 = /^[0-9a-fA-F]{64}$/;

/** Exactly 64 lower-case hex digits (a nonce, which is hashed as text). */
const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/** The hex digits, by value. */
const HEX_DIGITS = '0123456789abcdef';

/**
 * Copies bytes into a fresh Uint8Array over its own ArrayBuffer.
 *
 * WebCrypto's `BufferSource` (TypeScript's DOM typing) refuses views that may sit on a
 * SharedArrayBuffer, and a caller's view (a slice of Node's shared pool, a subarray) must not be aliased.
 */
function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Returns `length` cryptographically random bytes. */
function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** Encodes bytes as lower-case hex. */
function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  return hex;
}

/** Decodes hex already checked to be an even number of hex digits (either case). */
function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Returns the raw SHA-256 of bytes. */
async function digestBytes(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', copyBytes(bytes)));
}

/** Imports a checked 32-byte bid key as a non-extractable AES-GCM key for one use. */
function importAesKey(key: Uint8Array, usage: 'encrypt' | 'decrypt') {
  return globalThis.crypto.subtle.importKey('raw', copyBytes(key), { name: 'AES-GCM' }, false, [usage]);
}

/** Throws unless `value` is a Uint8Array. */
function assertBytes(value: unknown, path: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    fail(path, '必须是字节数组（Uint8Array）', 'must be a Uint8Array');
  }
}

/** Throws unless `key` is a 32-byte Uint8Array. */
function assertKey(key: unknown, path: string): asserts key is Uint8Array {
  assertBytes(key, path);
  if (key.byteLength !== KEY_BYTES) {
    fail(
      path,
      `投标密钥必须是 ${KEY_BYTES} 字节，实际为 ${key.byteLength} 字节`,
      `a bid key must be ${KEY_BYTES} bytes, got ${key.byteLength}`,
    );
  }
}

/** Throws unless `value` is a non-empty string without the `|` separator of the price commitment. */
function assertId(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    fail(path, '必须是非空字符串', 'must be a non-empty string');
  }
  if (value.includes('|')) {
    fail(path, '不能包含“|”字符', "must not contain the '|' character");
  }
}

/** Throws unless `value` is a non-negative safe integer number of fen. */
function assertPriceFen(value: unknown, path: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(path, '报价必须是以分为单位的非负安全整数', 'the price must be a non-negative safe integer of fen');
  }
}

/** Throws unless `value` is a nonce: 64 lower-case hex digits. */
function assertNonce(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string' || !LOWER_HEX_64.test(value)) {
    fail(path, '随机数必须是 64 位小写十六进制字符', 'the nonce must be 64 lower-case hex digits');
  }
}

/** Decodes a 64-hex-digit string (a SHA-256 digest) to its 32 bytes, or throws. */
function decodeDigest(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !HEX_64.test(value)) {
    fail(path, '必须是 64 位十六进制的 SHA-256 摘要', 'must be a SHA-256 digest of 64 hex digits');
  }
  return hexToBytes(value);
}

/** Returns the text {@link priceCommitment} hashes, after checking every part. */
function formatPriceCommitmentInput(input: PriceCommitmentInput): string {
  assertId(input.tenderId, 'tenderId');
  assertId(input.supplierId, 'supplierId');
  assertPriceFen(input.priceFen, 'priceFen');
  assertNonce(input.nonce, 'nonce');
  return `${input.tenderId}|${input.supplierId}|${input.priceFen}|${input.nonce}`;
}

/**
 * Compares two byte strings in time that depends only on their length, not on where they differ.
 *
 * The lengths are public (digests, the magic), so only the contents need the constant-time loop.
 */
function areBytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let i = 0; i < a.byteLength; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * Makes a fresh random 256-bit bid key K.
 *
 * Each bid gets its own key so revealing one bid's key at the opening exposes nothing else.
 */
export function generateBidKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(KEY_BYTES);
}

/**
 * Makes a fresh random nonce: 32 bytes as 64 lower-case hex digits.
 *
 * Prices are few and guessable, so without a secret nonce anyone could brute-force the price commitment.
 */
export function generateNonce(): string {
  return bytesToHex(randomBytes(NONCE_BYTES));
}

/**
 * Returns the 64 lower-case hex digits of a 32-byte bid key.
 *
 * The key travels as hex in the reveal request and in JSON, so there is one spelling of it.
 */
export function keyToHex(key: Uint8Array): string {
  assertKey(key, 'key');
  return bytesToHex(key);
}

/**
 * Parses a bid key from 64 hex digits (either case), or throws a bilingual {@link ValidationError}.
 *
 * A revealed key comes from a request; checking its shape here gives a clear 400 instead of a crypto
 * error deep inside decryption.
 */
export function keyFromHex(hex: string, path = 'keyHex'): Uint8Array<ArrayBuffer> {
  if (typeof hex !== 'string' || !HEX_64.test(hex)) {
    fail(path, '投标密钥必须是 64 位十六进制字符', 'a bid key must be 64 hex digits');
  }
  return hexToBytes(hex);
}

/**
 * Returns the SHA-256 of bytes, or of a string's UTF-8, as 64 lower-case hex digits.
 *
 * The browser re-hashes what it seals, uploads and downloads with the same function the server's
 * manifest checks rely on, so a digest means the same thing on both sides.
 */
export async function digestSha256Hex(data: Uint8Array | string): Promise<string> {
  if (typeof data !== 'string') assertBytes(data, 'data');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return bytesToHex(await digestBytes(bytes));
}

/**
 * Encrypts one bid document with AES-256-GCM under the bid key, with a fresh random IV.
 *
 * Sealed format (version 1), all lengths in bytes:
 *
 * | offset     | length | content                                        |
 * | ---------- | ------ | ---------------------------------------------- |
 * | 0          | 4      | magic, ASCII `GGZ1`                            |
 * | 4          | 12     | IV (random per document)                       |
 * | 16         | n      | ciphertext (same length n as the plaintext)    |
 * | 16 + n     | 16     | GCM authentication tag                         |
 *
 * The magic is also fed to GCM as additional authenticated data, so the header cannot be altered
 * without the tag failing; the whole is 32 bytes longer than the plaintext. The layout after the magic
 * (IV, then ciphertext with the tag appended) is exactly what WebCrypto's AES-GCM produces, so the
 * browser and the server seal and open documents with the same calls.
 */
export async function encryptDocument(
  plaintext: Uint8Array,
  key: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  assertBytes(plaintext, 'plaintext');
  assertKey(key, 'key');
  const iv = randomBytes(IV_BYTES);
  const aesKey = await importAesKey(key, 'encrypt');
  const body = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: copyBytes(MAGIC), tagLength: TAG_BYTES * 8 },
    aesKey,
    copyBytes(plaintext),
  );
  const sealed = new Uint8Array(HEADER_BYTES + body.byteLength);
  sealed.set(MAGIC, 0);
  sealed.set(iv, MAGIC.length);
  sealed.set(new Uint8Array(body), HEADER_BYTES);
  return sealed;
}

/**
 * Decrypts a document sealed by {@link encryptDocument}, or throws a bilingual {@link ValidationError}.
 *
 * GCM cannot tell a wrong key from altered bytes, so both are reported as one error; a missing or
 * unknown header is reported separately because it means the bytes are not a sealed document at all.
 */
export async function decryptDocument(sealed: Uint8Array, key: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  assertBytes(sealed, 'sealed');
  assertKey(key, 'key');
  if (sealed.byteLength < HEADER_BYTES + TAG_BYTES) {
    fail(
      'sealed',
      `不是密封文件：长度 ${sealed.byteLength} 字节，少于最小的 ${HEADER_BYTES + TAG_BYTES} 字节`,
      `not a sealed document: ${sealed.byteLength} bytes, fewer than the minimum ${HEADER_BYTES + TAG_BYTES}`,
    );
  }
  if (!areBytesEqual(sealed.subarray(0, MAGIC.length), MAGIC)) {
    fail('sealed', '不是密封文件：文件头不是 GGZ1', "not a sealed document: the header is not 'GGZ1'");
  }
  const iv = copyBytes(sealed.subarray(MAGIC.length, HEADER_BYTES));
  const bodyAndTag = copyBytes(sealed.subarray(HEADER_BYTES));
  const aesKey = await importAesKey(key, 'decrypt');
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: copyBytes(MAGIC), tagLength: TAG_BYTES * 8 },
      aesKey,
      bodyAndTag,
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    const message = {
      zh: 'sealed：无法解密：密钥错误，或密文已被篡改',
      en: 'sealed: cannot decrypt: the key is wrong or the sealed bytes were altered',
    };
    throw new ValidationError(message, [{ path: 'sealed', message }], { cause: error });
  }
}

/** Input of {@link priceCommitment}. */
export interface PriceCommitmentInput {
  /** The tender bid on; must not contain `|`. */
  tenderId: string;
  /** The bidding supplier; must not contain `|`. */
  supplierId: string;
  /** The bid price in 分, a non-negative safe integer. */
  priceFen: number;
  /** The bid's nonce, 64 lower-case hex digits (see {@link generateNonce}). */
  nonce: string;
}

/**
 * Returns `SHA-256(tenderId|supplierId|priceFen|nonce)` as hex, exactly the formula of DESIGN.md §4.
 *
 * The bidder commits to the price before the deadline and proves it at the opening; `|` is refused in
 * the ids and the nonce must be lower-case so that one commitment string has only one reading.
 */
export async function priceCommitment(input: PriceCommitmentInput): Promise<string> {
  return digestSha256Hex(formatPriceCommitmentInput(input));
}

/** Input of {@link reserveCommitment}: the transferor's sealed reserve price (底价). */
export interface ReserveCommitmentInput {
  /** The transfer; must not contain `|`. */
  tenderId: string;
  /** The reserve price in 分, a non-negative safe integer. */
  reservePriceFen: number;
  /** A fresh nonce, 64 lower-case hex digits (see {@link generateNonce}), kept by the transferor. */
  nonce: string;
}

/**
 * Returns `SHA-256(reserve|tenderId|reservePriceFen|nonce)` as hex: the commitment a transferor
 * publishes with the transfer notice and opens after bidding ends (DESIGN.md section 9).
 *
 * Why a prefix: a reserve commitment can never be read as a bid's price commitment (whose first field
 * is a tender id, never the word `reserve`).
 */
export async function reserveCommitment(input: ReserveCommitmentInput): Promise<string> {
  assertId(input.tenderId, 'tenderId');
  assertPriceFen(input.reservePriceFen, 'reservePriceFen');
  assertNonce(input.nonce, 'nonce');
  return digestSha256Hex(`reserve|${input.tenderId}|${input.reservePriceFen}|${input.nonce}`);
}

/**
 * Returns the SHA-256 of the raw 32 key bytes as hex.
 *
 * The server stores this before the opening, so a revealed key can be checked without the server
 * ever holding the key early.
 */
export async function keyCommitment(key: Uint8Array): Promise<string> {
  assertKey(key, 'key');
  return digestSha256Hex(key);
}

/** Input of {@link verifyReveal}: what the bidder reveals and what they committed to. */
export interface RevealInput extends PriceCommitmentInput {
  /** The revealed bid key, 64 hex digits. */
  keyHex: string;
  /** The price commitment recorded with the bid. */
  priceCommitment: string;
  /** The key commitment recorded with the bid. */
  keyCommitment: string;
}

/** Outcome of {@link verifyReveal}. */
export interface RevealCheck {
  /** The revealed price and nonce reproduce the price commitment. */
  priceMatches: boolean;
  /** The revealed key reproduces the key commitment. */
  keyMatches: boolean;
}

/**
 * Checks a reveal against the recorded commitments in constant time; a mismatch is a result, not an error.
 *
 * A mismatched reveal makes the bid invalid with a recorded reason, so the caller needs both answers;
 * only malformed input (bad hex, a wrong key length, a bad price or nonce) throws a ValidationError.
 */
export async function verifyReveal(input: RevealInput): Promise<RevealCheck> {
  const expectedPrice = decodeDigest(input.priceCommitment, 'priceCommitment');
  const expectedKey = decodeDigest(input.keyCommitment, 'keyCommitment');
  const key = keyFromHex(input.keyHex, 'keyHex');
  const actualPrice = await digestBytes(new TextEncoder().encode(formatPriceCommitmentInput(input)));
  const actualKey = await digestBytes(key);
  return {
    priceMatches: areBytesEqual(actualPrice, expectedPrice),
    keyMatches: areBytesEqual(actualKey, expectedKey),
  };
}

/** One document as listed in a bid manifest. */
export interface ManifestDocument {
  /** The document's file name. */
  name: string;
  /** SHA-256 hex of the sealed bytes. */
  sha256: string;
  /** Size of the sealed bytes. */
  size: number;
}

/** What a bid consists of, as the receipt vouches for it. */
export interface BidManifest {
  /** The tender bid on. */
  tenderId: string;
  /** The bid. */
  bidId: string;
  /** The bidding supplier. */
  supplierId: string;
  /** The price commitment. */
  priceCommitment: string;
  /** The key commitment. */
  keyCommitment: string;
  /** The sealed documents. */
  documents: ManifestDocument[];
}

/** Compares strings by UTF-16 code units, which unlike `localeCompare` is the same on every machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Returns the SHA-256 hex of the manifest's canonical JSON; the digest a bid receipt quotes.
 *
 * The same manifest must give the same digest whoever computes it, so the canonical form sorts keys at
 * every depth, sorts documents by name, then sha256, then size (by code units, not locale), lower-cases
 * the hex fields and keeps only the documented fields, so a stray extra property cannot change a receipt.
 */
export async function manifestDigest(manifest: BidManifest): Promise<string> {
  for (const field of ['tenderId', 'bidId', 'supplierId'] as const) {
    if (typeof manifest[field] !== 'string' || manifest[field].length === 0) {
      fail(field, '必须是非空字符串', 'must be a non-empty string');
    }
  }
  decodeDigest(manifest.priceCommitment, 'priceCommitment');
  decodeDigest(manifest.keyCommitment, 'keyCommitment');
  if (!Array.isArray(manifest.documents)) {
    fail('documents', '必须是数组', 'must be an array');
  }
  const documents = manifest.documents.map((document, index): ManifestDocument => {
    const path = `documents.${index}`;
    if (typeof document?.name !== 'string' || document.name.length === 0) {
      fail(`${path}.name`, '必须是非空字符串', 'must be a non-empty string');
    }
    decodeDigest(document.sha256, `${path}.sha256`);
    if (!Number.isSafeInteger(document.size) || document.size < 0) {
      fail(`${path}.size`, '必须是非负整数', 'must be a non-negative integer');
    }
    return { name: document.name, sha256: document.sha256.toLowerCase(), size: document.size };
  });
  documents.sort(
    (a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.sha256, b.sha256) || a.size - b.size,
  );
  const canonical = {
    tenderId: manifest.tenderId,
    bidId: manifest.bidId,
    supplierId: manifest.supplierId,
    priceCommitment: manifest.priceCommitment.toLowerCase(),
    keyCommitment: manifest.keyCommitment.toLowerCase(),
    documents: documents.map((document) => ({ ...document })),
  };
  return digestSha256Hex(canonicalJson(canonical));
}

/** One plaintext document handed to {@link sealBid}. */
export interface PlainDocument {
  /** The document's file name. */
  name: string;
  /** The plaintext bytes. */
  bytes: Uint8Array;
}

/** Input of {@link sealBid}. */
export interface SealBidInput {
  /** The tender bid on. */
  tenderId: string;
  /** The bidding supplier. */
  supplierId: string;
  /** The bid price in 分. */
  priceFen: number;
  /** The documents to seal. */
  documents: PlainDocument[];
}

/** One sealed document: what is uploaded and what the manifest lists. */
export interface SealedDocument {
  /** The document's file name. */
  name: string;
  /** The sealed bytes (see {@link encryptDocument}); over their own ArrayBuffer, ready for a Blob. */
  sealed: Uint8Array<ArrayBuffer>;
  /** SHA-256 hex of the sealed bytes. */
  sha256: string;
  /** Size of the sealed bytes. */
  size: number;
}

/** Everything the client keeps and sends after sealing a bid. */
export interface SealedBid {
  /** The bid key; kept secret by the bidder until the opening. */
  key: Uint8Array<ArrayBuffer>;
  /** The bid key as hex, as revealed. */
  keyHex: string;
  /** The nonce; kept secret by the bidder until the opening. */
  nonce: string;
  /** The price commitment, submitted with the bid. */
  priceCommitment: string;
  /** The key commitment, submitted with the bid. */
  keyCommitment: string;
  /** The sealed documents, in input order. */
  documents: SealedDocument[];
}

/**
 * Seals a whole bid in one call: fresh key and nonce, both commitments, every document encrypted.
 *
 * This is the complete client side of DESIGN.md §4 step 1, so no client has to assemble the protocol
 * itself; the sha256 and size returned are of the ciphertext, as the upload and the manifest need.
 */
export async function sealBid(input: SealBidInput): Promise<SealedBid> {
  const nonce = generateNonce();
  const commitment = await priceCommitment({
    tenderId: input.tenderId,
    supplierId: input.supplierId,
    priceFen: input.priceFen,
    nonce,
  });
  if (!Array.isArray(input.documents)) {
    fail('documents', '必须是数组', 'must be an array');
  }
  input.documents.forEach((document, index) => {
    const path = `documents.${index}`;
    if (typeof document?.name !== 'string' || document.name.length === 0) {
      fail(`${path}.name`, '必须是非空字符串', 'must be a non-empty string');
    }
    assertBytes(document.bytes, `${path}.bytes`);
  });
  const key = generateBidKey();
  const documents: SealedDocument[] = [];
  for (const document of input.documents) {
    const sealed = await encryptDocument(document.bytes, key);
    documents.push({
      name: document.name,
      sealed,
      sha256: await digestSha256Hex(sealed),
      size: sealed.byteLength,
    });
  }
  return {
    key,
    keyHex: keyToHex(key),
    nonce,
    priceCommitment: commitment,
    keyCommitment: await keyCommitment(key),
    documents,
  };
}
