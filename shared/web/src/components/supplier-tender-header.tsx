import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { TENDER_STATUS_LABELS } from '../../../schemas/labels';
import { learnServerNow, serverNow } from '../lib/server-clock';
import { showBeijing } from '../lib/time';
import { fetchTender, fetchTenderTimeline } from '../services/supplier';
import type { PublicTender } from '../services/tender-types';
import { Countdown } from './countdown';

/**
 * Moves the countdowns' clock up to what the tender proves has passed on the server: its last change,
 * the deadline once it is no longer tendering, the record's publication.
 *
 * Why: a countdown must never show time the server has already spent (locally the dev clock may be
 * days ahead of the browser); the timeline API's `now` gives the exact instant where it is used.
 */
function learnLowerBound(tender: PublicTender): void {
  const passed = [
    tender.updatedAt,
    tender.status === 'tendering' ? undefined : tender.content.timeline.bidDeadline,
    tender.opening?.recordPublishedAt,
  ].filter((at): at is string => at !== undefined);
  const latest = Math.max(...passed.map((at) => Date.parse(at)));
  if (latest > serverNow().getTime()) learnServerNow(new Date(latest).toISOString());
}

/**
 * A tender as a supplier page follows it: re-read every few seconds (`pollMs`) so a deadline passed
 * on the server (or the dev clock) shows without a reload.
 */
export function useSupplierTender(tenderId: string, pollMs = 5000) {
  return useQuery({
    queryKey: ['supplier', 'tender', tenderId],
    queryFn: async ({ signal }) => {
      const [tender, timeline] = await Promise.all([
        fetchTender(tenderId, signal).then((answer) => answer.data),
        fetchTenderTimeline(tenderId, signal).catch(() => null),
      ]);
      if (timeline) learnServerNow(timeline.now);
      learnLowerBound(tender);
      return tender;
    },
    refetchInterval: pollMs,
  });
}

/** Whether bids are still accepted: the tender is tendering and its deadline has not passed. */
export function acceptsBids(tender: PublicTender, now: Date): boolean {
  return tender.status === 'tendering' && now.getTime() < Date.parse(tender.content.timeline.bidDeadline);
}

/** The heading of a supplier page about one tender: page name, tender title, status and deadline. */
export function SupplierTenderHeader({
  heading,
  tender,
  extra,
}: {
  heading: string;
  tender: PublicTender;
  extra?: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }}>
        {heading}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Link to={`/tenders/${tender.id}`}>{tender.content.title}</Link>
        <Tag>{TENDER_STATUS_LABELS[tender.status].zh}</Tag>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label="投标截止（开标）">
          {showBeijing(tender.content.timeline.bidDeadline)}
        </Descriptions.Item>
        <Descriptions.Item label="距截止">
          <Countdown to={tender.content.timeline.bidDeadline} doneText="已截止" />
        </Descriptions.Item>
        <Descriptions.Item label="解密时限">
          {tender.content.timeline.decryptionWindowMinutes} 分钟
        </Descriptions.Item>
      </Descriptions>
      {extra}
    </div>
  );
}
