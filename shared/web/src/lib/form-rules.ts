import type { FormRule } from 'antd';
import { readYuan } from './money';

/** The Chinese half of a schema's "中文 / English" message. */
export function chineseOf(message: string | undefined, fallback: string): string {
  return message ? (message.split(' / ')[0] ?? message) : fallback;
}

/**
 * A form rule that checks a value with one of the server's own zod fields, as typed, and says why in
 * Chinese (the schema's own message, or `fallback`).
 *
 * Why the server's schema: the page refuses exactly what the API would, and says it before sending.
 */
export function ruleFrom(
  schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  fallback: string,
): FormRule {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new Error(chineseOf(parsed.error?.issues[0]?.message, fallback));
    },
  };
}

/** The rules of an amount typed in 元: required, read exactly into 分, more than 0 (`what` names it). */
export function amountRules(what: string): FormRule[] {
  return [
    { required: true, message: `请填写${what}` },
    {
      validator: async (_rule: unknown, value: string | undefined) => {
        if (!value) return;
        const reading = readYuan(value);
        if (!reading.ok) throw new Error(reading.message);
        if (reading.fen < 1) throw new Error(`${what}须大于 0`);
      },
    },
  ];
}
