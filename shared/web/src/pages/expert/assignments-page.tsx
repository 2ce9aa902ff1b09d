import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EVALUATION_METHOD_LABELS } from '../../../../schemas/labels';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { TenderStatusTag, ToneTag } from '../../components/public-tags';
import { ApiProblemError } from '../../lib/api';
import { showBeijing } from '../../lib/time';
import { type EvaluationSessionView, getEvaluationSession, listMyAssignments } from '../../services/expert';
import { getTender } from '../../services/public';
import type { PublicTender } from '../../services/tender-types';
import { SeatStatusTag } from './seat-status';

/** One fact of an assignment card: a label and its value, stacked on a phone. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Col xs={24} md={8}>
      <Typography.Text type="secondary" style={{ color: 'rgba(0, 0, 0, 0.65)' }}>
        {label}：
      </Typography.Text>
      {children}
    </Col>
  );
}

/** The member's progress in one session, or why it has none (recused: the seat is gone). */
function Progress({ session, error }: { session: EvaluationSessionView | undefined; error: unknown }) {
  if (error instanceof ApiProblemError && error.status === 404) {
    return <ToneTag tone="grey">已回避：席位已由候补专家接替</ToneTag>;
  }
  if (error) return <ToneTag tone="red">无法读取评审进度</ToneTag>;
  if (!session) return <span>正在读取…</span>;
  return (
    <Space wrap size={4}>
      <SeatStatusTag status={session.seat.status} />
      {session.seat.status === 'declared' && session.sheet && (
        <span>草稿已保存于 {showBeijing(session.sheet.savedAt)}</span>
      )}
      {session.outliers.length > 0 && !session.outliersConfirmedAt && (
        <ToneTag tone="orange">有异常评分待确认</ToneTag>
      )}
    </Space>
  );
}

/** One assignment: the tender's title, status and times, and the member's own progress. */
function AssignmentCard({
  tenderId,
  tender,
  session,
  sessionError,
}: {
  tenderId: string;
  tender: PublicTender | undefined;
  session: EvaluationSessionView | undefined;
  sessionError: unknown;
}) {
  const recused = sessionError instanceof ApiProblemError && sessionError.status === 404;
  const title = tender?.content.title ?? session?.title ?? `项目 ${tenderId}`;
  const action = session?.seat.status === 'drawn' ? '作回避声明并评审' : '进入评审';
  return (
    <Card variant="outlined" style={{ marginBottom: 12 }}>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        {recused ? title : <Link to={`/expert/tenders/${tenderId}`}>{title}</Link>}
      </Typography.Title>
      <Row gutter={[16, 8]}>
        <Fact label="项目状态">{tender ? <TenderStatusTag status={tender.status} /> : '—'}</Fact>
        <Fact label="开标时间">{tender ? showBeijing(tender.content.timeline.bidDeadline) : '—'}</Fact>
        <Fact label="评标方法">
          {tender ? EVALUATION_METHOD_LABELS[tender.content.evaluation.method].zh : '—'}
        </Fact>
        <Fact label="开标记录公布">
          {tender?.opening?.recordPublishedAt ? showBeijing(tender.opening.recordPublishedAt) : '尚未公布'}
        </Fact>
        <Fact label="评标报告">
          {tender?.reportedAt ? `已出具（${showBeijing(tender.reportedAt)}）` : '尚未出具'}
        </Fact>
        <Col xs={24} md={8}>
          <Typography.Text style={{ color: 'rgba(0, 0, 0, 0.65)' }}>我的进度：</Typography.Text>
          <Progress session={session} error={sessionError} />
        </Col>
      </Row>
      {!recused && (
        <div style={{ marginTop: 12 }}>
          <LinkButton type="primary" to={`/expert/tenders/${tenderId}`} aria-label={`${action}：${title}`}>
            {action}
          </LinkButton>
        </div>
      )}
    </Card>
  );
}

/** 我的评审: the committees the expert was drawn into, each with its times and the expert's progress. */
export function ExpertAssignmentsPage() {
  const assignments = useQuery({
    queryKey: ['expert', 'assignments'],
    queryFn: ({ signal }) => listMyAssignments(signal),
  });
  const ids = assignments.data?.items.map((item) => item.tenderId) ?? [];
  const tenders = useQueries({
    queries: ids.map((tenderId) => ({
      queryKey: ['public', 'tender', tenderId],
      queryFn: ({ signal }: { signal: AbortSignal }) => getTender(tenderId, signal),
    })),
  });
  const sessions = useQueries({
    queries: ids.map((tenderId) => ({
      queryKey: ['expert', 'session', tenderId],
      queryFn: ({ signal }: { signal: AbortSignal }) => getEvaluationSession(tenderId, signal),
      // A recused seat answers 404 for good; asking again changes nothing.
      retry: false,
    })),
  });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        我的评审
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="远程异地评审"
        description="您被随机抽取为以下项目的评标委员会成员。进入评审后请先作回避声明；声明无利害关系后才能查看投标文件并评分。评委名单在结果公告前保密（87号令第四十七条）。"
        style={{ marginBottom: 16 }}
      />
      <ProblemAlert error={assignments.error} />
      {assignments.isPending && <PageLoading label="正在读取评审任务…" />}
      {assignments.data && ids.length === 0 && (
        <Empty description="您目前没有评审任务。交易中心抽取评标委员会后，项目会出现在这里。" />
      )}
      {ids.map((tenderId, i) => (
        <AssignmentCard
          key={tenderId}
          tenderId={tenderId}
          tender={tenders[i]?.data?.tender}
          session={sessions[i]?.data}
          sessionError={sessions[i]?.error}
        />
      ))}
    </div>
  );
}
