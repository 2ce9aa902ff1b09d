/** Beijing time: every instant on the portal is shown in it, whatever the browser's zone. */
const BEIJING = 'Asia/Shanghai';

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const DATE_TIME_SECONDS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const DATE_ONLY = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Joins the parts of a formatted date as "2026-12-20 09:30". */
function joinParts(format: Intl.DateTimeFormat, instant: Date): string {
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
  if (parts['hour'] === undefined) return date;
  const time = `${parts['hour']}:${parts['minute']}`;
  return parts['second'] === undefined ? `${date} ${time}` : `${date} ${time}:${parts['second']}`;
}

/** Shows an instant in Beijing time, "2026-12-20 09:30" (the form notices use). */
export function showBeijing(iso: string | Date): string {
  return joinParts(DATE_TIME, typeof iso === 'string' ? new Date(iso) : iso);
}

/** Shows an instant in Beijing time to the second, "2026-12-20 09:30:05" (quotes, countdowns). */
export function showBeijingSeconds(iso: string | Date): string {
  return joinParts(DATE_TIME_SECONDS, typeof iso === 'string' ? new Date(iso) : iso);
}

/** Shows the Beijing date of an instant, "2026-12-20". */
export function showBeijingDate(iso: string | Date): string {
  return joinParts(DATE_ONLY, typeof iso === 'string' ? new Date(iso) : iso);
}

/**
 * Shows a duration as Chinese staff read a countdown: "3 天 04 时 12 分" or "04 时 12 分 09 秒".
 *
 * Seconds appear only in the last day, when they matter (the deadline minute, the decryption window).
 */
export function showDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} 天 ${pad(hours)} 时 ${pad(minutes)} 分`;
  return `${pad(hours)} 时 ${pad(minutes)} 分 ${pad(seconds)} 秒`;
}
