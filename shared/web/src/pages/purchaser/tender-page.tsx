import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PurchaserChallenges } from '../../components/challenges';
import { PurchaserEnquiries } from '../../components/enquiries';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { PageSection as Section } from '../../components/page-section';
import { ProblemAlert } from '../../components/problem-alert';
import { TenderStatusTag } from '../../components/public-tags';
import { PublicTimeline } from '../../components/public-timeline';
import { SupplierHint as Hint } from '../../components/supplier-hint';
import { showBeijing } from '../../lib/time';
import {
  cancelTender,
  fetchMyTender,
  fetchTimeline,
  type OwnTender,
  publishTender,
} from '../../services/purchaser';
import { CorrectionForm } from './correction-form';
import { Blockers, useDraftCheck } from './draft-checks';
import { NoticePreview, TenderSummary } from './notice-preview';
import { ReserveRevealCard, ReserveSealCard } from './reserve-cards';
import { TenderDocuments } from './tender-documents';

/**
 * After a change of state: the page shows the changed tender at once, and every other read of the
 * workspace is refreshed but the dry runs of this tender (a tender no longer in draft refuses them, 409;
 * their components leave the page with the draft state).
 */
function showChanged(queryClient: QueryClient, tender: OwnTender): void {
  queryClient.setQueryData(['purchaser', 'tender', tender.id], { tender, etag: `"v${tender.version}"` });
  void queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === 'purchaser' &&
      !(query.queryKey[1] === 'check' && query.queryKey[2] === tender.id),
  });
}

/** Statuses from which each after-deadline page has something to show. */
const OPENING_FROM = ['opening', 'evaluating', 'awarding', 'awarded', 'complete', 'failed'];
const EVALUATION_FROM = ['evaluating', 'awarding', 'awarded', 'complete'];
const AWARD_FROM = ['awarding', 'awarded', 'complete'];

/** The timeline: the server's for a published tender, the dry run's planned dates for a draft. */
function TimelineSection({ tender }: { tender: OwnTender }) {
  const published = Boolean(tender.publishedAt);
  const timeline = useQuery({
    queryKey: ['purchaser', 'timeline', tender.id],
    queryFn: ({ signal }) => fetchTimeline(tender.id, signal),
    enabled: published,
    refetchInterval: 30_000,
  });
  const check = useDraftCheck(null, tender.status === 'draft' ? tender.id : undefined);
  if (published) {
    if (timeline.isError) return <ProblemAlert error={timeline.error} />;
    if (!timeline.data) return <PageLoading label="正在计算时间安排…" />;
    return <PublicTimeline points={timeline.data.steps} />;
  }
  if (tender.status !== 'draft') return <PublicTimeline points={[]} />;
  if (check.isError) return <ProblemAlert error={check.error} />;
  if (!check.data) return <PageLoading label="正在计算时间安排…" />;
  return (
    <>
      <Typography.Paragraph>
        <Hint>草稿的计划时间（尚未发布）；剩余天数按服务器时间和工作日历计算。</Hint>
      </Typography.Paragraph>
      <PublicTimeline points={check.data.planned} />
    </>
  );
}

