import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { TENDER_STATUS_LABELS } from '../../../../schemas/labels';
import { Countdown } from '../../components/countdown';
import { LinkButton } from '../../components/link-button';
import { LoadMore } from '../../components/load-more';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import {
  BID_STATUS_LABELS,
  fetchMySupplierTenders,
  type MySupplierTenderView,
} from '../../services/supplier';

/** Where each to-do is done. */
const TODO_PAGE: Readonly<Record<MySupplierTenderView['todo'][number]['code'], string | null>> = {
  'submit-bid': 'bid',
  reconfirm: 'bid',
  reveal: 'opening',
  'respond-opening': 'opening',
  none: null,
};

/** One tender of the list: title, status, deadline, my bid, the to-dos as links. */
function ProjectCard({ tender }: { tender: MySupplierTenderView }) {
  const base = `/supplier/tenders/${tender.id}`;
  const deadline = tender.content.timeline.bidDeadline;
  return (
    <Card variant="outlined" style={{ marginBottom: 12 }}>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        <Link to={`/tenders/${tender.id}`}>{tender.content.title}</Link>
      </Typography.Title>
      <Row gutter={[16, 8]}>
        <Col xs={24} md={6}>
          状态：<Tag>{TENDER_STATUS_LABELS[tender.status].zh}</Tag>
        </Col>
        <Col xs={24} md={9}>
          投标截止：{showBeijing(deadline)}（<Countdown to={deadline} doneText="已截止" />）
        </Col>
        <Col xs={24} md={9}>
          我的投标：
          {tender.myBid ? (
            <Space wrap size={4}>
              <ToneTag tone="green">{BID_STATUS_LABELS[tender.myBid.status]}</ToneTag>
              {tender.myBid.revealedAt && <ToneTag tone="green">已解密</ToneTag>}
              {tender.myBid.needsReconfirmation && <ToneTag tone="orange">须重新确认</ToneTag>}
            </Space>
          ) : (
            '尚未递交'
          )}
        </Col>
      </Row>
      <Space wrap style={{ marginTop: 12 }}>
        {tender.todo.map((todo) => {
          const page = TODO_PAGE[todo.code];
          if (!page) return <Typography.Text key={todo.code}>{todo.label}</Typography.Text>;
          return (
            <LinkButton key={todo.code} type="primary" to={`${base}/${page}`}>
              {todo.label}
              {todo.until ? `（${showBeijing(todo.until)} 前）` : ''}
            </LinkButton>
          );
        })}
        {tender.status === 'tendering' && !tender.todo.some((t) => TODO_PAGE[t.code] === 'bid') && (
          <LinkButton to={`${base}/bid`}>{tender.myBid ? '查看或替换投标' : '投标'}</LinkButton>
        )}
        {tender.myBid && <LinkButton to={`${base}/opening`}>开标大厅</LinkButton>}
        {['awarded', 'complete'].includes(tender.status) && tender.myBid && (
          <LinkButton to={`${base}/result`}>我的结果</LinkButton>
        )}
      </Space>
    </Card>
  );
}

/** 我的项目: the tenders the supplier registered for, each with its bid and what is still to do. */
function SupplierProjectsContent() {
  const list = useInfiniteQuery({
    queryKey: ['supplier', 'projects'],
    queryFn: ({ pageParam, signal }) => fetchMySupplierTenders(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (list.isPending) return <PageLoading />;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        我的项目
      </Typography.Title>
      <ProblemAlert error={list.error} />
      <Alert
        type="info"
        showIcon
        title="报名的项目都在这里"
        description={
          <span>
            在{' '}
            <Link to="/tenders" style={{ textDecoration: 'underline' }}>
              项目信息
            </Link>{' '}
            中打开项目并报名后，可在此投标、进入开标大厅和查看结果。
          </span>
        }
        style={{ marginBottom: 16 }}
      />
      {items.length === 0 && !list.error && <Empty description="您尚未报名任何项目。" />}
      {items.map((tender) => (
        <ProjectCard key={tender.id} tender={tender} />
      ))}
      <LoadMore list={list} />
    </div>
  );
}

/** The page inside the portal's readable greys (see SupplierContrast). */
export function SupplierProjectsPage() {
  return <SupplierProjectsContent />;
}
