import type * as z from 'zod';
import type { FenSchema } from '../../../schemas/common';
import { MONEY_FORMATS, YuanTextSchema } from '../../../schemas/money-text';

/** An amount in 分. */
export type Fen = z.infer<typeof FenSchema>;

/** Puts thousands separators into the whole part of a formatted amount ("3455140.50元" → "3,455,140.50元"). */
function groupThousands(text: string): string {
  return text.replace(/^(-?)(\d+)/, (_all, sign: string, whole: string) => {
    return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  });
}

/**
 * Shows 分 as 元 with two decimals and thousands separators, e.g. 345514050 → "3,455,140.50 元".
 *
 * The digits come from the server's own formatter (exact, no float); only the separators are added.
 */
export function showYuan(fen: Fen): string {
  return groupThousands(MONEY_FORMATS.formatYuan(fen)).replace(/元$/, ' 元');
}

/** Shows 分 as 万元, exact with trailing zeros trimmed, e.g. "3,455.14 万元" (the reports' unit). */
export function showWanYuan(fen: Fen): string {
  return groupThousands(MONEY_FORMATS.formatWanYuan(fen)).replace(/万元$/, ' 万元');
}

/** Shows numerator / denominator as a percentage rounded half-up to two decimals ("7.98%"). */
export function showPercent(numerator: Fen, denominator: Fen): string {
  return MONEY_FORMATS.formatPercent(numerator, denominator);
}

/** The result of reading a typed amount. */
export type YuanReading = { ok: true; fen: Fen } | { ok: false; message: string };

/**
 * Reads an amount typed in 元 into exact 分, or the Chinese reason it cannot be read.
 *
 * The same reading the server's schemas use (digit by digit), so "0.1" + "0.2" never meets a float.
 */
export function readYuan(text: string): YuanReading {
  const parsed = YuanTextSchema.safeParse(text);
  if (parsed.success) return { ok: true, fen: parsed.data };
  const message = parsed.error.issues[0]?.message ?? '金额无效';
  return { ok: false, message: message.split(' / ')[0] ?? message };
}
