import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ProblemAlert } from '../../components/problem-alert';
import { SupplierHint as Hint } from '../../components/supplier-hint';
import { serverNow } from '../../lib/server-clock';
import { showBeijing, showDuration } from '../../lib/time';
import { correctTender, fetchTimeline, type OwnTender } from '../../services/purchaser';
import { fromPickerDate } from './draft-form';

/** The correction form's values. */
interface CorrectionValues {
  summary?: string;
  bidDeadline?: Dayjs | null;
  documentsUntil?: Dayjs | null;
  addDocumentIds?: string[];
  removeDocumentIds?: string[];
  affects?: 'auto' | 'yes' | 'no';
}

/** Days of notice a correction affecting bid preparation needs before the deadline (87号令第二十七条). */
const MIN_NOTICE_DAYS = 15;
const DAY_MS = 86_400_000;
/** Beijing is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** What a correction will do, worked out before it is sent. */
export interface CorrectionPreview {
  /** Whether the change may affect bid preparation (the server's default: documents changed). */
  affects: boolean;
  /** The deadline asked for (or the current one). */
  wanted: string;
  /** Whether the 15-day rule will push it out. */
  extended: boolean;
  /** The earliest deadline the rule allows, at the wanted time of day, before the working-day roll-over. */
  earliest: string | null;
  /** A problem that the server will refuse. */
  refusal: string | null;
}

/**
 * What the server's correction will do to the deadline, as 87号令第二十七条 reads: a change that may
 * affect bid preparation fewer than 15 days before the deadline pushes it to the first day at least 15
 * days after the correction that keeps the deadline's Beijing time of day; the server then rolls a day
 * that is not a working day over to the next one (87号令第八十五条) on its holiday calendar.
 */
export function previewCorrection(
  currentDeadline: string,
  requested: string | null,
  affects: boolean,
  now: Date,
): CorrectionPreview {
  const wanted = requested ?? currentDeadline;
  const wantedMs = Date.parse(wanted);
  const refusal =
    Date.parse(currentDeadline) <= now.getTime()
      ? '投标截止后不能发布更正公告'
      : wantedMs <= now.getTime()
        ? '新的投标截止时间须晚于当前时间'
        : null;
  if (!affects || refusal) return { affects, wanted, extended: false, earliest: null, refusal };
  const earliestMs = now.getTime() + MIN_NOTICE_DAYS * DAY_MS;
  if (wantedMs >= earliestMs) return { affects, wanted, extended: false, earliest: null, refusal };
  const timeOfDay = (wantedMs + BEIJING_OFFSET_MS) % DAY_MS;
  const earliestDayStart = earliestMs - ((earliestMs + BEIJING_OFFSET_MS) % DAY_MS);
  let candidate = earliestDayStart + timeOfDay;
  if (candidate < earliestMs) candidate += DAY_MS;
  return { affects, wanted, extended: true, earliest: new Date(candidate).toISOString(), refusal };
}

