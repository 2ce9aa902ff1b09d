import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Result, Table, Typography } from 'antd';
import { useParams } from 'react-router';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';

import { SupplierTenderHeader, useSupplierTender } from '../../components/supplier-tender-header';
import { fetchMyResult } from '../../services/supplier';

/** Statuses in which the result notice is out (the award is published with it). */
const RESULT_OUT = ['awarded', 'complete'];

/** Shows a score with two decimals, whatever number type the report holds. */
function showScore(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(2) : String(value ?? '—');
}

/** 我的结果: the bidder's own score and rank once the result notice is out (87号令第六十九条). */
function MyResultPageContent() {
  const { tenderId = '' } = useParams();
  const tender = useSupplierTender(tenderId, 15_000);
  const out = tender.data ? RESULT_OUT.includes(tender.data.status) : false;
  const result = useQuery({
    queryKey: ['supplier', 'my-result', tenderId],
    queryFn: ({ signal }) => fetchMyResult(tenderId, signal),
    enabled: out,
  });
  if (tender.isPending) return <PageLoading />;
  if (!tender.data) return <ProblemAlert error={tender.error} />;
  const data = result.data;
  const criteria =
    data && typeof data['criteriaScores'] === 'object' && data['criteriaScores'] !== null
      ? Object.entries(data['criteriaScores'] as Record<string, unknown>)
      : [];
  return (
    <div>
      <SupplierTenderHeader heading="我的结果" tender={tender.data} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        评审结果
      </Typography.Title>
      {!out && (
        <Alert
          type="info"
          showIcon
          title="结果尚未公布"
          description="中标（成交）结果公告发布后，可在此查看本单位的评审得分和排名；其他投标人的得分不会显示（87号令第六十九条）。"
        />
      )}
      {out && result.isPending && <PageLoading />}
      <ProblemAlert error={result.error} />
      {data && data['qualified'] === false && (
        <Result
          status="warning"
          title="您的投标未进入评审排名"
          subTitle={`原因：${String(data['reason'] ?? '未说明').split(' / ')[0]}`}
        />
      )}
      {data && data['qualified'] === true && (
        <Card variant="outlined">
          <Descriptions column={{ xs: 1, sm: 2, md: 3 }}>
            <Descriptions.Item label="排名">
              第 {String(data['rank'])} 名 / 共 {String(data['of'])} 家{data['tied'] ? '（并列）' : ''}
            </Descriptions.Item>
            <Descriptions.Item label="总得分">{showScore(data['total'])}</Descriptions.Item>
            <Descriptions.Item label="价格得分">{showScore(data['priceScore'])}</Descriptions.Item>
          </Descriptions>
          {criteria.length > 0 && (
            <Table
              rowKey="name"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={criteria.map(([name, score]) => ({ name, score }))}
              columns={[
                { title: '评分项', dataIndex: 'name' },
                { title: '得分', render: (_, row) => showScore(row.score) },
              ]}
            />
          )}
        </Card>
      )}
    </div>
  );
}

/** The page inside the portal's readable greys (see SupplierContrast). */
export function MyResultPage() {
  return <MyResultPageContent />;
}
