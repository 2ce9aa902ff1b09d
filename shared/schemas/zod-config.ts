import { z } from 'zod';

/**
 * Makes every zod message bilingual: "中文 / English".
 *
 * Why global: validation errors reach users of both languages; schemas that set their own message
 * use the same "zh / en" form, and the problem middleware splits it.
 */
function configureBilingualErrors(): void {
  const zh = z.locales.zhCN().localeError;
  const en = z.locales.en().localeError;
  const text = (result: unknown): string =>
    typeof result === 'string' ? result : ((result as { message?: string } | undefined)?.message ?? '');
  z.config({ customError: (issue) => `${text(zh(issue))} / ${text(en(issue))}` });
}

configureBilingualErrors();

/** Splits a "中文 / English" message into its halves (the whole text twice if it is not bilingual). */
export function splitBilingual(message: string): { zh: string; en: string } {
  const at = message.indexOf(' / ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}
