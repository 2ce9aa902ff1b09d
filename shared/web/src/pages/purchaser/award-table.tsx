import { Descriptions, Empty, Grid, Table } from 'antd';
import type { ReactNode } from 'react';

/** One column of an {@link AwardTable}: its heading and how a row shows in it. */
export interface AwardColumn<T> {
  /** A stable key. */
  key: string;
  /** The heading (the label of the line on a phone). */
  title: string;
  /** The cell. */
  render: (row: T) => ReactNode;
}

/**
 * A table at 1366 px and a list of labelled lines at 390 px, with a sentence when empty.
 *
 * Why both: the opening record and the ranking have six columns; a phone would scroll sideways
 * through them and lose the row's name.
 */
export function AwardTable<T>({
  label,
  rows,
  rowKey,
  columns,
  empty,
  testId,
}: {
  label: string;
  rows: T[];
  rowKey: (row: T) => string;
  columns: AwardColumn<T>[];
  empty: string;
  testId?: string;
}) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (rows.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={<span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{empty}</span>}
        style={{ padding: '8px 0' }}
      />
    );
  }
  if (!wide) {
    return (
      <ul aria-label={label} data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((row) => (
          <li key={rowKey(row)} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
            <Descriptions
              size="small"
              column={1}
              items={columns.map((c) => ({ key: c.key, label: c.title, children: c.render(row) }))}
            />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey={rowKey}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={columns.map((c) => ({
          key: c.key,
          title: c.title,
          render: (_: unknown, row: T) => c.render(row),
        }))}
      />
    </div>
  );
}
