import { Spin } from 'antd';

/** What a page shows while it loads: a spinner with words, so a screen reader hears it too. */
export function PageLoading({ label = '正在加载…' }: { label?: string }) {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin />
      <div style={{ marginTop: 8 }}>{label}</div>
    </div>
  );
}
