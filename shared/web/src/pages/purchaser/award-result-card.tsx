import { Alert, Card, Col, Descriptions, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { showFileSize } from '../../components/public-documents';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import type { TenderResultView } from '../../services/purchaser-award';
import { SCALE_LABELS } from '../../services/supplier';

/** An amount in 分 that may be negative (an over-budget deal saves less than nothing). */
function showSignedYuan(fen: number): string {
  return fen < 0 ? `−${showYuan(-fen)}` : showYuan(fen);
}

/** One headline figure. */
function Figure({
  title,
  value,
  note,
  testId,
}: {
  title: string;
  value: string;
  note?: string;
  testId: string;
}) {
  return (
    <Col xs={24} sm={12} md={6}>
      <Card variant="outlined" size="small" data-testid={testId} style={{ height: '100%' }}>
        <Statistic title={<span style={{ color: 'rgba(0, 0, 0, 0.75)' }}>{title}</span>} value={value} />
        {note && <div style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{note}</div>}
      </Card>
    </Col>
  );
}

/**
 * 成交结果: the supplier and 成交金额, with 节约资金 and 节约率 (溢价 and 溢价率 for a rights transfer)
 * exactly as the API computed them, the award's dates and, once recorded, the contract.
 */
export function AwardResultCard({ result }: { result: TenderResultView }) {
  const { award, contract } = result;
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'supplier', label: '成交供应商', children: award.supplierName },
    { key: 'scale', label: '企业规模', children: SCALE_LABELS[award.supplierScale] },
    { key: 'order', label: '候选人顺序', children: `第 ${award.candidateRank} 中标候选人` },
    { key: 'awardedAt', label: '确定时间', children: showBeijing(award.awardedAt) },
    {
      key: 'notice',
      label: '结果公告',
      children: (
        <span>
          {showBeijing(award.resultNoticeAt)} 发布
          {award.lateNotice && <ToneTag tone="orange">晚于 2 个工作日期限</ToneTag>}
        </span>
      ),
    },
    { key: 'due', label: '合同签订期限', children: showBeijing(award.contractDueBy) },
  ];
  if (award.deemed) {
    items.push({
      key: 'deemed',
      label: '确定方式',
      children: '采购人逾期未确定，按评审排序视同确定第一候选人',
    });
  }
  if (award.outOfOrderReason) {
    items.push({ key: 'reason', label: '不按排序确定的理由', children: award.outOfOrderReason });
  }
  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="award-result">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        成交结果
      </Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Figure
          testId="deal-amount"
          title="成交金额"
          value={showYuan(award.dealAmountFen)}
          note={`${result.dealAmount}`}
        />
        {result.budgetFen !== undefined && (
          <Figure testId="budget" title="预算金额" value={showYuan(result.budgetFen)} />
        )}
        {result.savingsFen !== undefined && (
          <Figure
            testId="savings"
            title="节约资金"
            value={showSignedYuan(result.savingsFen)}
            {...(result.savings ? { note: result.savings } : {})}
          />
        )}
        {result.savingsRate !== undefined && (
          <Figure testId="savings-rate" title="节约率" value={result.savingsRate} />
        )}
        {result.startPriceFen !== undefined && (
          <Figure testId="start-price" title="起始价" value={showYuan(result.startPriceFen)} />
        )}
        {result.premiumFen !== undefined && (
          <Figure
            testId="premium"
            title="溢价"
            value={showSignedYuan(result.premiumFen)}
            {...(result.premium ? { note: result.premium } : {})}
          />
        )}
        {result.premiumRate !== undefined && (
          <Figure testId="premium-rate" title="溢价率" value={result.premiumRate} />
        )}
      </Row>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={items} style={{ marginBottom: 8 }} />
      {result.savingsFen !== undefined && result.savingsFen < 0 && (
        <Alert type="warning" showIcon title="成交金额超过预算" style={{ marginBottom: 8 }} />
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        合同
      </Typography.Title>
      {contract ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          data-testid="contract"
          items={[
            { key: 'amount', label: '合同金额', children: showYuan(contract.amountFen) },
            { key: 'signedOn', label: '签订日期', children: contract.signedOn },
            {
              key: 'recordedAt',
              label: '登记时间',
              children: (
                <span>
                  {showBeijing(contract.recordedAt)}
                  {contract.late && <ToneTag tone="orange">逾期登记</ToneTag>}
                </span>
              ),
            },
            {
              key: 'file',
              label: '合同文本',
              span: 'filled',
              children: (
                <span style={{ overflowWrap: 'anywhere' }}>
                  {contract.document.fileName}（{showFileSize(contract.document.size)}）
                  {contract.document.verified ? (
                    <ToneTag tone="green">平台已校验</ToneTag>
                  ) : (
                    <ToneTag tone="red">未校验</ToneTag>
                  )}
                  <br />
                  SHA-256：
                  <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                    {contract.document.sha256}
                  </Typography.Text>
                </span>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Paragraph>合同尚未登记。</Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        公众看到的结果与公告：
        <Link to={`/tenders/${result.tenderId}`} style={{ textDecoration: 'underline' }}>
          项目公开页面
        </Link>
      </Typography.Paragraph>
    </Card>
  );
}
