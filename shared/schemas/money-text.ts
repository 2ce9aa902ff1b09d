import * as z from 'zod';
import './zod-config';
import type { FieldIssue } from '../domain/errors';
import { formatPercent, formatWanYuan, formatYuan, parseYuan } from '../domain/money';
import { FenSchema } from './common';

/**
 * An amount typed in 元 ("3455140.5", commas allowed as thousands separators) read into integer 分.
 *
 * Why a schema: the web client's forms and the server read typed amounts the same exact way, digit by
 * digit (`parseYuan`), never through a float; a bad amount is a bilingual issue like any other field.
 */
export const YuanTextSchema = z
  .string()
  .transform((text, ctx) => {
    const cleaned = text.trim().replace(/[,，]/g, '');
    try {
      return parseYuan(cleaned);
    } catch (error) {
      const issue = (error as { errors?: FieldIssue[] }).errors?.[0];
      ctx.issues.push({
        code: 'custom',
        input: text,
        message: issue ? `${issue.message.zh} / ${issue.message.en}` : '金额无效 / invalid amount',
      });
      return z.NEVER;
    }
  })
  .pipe(FenSchema);

/**
 * The display forms of amounts and ratios: 元 with two decimals, 万元 exact, a percentage.
 *
 * Why exported with the schemas: the client shows amounts exactly as notices and reports print them,
 * from the one implementation those use.
 */
export const MONEY_FORMATS = { formatYuan, formatWanYuan, formatPercent } as const;
