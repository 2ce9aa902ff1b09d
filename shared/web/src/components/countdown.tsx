import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { serverNow } from '../lib/server-clock';
import { showDuration } from '../lib/time';

/**
 * A live countdown to an instant on the server's clock: "剩余 3 天 04 时 12 分", then `doneText`.
 *
 * It ticks every second; `aria-live` is off so a screen reader is not interrupted each second.
 */
export function Countdown({
  to,
  prefix = '剩余',
  doneText = '已截止',
  onDone,
}: {
  to: string;
  prefix?: string;
  doneText?: string;
  onDone?: () => void;
}) {
  const target = Date.parse(to);
  const [left, setLeft] = useState(() => target - serverNow().getTime());
  useEffect(() => {
    const timer = setInterval(() => {
      const next = target - serverNow().getTime();
      setLeft(next);
      if (next <= 0) {
        clearInterval(timer);
        onDone?.();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [target, onDone]);
  if (left <= 0) return <Typography.Text style={{ color: '#595959' }}>{doneText}</Typography.Text>;
  return (
    <Typography.Text strong aria-live="off">
      {prefix} {showDuration(left)}
    </Typography.Text>
  );
}
