import { Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { showYuan } from '../lib/money';
import { showBeijing } from '../lib/time';
import type { CollusionSignsView, CollusionSignView } from '../services/collusion';
import { Digest } from './digest';
import { ToneTag } from './public-tags';

/** What the bidder did, as the bid chain's event type names it. */
const OPERATION_LABELS: Record<string, string> = {
  'bid.created': '创建投标',
  'bid.submitted': '提交投标',
  'bid.replaced': '投标被替换',
  'bid.withdrawn': '撤回投标',
  'bid.reconfirmed': '重新确认投标',
  'bid.revealed': '解密投标',
  'bid.revealFailed': '解密未成功',
};

const ROLE_LABELS = { contact: '联系人', projectManager: '项目负责人' } as const;
const MATCH_LABELS = { phone: '电话号码', email: '电子邮箱', certificateNumber: '证书编号' } as const;

/** The committee's finding, as centre staff see it. */
export const COMMITTEE_FINDING_LABELS = {
  collusive: { text: '委员会认定：串通投标', tone: 'red' },
  notCollusive: { text: '委员会认定：不构成串通', tone: 'green' },
  open: { text: '尚未形成多数意见', tone: 'grey' },
} as const;

/** The evidence of a sign, in words, naming each bidder. */
function Evidence({ sign }: { sign: CollusionSignView }) {
  const name = (bidId: string) => sign.bids.find((b) => b.bidId === bidId)?.supplierName ?? bidId;
  const e = sign.evidence;
  let rows: { key: string; label: string; children: ReactNode }[];
  switch (e.kind) {
    case 'identicalDocument':
      rows = [
        {
          key: 'hash',
          label: e.basis === 'ciphertext' ? '相同的密文 SHA-256' : '解密后相同的明文 SHA-256',
          children: <Digest value={e.sha256} label="文件哈希" />,
        },
        {
          key: 'files',
          label: '文件',
          children: e.documents.map((d) => `${name(d.bidId)}：${d.fileName}`).join('；'),
        },
      ];
      break;
    case 'sameSealingKey':
      rows = [
        {
          key: 'key',
          label: '相同的密钥承诺',
          children: <Digest value={e.keyCommitment} label="密钥承诺" />,
        },
      ];
      break;
    case 'sameNetworkAddress':
      rows = [
        { key: 'ip', label: '网络地址', children: <Typography.Text code>{e.sourceIp}</Typography.Text> },
        {
          key: 'ops',
          label: '来自该地址的操作',
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {e.operations.map((op) => (
                <li key={`${op.bidId}-${op.seq}`}>
                  {name(op.bidId)}：{OPERATION_LABELS[op.type] ?? op.type}（{showBeijing(op.at)}）
                </li>
              ))}
            </ul>
          ),
        },
      ];
      break;
    case 'samePerson':
      rows = [
        { key: 'match', label: `相同的${MATCH_LABELS[e.matchedOn]}`, children: e.value },
        {
          key: 'people',
          label: '人员',
          children: e.people.map((p) => `${name(p.bidId)}的${ROLE_LABELS[p.role]}：${p.name}`).join('；'),
        },
      ];
      break;
    case 'priceProgression':
      rows = [
        {
          key: 'kind',
          label: e.progression === 'arithmetic' ? '等差：每档相差' : '等比：相邻报价之比',
          children: e.progression === 'arithmetic' ? showYuan(Number(e.step)) : e.step,
        },
        {
          key: 'prices',
          label: '报价（由低到高）',
          children: e.prices
            .map((p) => `${showYuan(p.priceFen)}（${p.bidIds.map(name).join('、')}）`)
            .join(' → '),
        },
      ];
      break;
    case 'sameDepositAccount':
      rows = [
        {
          key: 'account',
          label: '付款账户',
          children: `${e.accountNumber}${e.accountName ? `（${e.accountName}）` : ''}`,
        },
      ];
      break;
  }
  return <Descriptions size="small" column={1} bordered items={rows} style={{ marginBottom: 8 }} />;
}

/**
 * One collusion sign: what it is, the item of 87号令第三十七条 it is evidence of, the bidders it
 * involves and its evidence; `children` holds what the reader can do with it (the member's finding,
 * or the centre's view of the findings).
 */
export function CollusionSignCard({
  sign,
  extra,
  children,
}: {
  sign: CollusionSignView;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card size="small" style={{ marginBottom: 12 }} aria-label={`${sign.title.zh}（${sign.citation}）`}>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
        {sign.title.zh} <ToneTag tone="orange">{sign.citation}</ToneTag> {extra}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        涉及投标人：{sign.bids.map((b) => b.supplierName).join('、')}
      </Typography.Paragraph>
      <Evidence sign={sign} />
      {children}
    </Card>
  );
}

/** The kinds of sign the platform cannot compute, and why: said, so nobody reads silence as clean. */
export function UncheckedSigns({ unchecked }: { unchecked: CollusionSignsView['unchecked'] }) {
  if (unchecked.length === 0) return null;
  return (
    <Typography.Paragraph type="secondary">
      平台无法比对的情形：
      {unchecked.map((u) => `${u.citation}——${u.reason.zh}`).join('；')}。
    </Typography.Paragraph>
  );
}
