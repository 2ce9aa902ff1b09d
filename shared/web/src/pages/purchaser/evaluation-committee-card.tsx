import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Typography } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { ApiProblemError } from '../../lib/api';
import { showBeijing } from '../../lib/time';
import {
  AWARD_KEYS,
  type EvaluationReportView,
  fetchCommittee,
  verifyCommittee,
} from '../../services/purchaser-award';
import { AwardTable } from './award-table';

/** A member's place in the committee, in words. */
const MEMBER_STATUS_LABELS: Record<string, string> = {
  drawn: '已抽取，待声明',
  declared: '已声明无需回避，评审中',
  recused: '已回避',
  submitted: '已提交评分表',
};

/** One seat of the committee as the page lists it. */
interface Seat {
  seat: number;
  status: string;
  fromReserve: boolean;
}

/** Whether an error is the API's 404 (nothing there yet), which the page explains in words. */
function isNotFound(error: unknown): boolean {
  return error instanceof ApiProblemError && error.status === 404;
}

/**
 * 评标委员会 as the purchasing unit may see it: the size, each seat's status and whether it came from
 * the reserve, the rule, the draw's seed and snapshot digest, and the server's re-run of the draw. The
 * members' names appear only once the result notice is out (87号令第四十七条、第四十八条), from the report.
 */
export function EvaluationCommitteeCard({
  tenderId,
  report,
  namesPublic,
}: {
  tenderId: string;
  report: EvaluationReportView | undefined;
  namesPublic: boolean;
}) {
  const committee = useQuery({
    queryKey: AWARD_KEYS.committee(tenderId),
    queryFn: ({ signal }) => fetchCommittee(tenderId, signal),
    retry: (count, error) => !isNotFound(error) && count < 2,
    refetchInterval: report ? false : 10_000,
  });
  const verification = useQuery({
    queryKey: AWARD_KEYS.verification(tenderId),
    queryFn: ({ signal }) => verifyCommittee(tenderId, signal),
    enabled: committee.data !== undefined,
  });
  const c = committee.data;
  const names = namesPublic ? (report?.members.map((m) => m.name).filter((n) => n.length > 0) ?? []) : [];
  const seats: Seat[] = (c?.members ?? []).map((m, i) => ({
    seat: i + 1,
    status: m.status,
    fromReserve: m.fromReserve,
  }));
  const v = verification.data;
  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="committee">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        评标委员会
      </Typography.Title>
      {isNotFound(committee.error) ? (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          评标委员会尚未抽取。交易中心将从专家库随机抽取评审专家，抽取后在此显示组成和复核结果。
        </Typography.Paragraph>
      ) : (
        <ProblemAlert error={committee.error} />
      )}
      {c && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="人数">
              {c.size} 人{c.reserveSize > 0 ? `（另备选 ${c.reserveSize} 人）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="抽取时间">{showBeijing(c.drawnAt)}</Descriptions.Item>
            <Descriptions.Item label="专业">{c.criteria.specialties.join('、')}</Descriptions.Item>
            <Descriptions.Item label="组成依据">{c.rule.citation}</Descriptions.Item>
            <Descriptions.Item label="随机种子">
              <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {c.seed}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="专家库快照摘要">
              <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {c.snapshot.digest}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <ProblemAlert error={verification.error} />
          {v && (
            <Alert
              type={v.valid ? 'success' : 'error'}
              showIcon
              data-testid="committee-verification"
              title={v.valid ? '抽取复核一致' : '抽取复核不一致'}
              description={
                v.valid
                  ? `平台按记录的随机种子和专家库快照（${v.eligibleCount} 名符合条件的专家）重新抽取，结果与记录的委员会一致。`
                  : `重新抽取的结果与记录不符：${v.reason ?? '未说明'}。请向交易中心反映。`
              }
              style={{ marginBottom: 12 }}
            />
          )}
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            委员会成员
          </Typography.Title>
          <Typography.Paragraph>
            {namesPublic
              ? `结果公告已发布，评审专家名单随之公开：${names.length > 0 ? names.join('、') : '（报告未列名单）'}。`
              : '评审专家名单在中标（成交）结果公告发布前保密（87号令第四十七条），此处只显示各席位的状态。'}
          </Typography.Paragraph>
          <AwardTable<Seat>
            label="委员会席位"
            rows={seats}
            rowKey={(s) => String(s.seat)}
            empty="委员会没有成员。"
            columns={[
              { key: 'seat', title: '席位', render: (s) => `第 ${s.seat} 席` },
              {
                key: 'status',
                title: '状态',
                render: (s) =>
                  s.status === 'submitted' ? (
                    <ToneTag tone="green">{MEMBER_STATUS_LABELS[s.status]}</ToneTag>
                  ) : s.status === 'recused' ? (
                    <ToneTag tone="orange">{MEMBER_STATUS_LABELS[s.status]}</ToneTag>
                  ) : (
                    <ToneTag tone="blue">{MEMBER_STATUS_LABELS[s.status] ?? s.status}</ToneTag>
                  ),
              },
              { key: 'reserve', title: '来源', render: (s) => (s.fromReserve ? '备选递补' : '随机抽取') },
            ]}
          />
        </>
      )}
    </Card>
  );
}