/** The preview in words, shown as the form is filled in. */
function PreviewAlert({ preview, changed }: { preview: CorrectionPreview; changed: boolean }) {
  if (preview.refusal)
    return <Alert type="error" showIcon title={preview.refusal} style={{ marginBottom: 16 }} />;
  const left = Date.parse(preview.wanted) - serverNow().getTime();
  const deadline = preview.extended
    ? `距截止仅剩 ${showDuration(left)}，不足 15 日：投标截止时间将顺延至不早于 ${showBeijing(preview.earliest as string)}（北京时间，保持原截止时刻；该日如不是工作日，再顺延至其后第一个工作日，87号令第二十七条、第八十五条）。`
    : preview.affects
      ? `距截止 ${showDuration(left)}，不少于 15 日：投标截止时间${changed ? `改为 ${showBeijing(preview.wanted)}` : `保持 ${showBeijing(preview.wanted)}`}（北京时间）。`
      : `不影响投标文件编制：投标截止时间${changed ? `改为 ${showBeijing(preview.wanted)}` : `保持 ${showBeijing(preview.wanted)}`}（北京时间）。`;
  const bids = preview.affects
    ? '已递交的投标须由供应商在截止前重新确认；未重新确认的投标在开标时按无效投标处理。'
    : '已递交的投标不受影响，无须重新确认。';
  return (
    <Alert
      type={preview.extended ? 'warning' : 'info'}
      showIcon
      title="发布这份更正公告将会："
      description={
        <ul aria-label="更正的效果" style={{ margin: 0, paddingInlineStart: 20 }}>
          <li>{deadline}</li>
          <li>{bids}</li>
          <li>采购标的和资格条件不变（更正不得改变，87号令第二十七条）。</li>
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * 更正公告: what changes (documents, the deadline, the end of document issue), whether it may affect
 * bid preparation, and — before anything is sent — what it will do to the deadline and the bids.
 */
export function CorrectionForm({ tender, etag }: { tender: OwnTender; etag: string | null }) {
  const [form] = Form.useForm<CorrectionValues>();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  // The preview counts on the server's clock, which the timeline sets (the same query as the page's).
  useQuery({
    queryKey: ['purchaser', 'timeline', tender.id],
    queryFn: ({ signal }) => fetchTimeline(tender.id, signal),
  });
  const values = (Form.useWatch([], form) as CorrectionValues | undefined) ?? {};
  const pendingDocs = tender.documents.filter((d) => !d.active);
  const activeDocs = tender.documents.filter((d) => d.active);
  const documentsChanged =
    (values.addDocumentIds?.length ?? 0) > 0 || (values.removeDocumentIds?.length ?? 0) > 0;
  const affects = values.affects === 'yes' || ((values.affects ?? 'auto') === 'auto' && documentsChanged);
  const requested = values.bidDeadline?.isValid() ? fromPickerDate(values.bidDeadline) : null;
  const preview = previewCorrection(tender.content.timeline.bidDeadline, requested, affects, serverNow());

  const send = useMutation({
    mutationFn: (body: Parameters<typeof correctTender>[1]) =>
      correctTender(tender.id, body, etag ?? `"v${tender.version}"`),
    onSuccess: (corrected) => {
      const moved = corrected.content.timeline.bidDeadline !== tender.content.timeline.bidDeadline;
      message.success(
        moved
          ? `更正公告已发布；投标截止时间现为 ${showBeijing(corrected.content.timeline.bidDeadline)}`
          : '更正公告已发布',
      );
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['purchaser'] });
      void queryClient.invalidateQueries({ queryKey: ['tender', tender.id] });
    },
  });

  const submit = (v: CorrectionValues) => {
    const body = {
      summary: v.summary ?? '',
      ...(requested ? { bidDeadline: requested } : {}),
      ...(v.documentsUntil?.isValid() ? { documentsUntil: fromPickerDate(v.documentsUntil) } : {}),
      addDocumentIds: v.addDocumentIds ?? [],
      removeDocumentIds: v.removeDocumentIds ?? [],
      ...(v.affects && v.affects !== 'auto' ? { affectsBidPreparation: v.affects === 'yes' } : {}),
    };
    modal.confirm({
      title: '确认发布更正公告？',
      content: (
        <div>
          <p>更正公告发布后立即公开，不能撤回。</p>
          <PreviewAlert preview={preview} changed={requested !== null} />
        </div>
      ),
      okText: '发布更正公告',
      cancelText: '取消',
      onOk: () => send.mutateAsync(body),
    });
  };

  return (
    <Form<CorrectionValues>
      form={form}
      layout="vertical"
      initialValues={{ affects: 'auto' }}
      onFinish={submit}
    >
      <Form.Item
        label="更正内容摘要"
        name="summary"
        rules={[
          { required: true, whitespace: true, message: '请说明更正的内容' },
          { min: 2, message: '至少 2 个字' },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder="例如：更正采购需求第三条的技术参数，补充附件二"
        />
      </Form.Item>
      <Form.Item
        label="新的投标截止时间（北京时间，可选）"
        name="bidDeadline"
        extra={
          <Hint>
            当前：{showBeijing(tender.content.timeline.bidDeadline)}；不填则保持不变（不足 15 日时依法顺延）
          </Hint>
        }
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%', maxWidth: 320 }}
        />
      </Form.Item>
      <Form.Item
        label="新的采购文件获取截止时间（北京时间，可选）"
        name="documentsUntil"
        extra={<Hint>当前：{showBeijing(tender.content.timeline.documentsUntil)}</Hint>}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%', maxWidth: 320 }}
        />
      </Form.Item>
      {pendingDocs.length === 0 ? (
        <Typography.Paragraph>
          <Hint>要随更正公告加入新文件，请先在上面的“采购文件”中上传，再回到这里勾选。</Hint>
        </Typography.Paragraph>
      ) : (
        <Form.Item label="加入的文件" name="addDocumentIds" extra={<Hint>随本更正公告公开的新文件</Hint>}>
          <Checkbox.Group options={pendingDocs.map((d) => ({ value: d.id, label: d.fileName }))} />
        </Form.Item>
      )}
      <Form.Item label="撤下的文件" name="removeDocumentIds">
        <Checkbox.Group options={activeDocs.map((d) => ({ value: d.id, label: d.fileName }))} />
      </Form.Item>
      <Form.Item label="是否可能影响投标文件编制" name="affects">
        <Radio.Group
          options={[
            { value: 'auto', label: '按默认：加入或撤下文件即视为影响' },
            { value: 'yes', label: '影响' },
            { value: 'no', label: '不影响（如仅更正文字错误）' },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        发布前预览
      </Typography.Title>
      <div aria-live="polite" data-testid="correction-preview">
        <PreviewAlert preview={preview} changed={requested !== null} />
      </div>
      <ProblemAlert error={send.error} />
      <Button type="primary" htmlType="submit" loading={send.isPending} disabled={preview.refusal !== null}>
        发布更正公告
      </Button>
    </Form>
  );
}
