/** What a typed score reads as: nothing yet, exact points, or why it is refused. */
export type PointsReading =
  | { kind: 'empty' }
  | { kind: 'ok'; points: number }
  | { kind: 'error'; message: string };

/**
 * Reads points typed for a criterion: 0 up to its maximum, at most two decimals, read digit by digit.
 *
 * Why digits and not parseFloat: 38.555 must be refused, not rounded, and the limit is compared in
 * exact hundredths (the server refuses the same inputs: a 400 for the decimals, a 422 above the maximum).
 */
export function readPoints(text: string, maxPoints: number): PointsReading {
  const value = text.trim();
  if (value === '') return { kind: 'empty' };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(value);
  if (!match) return { kind: 'error', message: `请输入 0–${maxPoints} 之间的数字` };
  const whole = match[1] ?? '0';
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { kind: 'error', message: '分值最多保留两位小数' };
  if (whole.length > 3) return { kind: 'error', message: `不能超过该项满分 ${maxPoints} 分` };
  const hundredths = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (hundredths > maxPoints * 100) return { kind: 'error', message: `不能超过该项满分 ${maxPoints} 分` };
  return { kind: 'ok', points: hundredths / 100 };
}

/** Shows hundredths-exact points with two decimals ("38.50"), as the report prints them. */
export function showPoints(points: number): string {
  return (Math.round(points * 100) / 100).toFixed(2);
}

/** Adds points exactly (in hundredths) and shows the sum with two decimals. */
export function sumPoints(points: readonly number[]): string {
  const hundredths = points.reduce((sum, p) => sum + Math.round(p * 100), 0);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
