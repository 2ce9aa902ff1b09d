import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Grid, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TenderDraft } from '../../../../schemas/tender-checks';
import { ToneTag } from '../../components/public-tags';
import { checkTenderDraft, type DraftCheck } from '../../services/purchaser';
import { FIELD_NAMES, FORM_STEPS, stepOfField } from './draft-form';

/** A rule the draft breaks, as the dry run names it. */
type Violation = DraftCheck['violations'][number];
/** A legal bound of a date. */
type Bound = DraftCheck['earliest'][number];

/** A value that follows `value` once it has stood still for `ms`. */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The dry run of publication for a draft as it is typed (debounced), on the server's rules and
 * calendar; with `tenderId` the stored draft's documents are checked too. The previous answer stays on
 * screen while the next one is fetched.
 */
export function useDraftCheck(draft: TenderDraft | null, tenderId?: string) {
  const key = useDebounced(draft === null ? null : JSON.stringify(draft));
  const query = useQuery({
    queryKey: ['purchaser', 'check', tenderId ?? null, key],
    queryFn: ({ signal }) =>
      checkTenderDraft(
        {
          ...(tenderId ? { tenderId } : {}),
          ...(key === null ? {} : { content: JSON.parse(key) as TenderDraft }),
        },
        signal,
      ),
    enabled: key !== null || Boolean(tenderId),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  return query;
}

/** "87号令第十六条" with the rule id, as a source line. */
function Source({ citation, rule }: { citation: string; rule: string }) {
  return (
    <Typography.Text style={{ color: '#595959' }}>
      依据：{citation}（规则 {rule}）
    </Typography.Text>
  );
}

/** The violations the dry run found, each with its field, text and citation; optionally a link to its step. */
export function ViolationList({
  violations,
  onGoToStep,
  currentStep,
}: {
  violations: Violation[];
  onGoToStep?: (step: number) => void;
  currentStep?: number;
}) {
  return (
    <ul aria-label="不符合的规则" style={{ margin: 0, paddingInlineStart: 20 }}>
      {violations.map((v) => {
        const step = stepOfField(v.field);
        return (
          <li key={`${v.rule}-${v.field ?? ''}-${v.message_zh}`} style={{ marginBottom: 6 }}>
            <div>
              {v.field && <Typography.Text strong>{FIELD_NAMES[v.field] ?? v.field}：</Typography.Text>}
              {v.message_zh}
            </div>
            <Space wrap size={4}>
              <Source citation={v.citation} rule={v.rule} />
              {onGoToStep && v.field !== 'documents' && step !== currentStep && (
                <Button size="small" type="link" onClick={() => onGoToStep(step)} style={{ padding: 0 }}>
                  去“{FORM_STEPS[step]?.title}”修改
                </Button>
              )}
            </Space>
          </li>
        );
      })}
    </ul>
  );
}

/** The rule check of one step: the violations of its fields, or a line that they pass. */
export function StepRuleCheck({ check, step }: { check: DraftCheck | undefined; step: number }) {
  if (!check) return null;
  const mine = check.violations.filter((v) => stepOfField(v.field) === step && v.field !== 'documents');
  if (mine.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title="本步骤已填写的内容符合采购规则"
        description="由服务器按规则表检查；其余步骤的内容在“时间安排”步骤汇总检查。"
        style={{ marginTop: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`本步骤有 ${mine.length} 项不符合采购规则`}
      description={<ViolationList violations={mine} />}
      style={{ marginTop: 16 }}
    />
  );
}

/** The binding earliest (or latest) bound of a date, if the rules set one. */
export function bindingBound(bounds: Bound[], key: Bound['key']): Bound | undefined {
  return bounds.find((b) => b.key === key && b.binding);
}

/** How a bound is counted, in words: "自发布采购公告之日（2026-12-02）起 5 个工作日". */
function showCounting(bound: Bound): string {
  if (bound.count === 0) return `不早于${bound.from.label}之日（${bound.from.date}）`;
  const unit = bound.unit === 'workingDays' ? '个工作日' : '日';
  const planned = bound.from.planned ? '' : '（按其最早日期）';
  return `自${bound.from.label}之日（${bound.from.date}${planned}）起 ${bound.count} ${unit}`;
}

/** The table of the earliest and latest legal day of every date, with the rule behind each. */
export function BoundsTable({ check }: { check: DraftCheck }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const rows = [
    ...check.earliest.map((b) => ({ ...b, kind: '最早' as const })),
    ...check.latest.map((b) => ({ ...b, kind: '最晚' as const })),
  ].sort(
    (a, b) =>
      ORDER.indexOf(a.key) - ORDER.indexOf(b.key) || (a.kind === b.kind ? 0 : a.kind === '最早' ? -1 : 1),
  );
  if (rows.length === 0) {
    return (
      <Typography.Paragraph>
        选定交易类型和采购方式后，这里列出各时间节点的法定最早日期。
      </Typography.Paragraph>
    );
  }
  if (!wide) {
    return (
      <ul aria-label="法定日期" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((row) => (
          <li
            key={`${row.kind}-${row.rule}-${row.key}`}
            style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            <div>
              <Typography.Text strong>
                {row.label} {row.kind}：{row.date}
              </Typography.Text>{' '}
              {row.binding && <ToneTag tone="blue">决定该日期</ToneTag>}
            </div>
            <div>{row.title_zh}</div>
            <div style={{ color: '#595959' }}>
              {showCounting(row)}；{row.citation}
            </div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(row) => `${row.kind}-${row.rule}-${row.key}`}
      dataSource={rows}
      scroll={{ x: true }}
      columns={[
        { title: '时间节点', dataIndex: 'label', width: 150 },
        {
          title: '法定日期',
          width: 170,
          render: (_, row) => (
            <Space orientation="vertical" size={0}>
              <span>
                {row.kind} {row.date}
              </span>
              {row.binding && <ToneTag tone="blue">决定该日期</ToneTag>}
            </Space>
          ),
        },
        { title: '规则', dataIndex: 'title_zh' },
        { title: '计算', render: (_, row) => showCounting(row), width: 260 },
        { title: '依据', dataIndex: 'citation', width: 170 },
      ]}
    />
  );
}

/** The points in timeline order. */
const ORDER: Bound['key'][] = ['documentsFrom', 'documentsUntil', 'bidDeadline'];

/** What still stops publication: missing fields, broken rules, and steps outside the form. */
export function Blockers({
  check,
  saved,
  onGoToStep,
  violationsShownAbove = false,
}: {
  check: DraftCheck;
  saved: boolean;
  onGoToStep?: (step: number) => void;
  /** The violations are listed just above (the form's rule check): count them instead of repeating them. */
  violationsShownAbove?: boolean;
}) {
  const extra = saved ? [] : ['保存草稿后上传招标（采购）文件，再预览并发布采购公告'];
  if (check.publishable && extra.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title="可以发布：已通过全部发布检查"
        description="发布时服务器还会逐一核对已上传文件的 SHA-256。"
      />
    );
  }
  return (
    <Alert
      type={check.violations.length > 0 ? 'error' : 'warning'}
      showIcon
      title="发布前还需"
      description={
        <div>
          {check.missing.length > 0 && (
            <ul aria-label="尚未填写" style={{ margin: 0, paddingInlineStart: 20 }}>
              {check.missing.map((m) => (
                <li key={m.field}>
                  {m.message_zh}
                  {onGoToStep && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => onGoToStep(stepOfField(m.field))}
                      style={{ paddingBlock: 0 }}
                    >
                      去填写
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {check.violations.length > 0 &&
            (violationsShownAbove ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                <li>改正上面“规则检查”列出的 {check.violations.length} 项不符合规则之处</li>
              </ul>
            ) : (
              <ViolationList violations={check.violations} onGoToStep={onGoToStep} />
            ))}
          {extra.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {extra.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      }
    />
  );
}