/** 发布: what still blocks publication, the notice preview, and the publish button with a confirmation. */
function PublishSection({ tender, etag }: { tender: OwnTender; etag: string | null }) {
  const check = useDraftCheck(null, tender.id);
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [previewOpen, setPreviewOpen] = useState(false);
  const publish = useMutation({
    mutationFn: () => publishTender(tender.id, etag ?? `"v${tender.version}"`),
    onSuccess: (published) => {
      message.success('采购公告已发布');
      showChanged(queryClient, published);
    },
  });
  const ready = check.data?.publishable === true;
  const confirm = () =>
    modal.confirm({
      title: '确认发布采购公告？',
      content:
        '发布后采购公告和采购文件立即公开，供应商即可报名投标；采购标的和资格条件不能再修改，其他修改须发布更正公告。',
      okText: '发布',
      cancelText: '取消',
      onOk: () => publish.mutateAsync(),
    });
  return (
    <>
      {check.isError && <ProblemAlert error={check.error} />}
      {check.data ? (
        <div aria-live="polite">
          <Blockers check={check.data} saved />
        </div>
      ) : (
        <PageLoading label="正在检查能否发布…" />
      )}
      <ProblemAlert error={publish.error} />
      <Space wrap style={{ marginTop: 16 }}>
        <Button onClick={() => setPreviewOpen(true)}>预览采购公告</Button>
        <Button type="primary" disabled={!ready} loading={publish.isPending} onClick={confirm}>
          发布采购公告
        </Button>
        {!ready && check.data && <Hint>须先解决上面列出的问题才能发布</Hint>}
      </Space>
      <Modal
        open={previewOpen}
        title="采购公告预览（发布后的样子）"
        onCancel={() => setPreviewOpen(false)}
        footer={<Button onClick={() => setPreviewOpen(false)}>关闭预览</Button>}
        width={760}
      >
        <NoticePreview tender={tender} />
      </Modal>
    </>
  );
}

