import { Descriptions, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  CATEGORY_LABELS,
  EVALUATION_METHOD_LABELS,
  PROCUREMENT_METHOD_LABELS,
  TRADE_TYPE_LABELS,
} from '../../../../schemas/labels';
import { showFileSize } from '../../components/public-documents';
import { factLabels, transferTermItems } from '../../components/transfer-terms';
import { showWanYuan, showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import type { OwnTender } from '../../services/purchaser';

/** A tender's content. */
type Content = OwnTender['content'];

/** The SME policy in words, as the notice states it (财库〔2020〕46号). */
export function describeSmePolicy(sme: Content['sme']): string {
  if (sme.reservedForSme) return '本项目专门面向中小企业采购';
  const parts = ['本项目不专门面向中小企业'];
  if (sme.notReservedReason) parts.push(`理由：${sme.notReservedReason}`);
  if (sme.priceDeductionPercent !== undefined)
    parts.push(`对小微企业报价给予 ${sme.priceDeductionPercent}% 的扣除`);
  if (sme.consortiumDeductionPercent !== undefined)
    parts.push(`小微企业份额占 30% 以上的联合体或分包给予 ${sme.consortiumDeductionPercent}% 的扣除`);
  return parts.join('；');
}

/** The evaluation method with its price weight and criteria. */
export function describeEvaluation(evaluation: Content['evaluation']): ReactNode {
  return (
    <div>
      <div>
        {EVALUATION_METHOD_LABELS[evaluation.method].zh}
        {evaluation.priceWeightPercent !== undefined && `（价格分 ${evaluation.priceWeightPercent} 分）`}
      </div>
      {evaluation.criteria.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {evaluation.criteria.map((c) => (
            <li key={c.name}>
              {c.name}：{c.maxPoints} 分
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The qualification conditions as an ordered list. */
function Qualifications({ items }: { items: string[] }) {
  if (items.length === 0) return <>无特定资格条件（须符合政府采购法第二十二条规定）</>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((q) => (
        <li key={q}>{q}</li>
      ))}
    </ol>
  );
}

/** The facts of a tender as its owner reads them. */
export function TenderSummary({ tender }: { tender: OwnTender }) {
  const c = tender.content;
  const labels = factLabels(c);
  const wide = Grid.useBreakpoint().sm ?? true;
  const items: { key: string; label: string; children: ReactNode; span?: 'filled' }[] = [
    { key: 'id', label: '项目编号', children: <Typography.Text copyable>{tender.id}</Typography.Text> },
    { key: 'unit', label: labels.unit, children: c.purchasingUnitName },
    { key: 'tradeType', label: '交易类型', children: TRADE_TYPE_LABELS[c.tradeType].zh },
    { key: 'method', label: labels.method, children: PROCUREMENT_METHOD_LABELS[c.method].zh },
    { key: 'category', label: '品目类别', children: CATEGORY_LABELS[c.category].zh },
  ];
  if (c.budgetFen !== undefined)
    items.push({ key: 'budget', label: '预算金额', children: showYuan(c.budgetFen) });
  if (c.bidDepositFen !== undefined)
    items.push({ key: 'bidDeposit', label: '投标保证金', children: showYuan(c.bidDepositFen) });
  items.push(...transferTermItems(c, 'preview'));

  items.push(
    {
      key: 'deadline',
      label: labels.deadline,
      children: `${showBeijing(c.timeline.bidDeadline)}（北京时间）`,
    },
    {
      key: 'evaluation',
      label: labels.evaluation,
      children: describeEvaluation(c.evaluation),
      span: 'filled',
    },
    { key: 'sme', label: '中小企业政策', children: describeSmePolicy(c.sme), span: 'filled' },
    {
      key: 'qualifications',
      label: '资格条件',
      children: <Qualifications items={c.qualifications} />,
      span: 'filled',
    },
  );
  if (tender.cancelReason)
    items.push({ key: 'cancel', label: '终止原因', children: tender.cancelReason, span: 'filled' });
  return (
    <Descriptions
      bordered
      size="small"
      layout={wide ? 'horizontal' : 'vertical'}
      column={{ xs: 1, sm: 2, md: 3 }}
      items={items}
    />
  );
}

/**
 * The procurement notice (采购公告) as publication will put it out: the title, the amount in 万元, the
 * conditions, the SME policy, the evaluation method, the timeline and each document with its SHA-256.
 *
 * Why these fields: they are the body the server writes into the notice when the draft is published.
 */
export function NoticePreview({ tender }: { tender: OwnTender }) {
  const c = tender.content;
  const documents = tender.documents.filter((d) => d.active);
  return (
    <article aria-label="采购公告预览">
      <Typography.Title level={3} style={{ fontSize: 18, textAlign: 'center', overflowWrap: 'anywhere' }}>
        {c.title}采购公告
      </Typography.Title>
      <Typography.Paragraph>
        {c.purchasingUnitName}就{c.title}以{PROCUREMENT_METHOD_LABELS[c.method].zh}
        方式进行采购，欢迎符合资格条件的供应商参加。
      </Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'method', label: '采购方式', children: PROCUREMENT_METHOD_LABELS[c.method].zh },
          { key: 'category', label: '品目类别', children: CATEGORY_LABELS[c.category].zh },
          ...(c.budgetFen !== undefined
            ? [
                {
                  key: 'budget',
                  label: '预算金额',
                  children: `${showWanYuan(c.budgetFen)}（${showYuan(c.budgetFen)}）`,
                },
              ]
            : []),
          {
            key: 'qualifications',
            label: '供应商资格条件',
            children: <Qualifications items={c.qualifications} />,
          },
          { key: 'sme', label: '中小企业政策', children: describeSmePolicy(c.sme) },
          { key: 'evaluation', label: '评审办法', children: describeEvaluation(c.evaluation) },
          {
            key: 'documents',
            label: '采购文件获取',
            children: `${showBeijing(c.timeline.documentsFrom)} 至 ${showBeijing(c.timeline.documentsUntil)}（北京时间）`,
          },
          {
            key: 'deadline',
            label: '投标截止及开标时间',
            children: `${showBeijing(c.timeline.bidDeadline)}（北京时间），不见面开标；开标后 ${c.timeline.decryptionWindowMinutes} 分钟内解密`,
          },
          {
            key: 'files',
            label: '采购文件（SHA-256）',
            children:
              documents.length === 0 ? (
                '尚未上传'
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {documents.map((d) => (
                    <li key={d.id} style={{ overflowWrap: 'anywhere' }}>
                      {d.fileName}（{showFileSize(d.size)}）
                      <div style={{ fontFamily: 'monospace', fontSize: 12 }}>{d.sha256}</div>
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12, color: '#595959' }}>
        发布时间以服务器时间为准；发布后采购标的和资格条件不得更正（87号令第二十七条）。
      </Typography.Paragraph>
    </article>
  );
}
