import type { ReactNode } from 'react';

/**
 * A form field's help text in a grey that meets WCAG AA on white (antd's default description grey
 * does not), for `Form.Item extra`.
 */
export function SupplierHint({ children }: { children: ReactNode }) {
  return <span style={{ color: '#595959' }}>{children}</span>;
}
