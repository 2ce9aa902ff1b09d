import * as z from 'zod';
import './zod-config';
import { InstantSchema } from './common';

/** A China-local date `YYYY-MM-DD`. */
const DaySchema = z.iso.date({ error: '日期须为 YYYY-MM-DD / expected a YYYY-MM-DD date' });

/** A calendar year the portal may count periods in. */
export const CalendarYearNumberSchema = z.coerce.number().int().min(2000).max(2100);

/** The document number of a State Council General Office notice, e.g. 国办发明电〔2026〕7号. */
export const CalendarCitationSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/〔\d{4}〕\d+号/, {
    error:
      '须含通知的文号，如“国办发明电〔2026〕7号” / must contain the notice’s document number, e.g. 国办发明电〔2026〕7号',
  })
  .meta({ description: 'Document number of the State Council General Office notice (文号)' });

/** Body of `PUT /api/calendar/years/{year}`: one year's official schedule. */
export const CalendarYearBodySchema = z
  .object({
    citation: CalendarCitationSchema,
    publishedOn: DaySchema.meta({ description: 'The day the notice was published' }),
    holidays: z
      .array(DaySchema)
      .min(1)
      .max(60)
      .meta({ description: 'Official days off (放假日), weekend days folded into holidays included' }),
    workdays: z
      .array(DaySchema)
      .max(20)
      .meta({ description: 'Make-up working days (调休上班日), each a Saturday or Sunday' }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .meta({ description: 'Why a loaded year is replaced (required when the year is already loaded)' }),
  })
  .strict();

/** A loaded year's schedule as the body states it. */
export type CalendarYearBody = z.infer<typeof CalendarYearBodySchema>;

/** An earlier version of a loaded year, kept on the item by its digest. */
export const CalendarYearVersionSchema = z.object({
  version: z.number().int().min(1),
  citation: z.string(),
  sha256: z.string().meta({ description: 'SHA-256 of the canonical schedule of that version' }),
  loadedAt: InstantSchema,
  loadedBy: z.string(),
});

/** A loaded year's schedule as stored: one item per year, with its version and history. */
export const CalendarYearSchema = z.object({
  year: z.number().int(),
  citation: z.string(),
  publishedOn: z.string(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  version: z.number().int().min(1),
  sha256: z.string().meta({ description: 'SHA-256 of the canonical schedule (year, citation, dates)' }),
  loadedAt: InstantSchema,
  loadedBy: z.string().meta({ description: 'The centre user who loaded this version' }),
  reason: z.string().optional().meta({ description: 'Why this version replaced the previous one' }),
  previous: z.array(CalendarYearVersionSchema).meta({ description: 'Earlier versions, oldest first' }),
});

/** A loaded year's schedule. */
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

/** One covered year in `GET /api/calendar/years`. */
export const CalendarYearSummarySchema = z.object({
  year: z.number().int(),
  source: z.string().meta({ description: '`package` (chinese-days) or the loaded notice’s document number' }),
  version: z.number().int().optional(),
  sha256: z.string().optional(),
  loadedAt: InstantSchema.optional(),
});

/** Answer of `GET /api/calendar/years`. */
export const CalendarYearListSchema = z.object({
  years: z.array(CalendarYearSummarySchema),
  firstUncovered: z
    .number()
    .int()
    .meta({ description: 'The first year after the covered ones: periods reaching into it are refused' }),
});
