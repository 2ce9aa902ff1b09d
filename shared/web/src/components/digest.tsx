import { Typography } from 'antd';

/** A SHA-256 digest as copyable monospace text that wraps on a phone; read out with its label. */
export function Digest({ value, label }: { value: string; label: string }) {
  return (
    <Typography.Text
      code
      copyable={{ text: value, tooltips: ['复制', '已复制'] }}
      style={{ wordBreak: 'break-all', fontSize: 12 }}
      aria-label={`${label} ${value}`}
    >
      {value}
    </Typography.Text>
  );
}