/** 终止: the reason and a confirmation; a published tender gets a termination notice (终止公告). */
function CancelSection({ tender, etag }: { tender: OwnTender; etag: string | null }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const published = tender.status !== 'draft';
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelTender(tender.id, { reason }, etag ?? `"v${tender.version}"`),
    onSuccess: (cancelled) => {
      message.success(published ? '项目已终止，终止公告已发布' : '草稿已作废');
      showChanged(queryClient, cancelled);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={({ reason }) =>
        modal.confirm({
          title: published ? '确认终止本项目？' : '确认作废本草稿？',
          content: published
            ? '终止后将发布终止公告，项目不再接受投标，且不能恢复。'
            : '作废后草稿不能再编辑或发布。',
          okText: published ? '终止项目' : '作废草稿',
          okButtonProps: { danger: true },
          cancelText: '取消',
          onOk: () => cancel.mutateAsync(reason),
        })
      }
    >
      <Form.Item
        label={published ? '终止原因（将写入终止公告）' : '作废原因'}
        name="reason"
        rules={[
          { required: true, whitespace: true, message: '请填写原因' },
          { min: 2, message: '至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <ProblemAlert error={cancel.error} />
      <Button danger htmlType="submit" loading={cancel.isPending}>
        {published ? '终止项目' : '作废草稿'}
      </Button>
    </Form>
  );
}

/**
 * 采购人的项目页: the facts, the timeline, the documents with their hashes and the uploader; for a
 * draft the checks, the notice preview and publication; for a tendering tender the correction and the
 * termination; after the deadline, the links to the opening, evaluation and award pages.
 */
export function PurchaserTenderPage() {
  const { tenderId = '' } = useParams();
  const query = useQuery({
    queryKey: ['purchaser', 'tender', tenderId],
    queryFn: ({ signal }) => fetchMyTender(tenderId, signal),
  });
  if (query.isPending) return <PageLoading label="正在加载项目…" />;
  if (query.isError)
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          项目
        </Typography.Title>
        <ProblemAlert error={query.error} />
        <LinkButton to="/purchaser">返回项目管理</LinkButton>
      </>
    );
  const { tender, etag } = query.data;
  const base = `/purchaser/tenders/${tender.id}`;
  const live = tender.content.transfer !== undefined;
  const after = !live && OPENING_FROM.includes(tender.status);
  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8, overflowWrap: 'anywhere' }}>
          {tender.content.title}
        </Typography.Title>
        <Space wrap>
          <TenderStatusTag status={tender.status} live={live} />
          <span>{tender.content.purchasingUnitName}</span>
          {tender.publishedAt && <span>发布于 {showBeijing(tender.publishedAt)}</span>}
          {tender.correctionCount > 0 && <span>已更正 {tender.correctionCount} 次</span>}
        </Space>
        <Space wrap style={{ display: 'flex', marginTop: 12 }}>
          {tender.status === 'draft' && (
            <LinkButton type="primary" to={`${base}/edit`}>
              编辑草稿
            </LinkButton>
          )}
          {tender.publishedAt && <LinkButton to={`/tenders/${tender.id}`}>查看公开页面</LinkButton>}
          <LinkButton to="/purchaser">返回项目管理</LinkButton>
        </Space>
      </div>

      {after && (
        <Section title="开标后的工作">
          <Space wrap>
            <LinkButton type="primary" to={`${base}/opening`}>
              开标
            </LinkButton>
            {EVALUATION_FROM.includes(tender.status) && (
              <LinkButton to={`${base}/evaluation`}>评审</LinkButton>
            )}
            {AWARD_FROM.includes(tender.status) && <LinkButton to={`${base}/award`}>定标与合同</LinkButton>}
          </Space>
        </Section>
      )}

      {live && tender.publishedAt && (
        <Section title="挂牌竞价">
          <Space wrap style={{ marginBottom: 12 }}>
            <LinkButton to={`/tenders/${tender.id}`}>查看竞价实况</LinkButton>
            {AWARD_FROM.includes(tender.status) && tender.status !== 'awarding' && (
              <LinkButton to={`${base}/award`}>成交与合同</LinkButton>
            )}
          </Space>
          {tender.status === 'awarding' ? (
            <ReserveRevealCard tender={tender} />
          ) : (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {tender.status === 'tendering'
                ? '竞买人的报价实时显示在公开页面；竞价结束后如设有底价，请在此公开底价。'
                : tender.status === 'failed'
                  ? '本次出让流拍。'
                  : '竞价已结束。'}
            </Typography.Paragraph>
          )}
        </Section>
      )}

      {live && tender.status === 'draft' && (
        <Section title="密封底价">
          <ReserveSealCard tender={tender} etag={etag} />
        </Section>
      )}

      <Section title="项目概况">
        <TenderSummary tender={tender} />
        {tender.content.description && (
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>
            {tender.content.description}
          </Typography.Paragraph>
        )}
      </Section>

      <Section title="时间安排">
        <TimelineSection tender={tender} />
      </Section>

      <Section title="采购文件">
        <TenderDocuments tender={tender} />
      </Section>

      {tender.status === 'draft' && (
        <Section title="发布采购公告">
          <PublishSection tender={tender} etag={etag} />
        </Section>
      )}

      {tender.publishedAt && tender.content.tradeType === 'governmentProcurement' && (
        <Section title="供应商询问">
          <PurchaserEnquiries tenderId={tender.id} />
        </Section>
      )}

      {tender.publishedAt && tender.content.tradeType === 'governmentProcurement' && (
        <Section title="供应商质疑">
          <PurchaserChallenges tenderId={tender.id} />
        </Section>
      )}

      {tender.status === 'tendering' && (
        <Section title="更正公告">
          <Typography.Paragraph>
            {live
              ? '挂牌交易起始前可发布补充公告，变更的内容向社会公布并通知已申请的竞买人；挂牌起始后不得更改（福建网上交易规则第十一条）。'
              : '可更正采购文件、文件获取截止时间和投标截止时间；不得改变采购标的和资格条件（87号令第二十七条）。'}
          </Typography.Paragraph>
          <CorrectionForm tender={tender} etag={etag} />
        </Section>
      )}

      {(tender.status === 'draft' || tender.status === 'tendering') && (
        <Section title={tender.status === 'draft' ? '作废草稿' : '终止项目'}>
          <CancelSection tender={tender} etag={etag} />
        </Section>
      )}

      {tender.status === 'cancelled' && (
        <Alert type="info" showIcon title="本项目已终止" description={tender.cancelReason ?? ''} />
      )}
    </>
  );
}
