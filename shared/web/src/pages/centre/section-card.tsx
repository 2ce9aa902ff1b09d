import { Card, type CardProps, Grid } from 'antd';

/**
 * A page section's card: antd's padding on a laptop, less on a phone, where nested cards and forms
 * would otherwise leave half the width to their text.
 */
export function SectionCard({ styles, ...props }: CardProps) {
  const wide = Grid.useBreakpoint().sm ?? true;
  return (
    <Card
      variant="outlined"
      {...props}
      styles={{ ...(typeof styles === 'object' ? styles : {}), body: { padding: wide ? 24 : 12 } }}
    />
  );
}
