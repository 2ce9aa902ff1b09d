import { type Fen, showWanYuan } from '../../lib/money';

/**
 * Shows 分 as 万元 without the unit, e.g. "3,455.14", for cells and cards whose header names the unit.
 *
 * Only formatting: the digits are the exact ones of {@link showWanYuan}.
 */
export function showWanYuanDigits(fen: Fen): string {
  return showWanYuan(fen).replace(/\s*万元$/, '');
}

/**
 * The length of a bar for a 万元 text the API formatted ("3455.14万元" → 3455.14).
 *
 * Why from the text: the figure is the server's; the number only sizes a bar, and every label and
 * tooltip shows the text itself.
 */
export function plotWanYuan(formatted: string): number {
  const value = Number(formatted.replace(/万元$/, ''));
  return Number.isFinite(value) ? value : 0;
}
