/**
 * The items of 87号令第三十七条 and the kinds of collusion sign the platform computes, each tied to the
 * item it is evidence of.
 *
 * Why apart from `collusion.ts`: these are plain data the web client shows too (through the schemas),
 * and that module hashes with `node:crypto`, which no browser bundle may pull in.
 */

import type { BilingualText } from './errors';

/** An item of 87号令第三十七条 (1–6). */
export type CollusionItem = 1 | 2 | 3 | 4 | 5 | 6;

/** The items of 87号令第三十七条 as the text reads, with the numeral it is cited by. */
export const COLLUSION_ITEMS: Readonly<Record<CollusionItem, { numeral: string; text: string }>> = {
  1: { numeral: '一', text: '不同投标人的投标文件由同一单位或者个人编制' },
  2: { numeral: '二', text: '不同投标人委托同一单位或者个人办理投标事宜' },
  3: { numeral: '三', text: '不同投标人的投标文件载明的项目管理成员或者联系人员为同一人' },
  4: { numeral: '四', text: '不同投标人的投标文件异常一致或者投标报价呈规律性差异' },
  5: { numeral: '五', text: '不同投标人的投标文件相互混装' },
  6: { numeral: '六', text: '不同投标人的投标保证金从同一单位或者个人的账户转出' },
};

/** How an item is cited: `87号令第三十七条第四项`. */
export function collusionCitation(item: CollusionItem): string {
  return `87号令第三十七条第${COLLUSION_ITEMS[item].numeral}项`;
}

/** The kinds of sign the platform computes, each with the item it is evidence of. */
export const COLLUSION_SIGN_KINDS = {
  /** The same ciphertext (or, once decrypted, the same plaintext) in two bidders' bids: 异常一致. */
  identicalDocument: {
    item: 4,
    title: { zh: '投标文件完全相同', en: 'Identical bid documents' },
  },
  /**
   * The same bid key K (same key commitment) in two bidders' bids. K is random per bid and made in
   * the bidder's own client, so one key means one holder sealed both sets of documents: the nearest
   * the platform gets to "made by the same tool instance" while it holds only ciphertexts.
   */
  sameSealingKey: {
    item: 1,
    title: { zh: '投标文件由同一密钥加密封装', en: 'Bid documents sealed with the same key' },
  },
  /** Two bidders' bid operations came from one network address: one party handled both bids. */
  sameNetworkAddress: {
    item: 2,
    title: { zh: '投标操作来自同一网络地址', en: 'Bid operations from the same network address' },
  },
  /** The same person as contact or project manager of two bidders. */
  samePerson: {
    item: 3,
    title: { zh: '项目负责人或联系人为同一人', en: 'The same project manager or contact person' },
  },
  /** Three or more revealed prices in equal steps (等差) or in equal ratios (等比). */
  priceProgression: {
    item: 4,
    title: { zh: '投标报价呈规律性差异', en: 'Prices in a regular progression' },
  },
  /** Deposits paid from one account (a seam: bid deposits are not recorded for tenders yet). */
  sameDepositAccount: {
    item: 6,
    title: { zh: '投标保证金从同一账户转出', en: 'Deposits paid from the same account' },
  },
} as const satisfies Record<string, { item: CollusionItem; title: BilingualText }>;

/** A kind of collusion sign. */
export type CollusionSignKind = keyof typeof COLLUSION_SIGN_KINDS;
