import * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

/**
 * Makes every zod message bilingual: "中文 / English".
 *
 * Why global: validation errors reach users of both languages; schemas that set their own message
 * use the same "zh / en" form, and the problem middleware splits it.
 */
function configureBilingualErrors(): void {
  // The two locales by path, not through `z.locales`: that namespace keeps all 64 in every bundle.
  const zhError = zhCN().localeError;
  const enError = en().localeError;
  const text = (result: unknown): string =>
    typeof result === 'string' ? result : ((result as { message?: string } | undefined)?.message ?? '');
  z.config({ customError: (issue) => `${text(zhError(issue))} / ${text(enError(issue))}` });
}

configureBilingualErrors();

/** Splits a "中文 / English" message into its halves (the whole text twice if it is not bilingual). */
export function splitBilingual(message: string): { zh: string; en: string } {
  const at = message.indexOf(' / ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}
