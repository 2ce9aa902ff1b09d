import { readYuan, showWanYuan, showYuan } from '../lib/money';
import { SupplierHint as Hint } from './supplier-hint';

/** Under an amount field: "即 3,500,000.00 元（350 万元）" for what is typed, else `fallback`. */
export function AmountHint({ text, fallback }: { text: string | undefined; fallback: string }) {
  const reading = text ? readYuan(text) : null;
  return <Hint>{reading?.ok ? `即 ${showYuan(reading.fen)}（${showWanYuan(reading.fen)}）` : fallback}</Hint>;
}
