import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Result, Steps, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import { EVALUATION_METHOD_LABELS, TENDER_STATUS_LABELS } from '../../../../schemas/labels';
import { DecryptedBidDocuments } from '../../components/decrypted-bid-documents';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ApiProblemError } from '../../lib/api';
import { showYuan } from '../../lib/money';
import {
  type DeclarationResultView,
  type EvaluationSessionView,
  fetchSealedBidDocument,
  getEvaluationSession,
  type SessionBidView,
} from '../../services/expert';
import { SCALE_LABELS } from '../../services/supplier';
import { CollusionSignsSection } from './collusion-signs';
import { DeclarationSection } from './declaration';
import { OutliersSection } from './outliers';
import { ReportSection } from './report';
import { ScoreSheet } from './score-sheet';
import { SeatStatusTag } from './seat-status';

/** A section heading of the session (level 2, under the page's one level-1 heading). */
function SectionTitle({ children, id }: { children: string; id?: string }) {
  return (
    <Typography.Title level={2} id={id} style={{ fontSize: 18, marginTop: 24 }}>
      {children}
    </Typography.Title>
  );
}

/** Which step of the session the member is at, for the steps bar. */
function currentStep(session: EvaluationSessionView): number {
  if (session.seat.status === 'drawn') return 0;
  if (session.seat.status === 'declared') return 1;
  if (session.status === 'evaluating') return 2;
  return 3;
}

/** One bid with its decrypted documents. */
function BidCard({ tenderId, bid }: { tenderId: string; bid: SessionBidView }) {
  const fetchDocument = useCallback(
    (documentId: string, signal: AbortSignal) =>
      fetchSealedBidDocument(tenderId, bid.bidId, documentId, signal),
    [tenderId, bid.bidId],
  );
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
        {bid.supplierName}
      </Typography.Title>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label="企业规模">{SCALE_LABELS[bid.supplierScale]}</Descriptions.Item>
        <Descriptions.Item label="投标报价">
          {typeof bid.priceFen === 'number' ? showYuan(bid.priceFen) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <DecryptedBidDocuments
        documents={bid.documents ?? []}
        keyHex={bid.keyHex}
        fetchDocument={fetchDocument}
        bidderName={bid.supplierName}
      />
    </Card>
  );
}

/** The member has left: its seat went to a reserve. */
function Recused() {
  return (
    <Result
      status="success"
      title="您已声明回避，席位已由候补专家接替"
      subTitle="您不再参与本项目的评审，也不能再查看本项目的投标内容（政府采购法实施条例第九条、87号令第四十九条）。感谢您如实声明。"
      extra={<LinkButton to="/expert">返回我的评审</LinkButton>}
    />
  );
}

/**
 * 远程评审: the member's session of one tender — the 回避声明 first, then the bids and their
 * documents decrypted in the browser, the score sheet saved as a draft and locked, the member's own
 * outliers to confirm, and the report. Nothing here shows another member's sheet.
 */
export function EvaluationSessionPage() {
  const { tenderId = '' } = useParams();
  const [recused, setRecused] = useState<DeclarationResultView | null>(null);
  const query = useQuery({
    queryKey: ['expert', 'session', tenderId],
    queryFn: ({ signal }) => getEvaluationSession(tenderId, signal),
    enabled: recused === null,
    retry: (count, error) => !(error instanceof ApiProblemError && error.status < 500) && count < 2,
    // While the other members score, the outliers and the report come by themselves.
    refetchInterval: (q) =>
      q.state.data?.sheet?.status === 'submitted' && q.state.data.status === 'evaluating' ? 5_000 : false,
  });

  if (recused) {
    return (
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          远程评审
        </Typography.Title>
        <Recused />
      </div>
    );
  }
  if (query.isPending) return <PageLoading label="正在进入评审…" />;
  const session = query.data;
  if (!session) {
    const notSeated = query.error instanceof ApiProblemError && query.error.status === 404;
    return (
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          远程评审
        </Typography.Title>
        {notSeated ? (
          <Result
            status="info"
            title="您不在本项目的评标委员会中"
            subTitle="可能您已声明回避、席位已由候补专家接替，或项目编号有误。"
            extra={<LinkButton to="/expert">返回我的评审</LinkButton>}
          />
        ) : (
          <ProblemAlert error={query.error} />
        )}
      </div>
    );
  }

  const declared = session.seat.status !== 'drawn';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        远程评审：{session.title}
      </Typography.Title>
      <ProblemAlert error={query.error} />
      <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="项目编号">
          <span style={{ overflowWrap: 'anywhere' }}>{session.tenderId}</span>
        </Descriptions.Item>
        <Descriptions.Item label="项目状态">{TENDER_STATUS_LABELS[session.status].zh}</Descriptions.Item>
        <Descriptions.Item label="评标方法">{EVALUATION_METHOD_LABELS[session.method].zh}</Descriptions.Item>
        <Descriptions.Item label="有效投标">{session.bids.length} 家</Descriptions.Item>
        <Descriptions.Item label="我的进度">
          <SeatStatusTag status={session.seat.status} />
        </Descriptions.Item>
      </Descriptions>
      <Steps
        size="small"
        current={currentStep(session)}
        items={[
          { title: '回避声明' },
          { title: '审阅与评分' },
          { title: '锁定与确认' },
          { title: '评标报告' },
        ]}
        style={{ marginBottom: 8 }}
      />

      {session.outliers.length > 0 && !session.outliersConfirmedAt && (
        <Alert
          type="warning"
          showIcon
          title={`您有 ${session.outliers.length} 项异常评分待确认`}
          description={
            <span>
              确认后才能生成评标报告，见下方{' '}
              <a href="#outliers" style={{ textDecoration: 'underline' }}>
                异常评分确认
              </a>
              。
            </span>
          }
          style={{ marginBottom: 8 }}
        />
      )}

      <SectionTitle>回避声明</SectionTitle>
      <DeclarationSection session={session} onRecused={setRecused} />

      {declared && (
        <>
          <SectionTitle>投标文件</SectionTitle>
          <Typography.Paragraph>
            投标文件以投标人的密钥加密存储。浏览器下载密文，先核对其 SHA-256
            与投标回执登记的一致，再用开标时公开的投标密钥在本机解密；解密后的文件只在您的浏览器中。
          </Typography.Paragraph>
          {session.bids.map((bid) => (
            <BidCard key={bid.bidId} tenderId={session.tenderId} bid={bid} />
          ))}

          <SectionTitle id="collusion">串通投标迹象</SectionTitle>
          <CollusionSignsSection session={session} />

          <SectionTitle>评分表</SectionTitle>
          <ScoreSheet session={session} />

          {session.sheet?.status === 'submitted' && (
            <>
              <SectionTitle id="outliers">异常评分确认</SectionTitle>
              <OutliersSection session={session} />
            </>
          )}

          <SectionTitle id="report">评标报告</SectionTitle>
          <ReportSection session={session} />
        </>
      )}
    </div>
  );
}
