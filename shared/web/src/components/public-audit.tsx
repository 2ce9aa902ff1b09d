import { Alert, Table, Typography } from 'antd';
import type { ResponseOf } from '../lib/api';
import { ROLE_LABELS } from '../lib/session';
import { showBeijing } from '../lib/time';

/** A tender's public audit log. */
type AuditLog = ResponseOf<'getTenderAudit'>;

/**
 * Chinese names of the audit events the server seals (the event `type` strings of the use cases).
 *
 * Why here: the server names events in code; the public reads them in Chinese; an unknown type
 * is shown as it is.
 */
const EVENT_LABELS: Readonly<Record<string, string>> = {
  'tender.created': '创建项目草稿',
  'tender.updated': '修改草稿',
  'tender.documentDeclared': '登记采购文件',
  'tender.published': '发布采购公告',
  'tender.corrected': '发布更正公告',
  'tender.cancelled': '终止项目',
  'tender.opened': '开标（投标截止）',
  'tender.failedAtOpening': '开标废标',
  'tender.awarded': '确定成交供应商',
  'tender.awardDeemed': '视同确定成交供应商',
  'tender.contractRecorded': '登记合同',
  'opening.recordPublished': '公布开标记录',
  'opening.closed': '开标结束',
  'committee.drawn': '抽取评审专家',
  'committee.declared': '评审专家声明',
  'committee.memberReplaced': '替换评审专家',
  'evaluation.sheetSubmitted': '提交评分表',
  'evaluation.outliersFlagged': '标记评分异常',
  'evaluation.outliersConfirmed': '确认评分异常',
  'evaluation.reported': '提交评审报告',
  'evaluation.failed': '评审废标',
  'bid.created': '创建投标',
  'bid.submitted': '递交投标文件',
  'bid.replaced': '修改投标文件',
  'bid.withdrawn': '撤回投标',
  'bid.revealed': '投标解密',
  'bid.revealFailed': '投标解密失败',
  'bid.reconfirmed': '重新确认投标',
  'enquiry.asked': '供应商询问',
  'enquiry.answered': '答复询问',
  'challenge.filed': '供应商提出质疑',
  'challenge.answered': '答复质疑',
};

/** Names an event type in Chinese, or shows it as it is. */
export function showEventType(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

/** Names an actor's role in Chinese (the scheduler as 系统). */
function showRole(role: string): string {
  if (role === 'system' || role === 'scheduler') return '系统（定时任务）';
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/** The chain verification, in plain words: complete with its head, or where and why it breaks. */
function ChainVerdict({ log }: { log: AuditLog }) {
  const v = log.verification;
  if (v.valid) {
    return (
      <Alert
        type="success"
        showIcon
        title={`审计链完整：共 ${v.length} 条记录，逐条哈希相连，未被改动`}
        description={
          <div>
            链头哈希：
            <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {v.headHash ?? '（空链）'}
            </Typography.Text>
          </div>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`审计链断裂：第 ${v.brokenAtSeq ?? '?'} 条记录校验不通过`}
      description={`原因：${v.reason ?? '未说明'}。该记录及其后的记录不可信，请向交易中心反映。`}
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * A tender's 审计日志: the server's verification of the hash chain, then each event with its
 * sequence, Beijing time, action and the actor's role (never a person).
 */
export function PublicAudit({ log }: { log: AuditLog }) {
  return (
    <>
      <ChainVerdict log={log} />
      <Table
        size="small"
        rowKey={(e) => `${e.bidId ?? ''}-${e.seq}`}
        dataSource={log.events}
        pagination={log.events.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无审计记录' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 64 },
          { title: '时间（北京时间）', dataIndex: 'at', render: (at: string) => showBeijing(at) },
          { title: '操作', dataIndex: 'type', render: (type: string) => showEventType(type) },
          {
            title: '操作方',
            key: 'actor',
            render: (_: unknown, e) => showRole(e.actor.role) + (e.actor.orgId ? `（${e.actor.orgId}）` : ''),
          },
          {
            title: '记录哈希',
            dataIndex: 'hash',
            render: (hash: string) => (
              <Typography.Text code style={{ fontSize: 12 }} title={hash}>
                {hash.slice(0, 12)}…
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}
