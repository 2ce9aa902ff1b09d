import * as z from 'zod';
import './zod-config';
import { MAX_FEN, parseHundredths } from '../domain/money';

/** An amount in 分 (fen): a non-negative safe integer under the ceiling; never a float. */
export const FenSchema = z
  .number()
  .int({ error: '金额必须是以“分”为单位的整数 / amounts are whole numbers of fen (分)' })
  .min(0, { error: '金额不能为负 / amounts cannot be negative' })
  .max(MAX_FEN, { error: '金额超过上限 / amount exceeds the ceiling' })
  .meta({ description: 'Amount in 分 (fen, 1/100 元), integer' });

/** The earliest instant any field may hold (the portal's earliest data). */
export const EARLIEST_INSTANT = '2000-01-01T00:00:00.000Z';
/** The latest instant any field may hold. */
export const LATEST_INSTANT = '2100-01-01T00:00:00.000Z';

/**
 * An instant as an ISO 8601 string with an offset (`Z` or `+08:00`), from 2000-01-01 to 2100-01-01.
 *
 * Why bounded: a year 0000 or 9999 is never meant, and every period computed from one would be
 * nonsense; the window is far wider than any tender's life.
 */
export const InstantSchema = z.iso
  .datetime({
    offset: true,
    error: '时间须为带时区的 ISO 8601 格式 / expected an ISO 8601 date-time with offset',
  })
  .refine(
    (text) => {
      const ms = Date.parse(text);
      // Text that is no date at all is the format check's issue, reported once.
      return Number.isNaN(ms) || (ms >= Date.parse(EARLIEST_INSTANT) && ms <= Date.parse(LATEST_INSTANT));
    },
    {
      error: '时间须在 2000-01-01 至 2100-01-01 之间 / instants must be between 2000-01-01 and 2100-01-01',
    },
  )
  .meta({
    description: 'ISO 8601 date-time with offset, 2000-01-01 to 2100-01-01, e.g. 2026-12-20T09:30:00+08:00',
  });

/** A calendar day `YYYY-MM-DD` in the same window as {@link InstantSchema} (2000-01-01 to 2100-01-01). */
export const DaySchema = z.iso
  .date()
  .refine((day) => day >= EARLIEST_INSTANT.slice(0, 10) && day <= LATEST_INSTANT.slice(0, 10), {
    error: '日期须在 2000-01-01 至 2100-01-01 之间 / dates must be between 2000-01-01 and 2100-01-01',
  });

/**
 * A number from 0 to 100 in exact hundredths: at most two decimals, judged by its shortest decimal
 * form (so 38.55 is accepted, 38.555 and 1e-200 are not) — what the domain means and the store holds.
 *
 * Why one factory: percentages and criterion points obey the same bounds, only the word differs.
 */
export function hundredthsUpTo100(what: { zh: string; en: string }) {
  return z
    .number()
    .min(0, { error: `${what.zh}不能为负 / ${what.en} cannot be negative` })
    .max(100, { error: `${what.zh}不能超过 100 / ${what.en} is at most 100` })
    .refine((value) => parseHundredths(value) !== undefined, {
      error: `${what.zh}至多两位小数 / ${what.en} has at most 2 decimals`,
    });
}

/** A percentage from 0 to 100 in hundredths (at most two decimals, e.g. 12.25). */
export const PercentSchema = hundredthsUpTo100({ zh: '百分比', en: 'a percentage' }).meta({
  description: 'Percentage 0–100 with at most two decimals',
});

/** A ULID, the id format of every entity. */
export const IdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: '无效的编号 / invalid id' })
  .meta({ description: 'ULID' });

/** Text in both languages. */
export const BilingualSchema = z.object({ zh: z.string(), en: z.string() });

/** A page of results with an opaque cursor for the next one. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null at the end' }),
  });
}

/** Query parameters of a paged list. */
export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'limit 至少为 1 / limit must be at least 1' })
    .max(100, { error: 'limit 至多为 100 / limit is at most 100' })
    .default(20),
  cursor: z.string().max(2048).optional(),
});

/**
 * A title search text (`q`): trimmed, 1–50 characters, matched as a substring of the title.
 *
 * Why no control characters or lone surrogates: neither occurs in a title, and a lone surrogate is no
 * valid UTF-8, which the store would refuse with a 500 instead of a clear 400.
 */
export const TitleSearchSchema = z
  .string()
  .trim()
  .min(1, { error: '搜索词不能为空 / the search text (q) cannot be empty' })
  .max(50, { error: '搜索词至多 50 个字符 / the search text (q) is at most 50 characters' })
  .refine((text) => !/[\p{Cc}\p{Cs}]/u.test(text), {
    error: '搜索词不能含控制字符 / the search text (q) cannot contain control characters',
  })
  .meta({
    description:
      'Title substring, trimmed, 1–50 characters; exact characters (Chinese or Latin, case-sensitive)',
  });

/** Path parameter of routes on one tender. */
export const TenderPathSchema = z.object({ tenderId: IdSchema });

/** The RFC 9457 problem document every error is answered with. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    title_zh: z.string(),
    title_en: z.string(),
    detail_zh: z.string(),
    detail_en: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          message_zh: z.string(),
          message_en: z.string(),
          rule: z.string().optional(),
          citation: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, in Chinese and English' });
