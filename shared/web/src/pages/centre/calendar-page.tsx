import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { CalendarCitationSchema, CalendarYearBodySchema } from '../../../../schemas/calendar';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicRows } from '../../components/public-rows';
import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import {
  type CalendarYearBody,
  type CalendarYearsView,
  listCalendarYears,
  putCalendarYear,
} from '../../services/centre';
import { SectionCard } from './section-card';

/** The source name of a year the portal ships (chinese-days). */
const PACKAGE_SOURCE = 'package';

/** One day as the schedule takes it (YYYY-MM-DD). */
const DaySchema = CalendarYearBodySchema.shape.holidays.element;

/** Splits a pasted list of dates (one a line, or separated by commas, 、 or spaces). */
function splitDates(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A Form rule: every listed date is a real YYYY-MM-DD day of the chosen year. */
function datesRule(getYear: () => number | null | undefined, required: boolean) {
  return {
    validator: async (_rule: unknown, text: string | undefined) => {
      const dates = splitDates(text);
      if (required && dates.length === 0) throw new Error('请至少填写一天');
      const bad = dates.filter((d) => !DaySchema.safeParse(d).success);
      if (bad.length > 0) throw new Error(`日期格式应为 YYYY-MM-DD：${bad.slice(0, 3).join('、')}`);
      const year = getYear();
      const other = year ? dates.filter((d) => !d.startsWith(`${year}-`)) : [];
      if (other.length > 0) throw new Error(`不在 ${year} 年内：${other.slice(0, 3).join('、')}`);
    },
  };
}

/** The schedule form's values. */
interface ScheduleFormValues {
  year: number;
  citation: string;
  publishedOn: Dayjs;
  holidays: string;
  workdays?: string;
  reason?: string;
}

/** The JSON tab's values. */
interface JsonFormValues {
  year: number;
  json: string;
}

/** Reads a pasted or uploaded schedule with the API's own body schema; issues in Chinese. */
function readScheduleJson(
  text: string,
): { ok: true; body: CalendarYearBody } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: '不是有效的 JSON' };
  }
  const parsed = CalendarYearBodySchema.safeParse(value);
  if (parsed.success) return { ok: true, body: parsed.data };
  const lines = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '内容'}：${issue.message.split(' / ')[0]}`);
  return { ok: false, message: lines.join('；') };
}

/** An example of the JSON the upload takes. */
const JSON_EXAMPLE = `{
  "citation": "国办发明电〔2027〕N号",
  "publishedOn": "2027-11-10",
  "holidays": ["2028-01-01", "2028-01-02"],
  "workdays": ["2028-02-19"]
}`;

/** One row of the years list: the package's years as one range, each loaded year on its own. */
type YearRow =
  | { kind: 'package'; from: number; to: number }
  | { kind: 'loaded'; year: CalendarYearsView['years'][number] };

/** The rows, newest first: loaded years one by one, the package's years folded into one range. */
function yearRows(years: CalendarYearsView['years']): YearRow[] {
  const packaged = years.filter((y) => y.source === PACKAGE_SOURCE).map((y) => y.year);
  const loaded: YearRow[] = years
    .filter((y) => y.source !== PACKAGE_SOURCE)
    .map((year): YearRow => ({ kind: 'loaded', year }))
    .reverse();
  return packaged.length > 0
    ? [...loaded, { kind: 'package', from: Math.min(...packaged), to: Math.max(...packaged) }]
    : loaded;
}

/** The loaded years: each with its source, version and digest; the first year not yet covered. */
function LoadedYears({ years }: { years: CalendarYearsView }) {
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        title={`尚未载入 ${years.firstUncovered} 年的节假日安排`}
        description={`期间计算延伸到 ${years.firstUncovered} 年的项目（如跨年的投标截止或公告期）将被拒绝。国务院办公厅发布该年通知后，请在下方载入。`}
        style={{ marginBottom: 12 }}
      />
      <PublicRows
        items={yearRows(years.years)}
        rowKey={(row) => (row.kind === 'package' ? 'package' : String(row.year.year))}
        label="已载入的年度"
        empty="尚未载入任何年度。"
        render={(row) =>
          row.kind === 'package'
            ? {
                title: (
                  <span>
                    {row.from === row.to ? `${row.from} 年` : `${row.from}–${row.to} 年`}{' '}
                    <ToneTag tone="grey">系统内置</ToneTag>
                  </span>
                ),
                facts: ['依据：随系统发布的 chinese-days 节假日数据（不可另行载入，随系统升级更新）'],
              }
            : {
                title: (
                  <span>
                    {row.year.year} 年 <ToneTag tone="blue">中心载入</ToneTag>
                  </span>
                ),
                facts: [
                  `依据：${row.year.source}`,
                  ...(row.year.version ? [`第 ${row.year.version} 版`] : []),
                  ...(row.year.loadedAt ? [`载入：${showBeijing(row.year.loadedAt)}`] : []),
                  ...(row.year.sha256 ? [`SHA-256：${row.year.sha256.slice(0, 16)}…`] : []),
                ],
              }
        }
      />
    </div>
  );
}

/** 工作日历: the years the working-day calendar covers and loading a year's official schedule. */
export function CalendarPage() {
  const queryClient = useQueryClient();
  const years = useQuery({
    queryKey: ['centre', 'calendar-years'],
    queryFn: ({ signal }) => listCalendarYears(signal),
  });
  const [form] = Form.useForm<ScheduleFormValues>();
  const [jsonForm] = Form.useForm<JsonFormValues>();
  const [tab, setTab] = useState('form');
  const load = useMutation({
    mutationFn: ({ year, body }: { year: number; body: CalendarYearBody }) => putCalendarYear(year, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['centre', 'calendar-years'] });
    },
  });
  const yearInForm = Form.useWatch('year', form);
  const loaded = (year: number | undefined) =>
    year !== undefined && years.data?.years.some((y) => y.year === year && y.source !== PACKAGE_SOURCE);

  if (years.isPending) return <PageLoading />;
  const defaultYear = years.data?.firstUncovered ?? new Date().getFullYear() + 1;

  const submitForm = (values: ScheduleFormValues) => {
    load.mutate({
      year: values.year,
      body: {
        citation: values.citation.trim(),
        publishedOn: values.publishedOn.format('YYYY-MM-DD'),
        holidays: splitDates(values.holidays),
        workdays: splitDates(values.workdays),
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      },
    });
  };
  const submitJson = (values: JsonFormValues) => {
    const read = readScheduleJson(values.json);
    if (read.ok) load.mutate({ year: values.year, body: read.body });
  };

  const formTab = (
    <Form<ScheduleFormValues>
      form={form}
      name="calendar"
      layout="vertical"
      initialValues={{ year: defaultYear }}
      onFinish={submitForm}
    >
      <Row gutter={16}>
        <Col xs={24} sm={8} md={4}>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16} md={12}>
          <Form.Item
            label="通知文号"
            name="citation"
            rules={[
              { required: true, message: '请填写通知文号' },
              {
                validator: async (_r, value: string | undefined) => {
                  if (!value) return;
                  const parsed = CalendarCitationSchema.safeParse(value);
                  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message.split(' / ')[0]);
                },
              },
            ]}
          >
            <Input placeholder="如 国办发明电〔2027〕N号" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            label="通知发布日期"
            name="publishedOn"
            rules={[{ required: true, message: '请选择发布日期' }]}
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="放假日"
            name="holidays"
            required
            extra="通知中的全部放假日期（含并入假期的周末），每行一个或以逗号分隔，格式 YYYY-MM-DD。"
            rules={[datesRule(() => form.getFieldValue('year'), true)]}
          >
            <Input.TextArea rows={5} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="调休上班日"
            name="workdays"
            extra="通知中周六、周日调休上班的日期；没有则不填。"
            rules={[datesRule(() => form.getFieldValue('year'), false)]}
          >
            <Input.TextArea rows={5} />
          </Form.Item>
        </Col>
      </Row>
      {loaded(yearInForm) && (
        <Form.Item
          label="替换理由"
          name="reason"
          extra="该年度已载入；已发布项目按原安排计算的期间不变，替换须说明理由，原版本的摘要将保留。"
          rules={[{ required: true, message: '替换已载入的年度须说明理由' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={load.isPending}>
        载入该年度安排
      </Button>
    </Form>
  );

  const jsonTab = (
    <Form<JsonFormValues>
      form={jsonForm}
      name="calendar-json"
      layout="vertical"
      initialValues={{ year: defaultYear }}
      onFinish={submitJson}
    >
      <Row gutter={16}>
        <Col xs={24} sm={8} md={4}>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16} md={20}>
          <Form.Item label="JSON 文件">
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={async (file) => {
                jsonForm.setFieldsValue({ json: await file.text() });
                void jsonForm.validateFields(['json']);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button>选择 JSON 文件…</Button>
            </Upload>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="JSON 内容"
        name="json"
        extra="可直接粘贴，或选择文件后在此核对；字段：citation（文号）、publishedOn、holidays、workdays，替换已载入年度时加 reason。"
        rules={[
          { required: true, message: '请粘贴或上传 JSON' },
          {
            validator: async (_r, value: string | undefined) => {
              if (!value) return;
              const read = readScheduleJson(value);
              if (!read.ok) throw new Error(read.message);
            },
          },
        ]}
      >
        <Input.TextArea rows={8} placeholder={JSON_EXAMPLE} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={load.isPending}>
        载入该年度安排
      </Button>
    </Form>
  );

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        工作日历
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="期间计算规则"
        description={
          <div>
            <div>
              按日计算期间的，开始当天不计入，从次日开始计算；期限的最后一日是国家法定节假日的，顺延到节假日后的次日（87号令第八十五条）。
            </div>
            <div>“以上”“以下”“内”“以内”包括本数，“不足”不包括本数（87号令第八十六条）。</div>
            <div>工作日按国务院办公厅当年发布的节假日安排计算，调休上班日计为工作日。</div>
          </div>
        }
        style={{ marginBottom: 16 }}
      />
      <ProblemAlert error={years.error} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        已载入的年度
      </Typography.Title>
      {years.data && <LoadedYears years={years.data} />}

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        载入年度节假日安排
      </Typography.Title>
      <SectionCard>
        <ProblemAlert error={load.error} />
        {load.data && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={`已载入 ${load.data.year} 年（${load.data.citation}，第 ${load.data.version} 版）`}
            description={`放假日 ${load.data.holidays.length} 天，调休上班日 ${load.data.workdays.length} 天；SHA-256：${load.data.sha256}`}
            style={{ marginBottom: 16, overflowWrap: 'anywhere' }}
          />
        )}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'form', label: '逐项填写', children: formTab },
            { key: 'json', label: '粘贴或上传 JSON', children: jsonTab },
          ]}
        />
      </SectionCard>
    </div>
  );
}
