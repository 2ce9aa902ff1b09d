import { readFileSync } from 'node:fs';

/** The published test vector of the sealing protocol (README, "The sealing protocol"). */
export interface SealingVector {
  tenderId: string;
  bidId: string;
  supplierId: string;
  priceFen: number;
  nonce: string;
  keyHex: string;
  ivHex: string;
  plaintextUtf8: string;
  documentName: string;
  sealedHex: string;
  sealedSha256: string;
  sealedSize: number;
  priceCommitmentInput: string;
  priceCommitment: string;
  keyCommitment: string;
  manifestCanonicalJson: string;
  manifestDigest: string;
}

/** Reads `test/fixtures/sealing-vector.json`, the one vector the Node and the browser tests share. */
export function readSealingVector(): SealingVector {
  return JSON.parse(
    readFileSync(new URL('../fixtures/sealing-vector.json', import.meta.url), 'utf8'),
  ) as SealingVector;
}
