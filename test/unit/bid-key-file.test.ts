import { describe, expect, it } from 'vitest';
import { keyCommitment, keyFromHex, sealBid } from '../../shared/domain/sealing';
import { BID_KEY_FILE_FORMAT, BidKeyFileSchema } from '../../shared/schemas/bid-key-file';

const TENDER = '01JABCDEFGHJKMNPQRSTVWXYZ0';

/** A key file as the bid page writes it, from a real sealing. */
async function keyFileOf(priceFen: number) {
  const sealed = await sealBid({
    tenderId: TENDER,
    supplierId: 'org-supplier-1',
    priceFen,
    documents: [{ name: '投标文件.pdf', bytes: new TextEncoder().encode('投标文件正文') }],
  });
  return {
    format: BID_KEY_FILE_FORMAT,
    tenderId: TENDER,
    supplierId: 'org-supplier-1',
    bidId: null,
    priceFen,
    keyHex: sealed.keyHex,
    nonce: sealed.nonce,
    priceCommitment: sealed.priceCommitment,
    keyCommitment: sealed.keyCommitment,
    documents: sealed.documents.map((d) => ({ name: d.name, sha256: d.sha256, size: d.size })),
    createdAt: '2026-12-02T01:00:00.000Z',
  };
}

describe('the bid key file (投标密钥文件)', () => {
  it('accepts what the bid page writes, round-trips through JSON, and its key matches its commitment', async () => {
    // Prepare
    const file = await keyFileOf(318_000_050);
    // Act
    const parsed = BidKeyFileSchema.parse(JSON.parse(JSON.stringify(file)));
    // Assess
    expect(parsed).toEqual(file);
    expect(await keyCommitment(keyFromHex(parsed.keyHex))).toBe(parsed.keyCommitment);
  });

  it('refuses another format, upper-case hex, a zero price, extra fields and a file without documents', async () => {
    // Prepare
    const file = await keyFileOf(100);
    const variants = [
      { ...file, format: 'ggzy-bid-key/2' },
      { ...file, keyHex: file.keyHex.toUpperCase() },
      { ...file, priceFen: 0 },
      { ...file, priceFen: 1.5 },
      { ...file, password: 'x' },
      { ...file, documents: [] },
      { ...file, tenderId: 'not-a-ulid' },
    ];
    // Act
    const results = variants.map((v) => BidKeyFileSchema.safeParse(v).success);
    // Assess
    expect(results).toEqual(variants.map(() => false));
  });
});
