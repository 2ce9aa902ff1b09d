import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EVALUATION_METHOD_LABELS, PROCUREMENT_METHOD_LABELS } from '../../../../schemas/labels';
import { LinkButton } from '../../components/link-button';
import { TenderStatusTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { learnServerNow } from '../../lib/server-clock';
import { showBeijing } from '../../lib/time';
import {
  AWARD_KEYS,
  fetchAwardTimeline,
  fetchManagedTender,
  type ManagedTender,
} from '../../services/purchaser-award';

/** The three pages after the deadline, in the order a tender goes through them. */
const STAGES = [
  { key: 'opening', label: '开标' },
  { key: 'evaluation', label: '评审' },
  { key: 'award', label: '确定成交与合同' },
] as const;

/** One of the pages after the deadline. */
export type AwardStage = (typeof STAGES)[number]['key'];

/** Statuses from which the bids' contents may be read (the evaluation on). */
export const OPENED_STATUSES: readonly ManagedTender['status'][] = [
  'evaluating',
  'awarding',
  'awarded',
  'complete',
];

/** Statuses with an evaluation report. */
export const REPORTED_STATUSES: readonly ManagedTender['status'][] = ['awarding', 'awarded', 'complete'];

/** Statuses after the award (the result notice is out). */
export const AWARDED_STATUSES: readonly ManagedTender['status'][] = ['awarded', 'complete'];

/**
 * One of the unit's own tenders as the pages after the deadline follow it, re-read every `pollMs` so a
 * window closing on the server (or the dev clock) shows without a reload; the timeline's `now` sets the
 * countdowns' clock.
 */
export function usePurchaserTender(tenderId: string, pollMs = 5000) {
  return useQuery({
    queryKey: AWARD_KEYS.tender(tenderId),
    queryFn: async ({ signal }) => {
      const [tender, timeline] = await Promise.all([
        fetchManagedTender(tenderId, signal),
        fetchAwardTimeline(tenderId, signal).catch(() => null),
      ]);
      if (timeline) learnServerNow(timeline.now);
      return tender;
    },
    refetchInterval: pollMs,
  });
}

/**
 * The heading of the pages after the deadline: page name, the tender with its status and key facts,
 * and links to the three stages (开标, 评审, 确定成交与合同).
 */
export function AwardTenderHeader({
  heading,
  tender,
  stage,
  extra,
}: {
  heading: string;
  tender: ManagedTender;
  stage: AwardStage;
  extra?: ReactNode;
}) {
  const { content } = tender;
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }}>
        {heading}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Link to={`/purchaser/tenders/${tender.id}`} style={{ overflowWrap: 'anywhere' }}>
          {content.title}
        </Link>
        <TenderStatusTag status={tender.status} />
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label="采购方式">{PROCUREMENT_METHOD_LABELS[content.method].zh}</Descriptions.Item>
        <Descriptions.Item label="评审方法">
          {EVALUATION_METHOD_LABELS[content.evaluation.method].zh}
        </Descriptions.Item>
        {content.budgetFen !== undefined && (
          <Descriptions.Item label="预算金额">{showYuan(content.budgetFen)}</Descriptions.Item>
        )}
        <Descriptions.Item label="开标时间">{showBeijing(content.timeline.bidDeadline)}</Descriptions.Item>
      </Descriptions>
      <nav aria-label="开标后各阶段" style={{ marginTop: 8 }}>
        <Space wrap>
          {STAGES.map((s) => (
            <LinkButton
              key={s.key}
              to={`/purchaser/tenders/${tender.id}/${s.key}`}
              type={s.key === stage ? 'primary' : 'default'}
              {...(s.key === stage ? { 'aria-current': 'page' as const } : {})}
            >
              {s.label}
            </LinkButton>
          ))}
        </Space>
      </nav>
      {extra}
    </div>
  );
}
