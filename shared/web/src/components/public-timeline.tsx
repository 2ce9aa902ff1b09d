import { Timeline, Typography } from 'antd';
import { showBeijing } from '../lib/time';
import { Countdown } from './countdown';
import { ToneTag } from './public-tags';

/** One point of a tender's timeline as the page shows it. */
export interface TimelinePoint {
  /** A stable key. */
  key: string;
  /** The Chinese name of the point. */
  label: string;
  /** The instant. */
  at: string;
  /** Whether it has passed on the server's clock. */
  passed: boolean;
  /** Calendar days left until it (when the server counted them). */
  calendarDaysLeft?: number | null | undefined;
  /** Working days left until it (when the server counted them). */
  workingDaysLeft?: number | null | undefined;
}

/** "距投标截止 3 个工作日 / 12 天", when the server counted the days. */
function showDaysLeft(point: TimelinePoint): string | null {
  const parts: string[] = [];
  if (typeof point.workingDaysLeft === 'number') parts.push(`${point.workingDaysLeft} 个工作日`);
  if (typeof point.calendarDaysLeft === 'number') parts.push(`${point.calendarDaysLeft} 天`);
  return parts.length > 0 ? `距${point.label} ${parts.join(' / ')}` : null;
}

/**
 * A tender's timeline: each point in Beijing time, marked 已过 or counting down, with the days left
 * in working and calendar days where the server gave them.
 */
export function PublicTimeline({ points }: { points: TimelinePoint[] }) {
  const nextKey = points.find((p) => !p.passed)?.key;
  return (
    <Timeline
      items={points.map((p) => {
        const days = p.passed ? null : showDaysLeft(p);
        return {
          key: p.key,
          color: p.passed ? 'gray' : p.key === nextKey ? 'blue' : 'gray',
          content: (
            <div>
              <Typography.Text strong>{p.label}</Typography.Text>
              <div>
                <time dateTime={p.at}>{showBeijing(p.at)}</time>（北京时间）{' '}
                {p.passed ? (
                  <ToneTag tone="grey">已过</ToneTag>
                ) : (
                  p.key === nextKey && <Countdown to={p.at} doneText="已到" />
                )}
              </div>
              {days && <Typography.Text style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{days}</Typography.Text>}
            </div>
          ),
        };
      })}
    />
  );
}
