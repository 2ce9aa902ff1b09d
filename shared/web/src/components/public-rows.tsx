import { Empty, Grid } from 'antd';
import type { ReactNode } from 'react';

/** An empty state with its sentence in readable grey (antd's own grey fails 4.5:1). */
export function EmptyNote({ text }: { text: string }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={<span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{text}</span>}
      style={{ padding: '8px 0' }}
    />
  );
}

/**
 * A list of rows (a heading link on top, facts wrapping below), readable at 1366 px and at 390 px.
 *
 * Why not a Table: a phone would scroll sideways through five columns; why not antd's List: it is
 * deprecated in antd 6 and warns.
 */
export function PublicRows<T>({
  items,
  rowKey,
  label,
  empty,
  render,
}: {
  items: T[];
  rowKey: (item: T) => string;
  label: string;
  empty: string;
  render: (item: T) => { title: ReactNode; facts: ReactNode[]; aside?: ReactNode };
}) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (items.length === 0) return <EmptyNote text={empty} />;
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => {
        const row = render(item);
        return (
          <li
            key={rowKey(item)}
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: '4px 16px',
              justifyContent: 'space-between',
              padding: '12px 0',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            <div style={{ flex: '1 1 420px', minWidth: 0 }}>
              <div style={{ fontSize: 16, marginBottom: 4, overflowWrap: 'anywhere' }}>{row.title}</div>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 16px', color: 'rgba(0,0,0,0.65)' }}>
                {row.facts.map((fact, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the facts are a fixed, ordered set per row
                  <span key={i}>{fact}</span>
                ))}
              </div>
            </div>
            {row.aside && (
              <div style={{ flex: '0 0 auto', textAlign: wide ? 'right' : 'left' }}>{row.aside}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
