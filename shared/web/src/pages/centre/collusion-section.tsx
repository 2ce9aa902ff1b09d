import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography } from 'antd';
import {
  COMMITTEE_FINDING_LABELS,
  CollusionSignCard,
  UncheckedSigns,
} from '../../components/collusion-sign-card';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { ApiProblemError } from '../../lib/api';
import { showBeijing } from '../../lib/time';
import { type CollusionSignView, getCollusionSigns } from '../../services/collusion';
import { SectionCard } from './section-card';

/** One member's finding, by seat (the digest the public audit log names it by). */
type FindingView = CollusionSignView['findings'][number];

/**
 * 串通投标迹象 for centre staff, who organise the evaluation: every sign among the valid bids with
 * its item of 87号令第三十七条 and its evidence, each member's finding by seat, and the committee's
 * finding once a majority of the seats agree (第六十一条).
 */
export function CollusionSection({ tenderId }: { tenderId: string }) {
  const query = useQuery({
    queryKey: ['centre', 'collusion', tenderId],
    queryFn: ({ signal }) => getCollusionSigns(tenderId, signal),
    retry: (count, error) => !(error instanceof ApiProblemError && error.status < 500) && count < 2,
  });
  const notYet = query.error instanceof ApiProblemError && query.error.status === 422;
  return (
    <SectionCard title="串通投标迹象（87号令第三十七条）" style={{ marginBottom: 16 }}>
      {query.isPending && <PageLoading label="正在比对串通投标迹象…" />}
      {notYet && (
        <Typography.Paragraph>开标记录公布后，平台在有效投标之间比对串通投标迹象。</Typography.Paragraph>
      )}
      {!notYet && <ProblemAlert error={query.error} />}
      {query.data && (
        <>
          <Typography.Paragraph>
            比对数据截至开标记录公布时（{showBeijing(query.data.inputsFixedAt)}
            ）；迹象只供评标委员会认定，不向投标人和公众展示。
          </Typography.Paragraph>
          {query.data.signs.length === 0 && (
            <Alert type="success" showIcon title="平台未发现串通投标迹象" style={{ marginBottom: 8 }} />
          )}
          {query.data.signs.map((sign) => {
            const outcome = sign.committeeFinding ? COMMITTEE_FINDING_LABELS[sign.committeeFinding] : null;
            return (
              <CollusionSignCard
                key={sign.id}
                sign={sign}
                extra={outcome && <ToneTag tone={outcome.tone}>{outcome.text}</ToneTag>}
              >
                {sign.findings.length === 0 ? (
                  <Typography.Text type="secondary">评标委员会成员尚未认定。</Typography.Text>
                ) : (
                  <Table<FindingView>
                    rowKey="seat"
                    size="small"
                    pagination={false}
                    scroll={{ x: true }}
                    aria-label={`${sign.title.zh}：各成员的认定`}
                    dataSource={sign.findings}
                    columns={[
                      { title: '席位', dataIndex: 'seat', render: (seat: string) => seat.slice(0, 8) },
                      {
                        title: '认定',
                        dataIndex: 'collusive',
                        render: (collusive: boolean) => (collusive ? '串通投标' : '不构成串通'),
                      },
                      { title: '理由', dataIndex: 'reason' },
                      { title: '时间', dataIndex: 'at', render: (at: string) => showBeijing(at) },
                    ]}
                  />
                )}
              </CollusionSignCard>
            );
          })}
          <UncheckedSigns unchecked={query.data.unchecked} />
        </>
      )}
    </SectionCard>
  );
}
