import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Steps,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  CATEGORY_LABELS,
  EVALUATION_METHOD_LABELS,
  PROCUREMENT_METHOD_LABELS,
  TRADE_TYPE_LABELS,
} from '../../../../schemas/labels';
import { TenderContentSchema } from '../../../../schemas/tender';
import { AmountHint } from '../../components/amount-hint';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { PublicTimeline } from '../../components/public-timeline';
import { SupplierHint as Hint } from '../../components/supplier-hint';
import { amountRules, ruleFrom } from '../../lib/form-rules';
import { readYuan } from '../../lib/money';
import { serverNow } from '../../lib/server-clock';
import { showBeijing } from '../../lib/time';
import {
  createTender,
  type DraftCheck,
  fetchMyTender,
  type OwnTender,
  updateTender,
} from '../../services/purchaser';
import {
  Blockers,
  BoundsTable,
  bindingBound,
  StepRuleCheck,
  useDraftCheck,
  ViolationList,
} from './draft-checks';
import {
  FORM_STEPS,
  morningOf,
  NEW_TENDER_VALUES,
  stepOfField,
  sumPoints,
  type TenderFormValues,
  toContent,
  toDraft,
  toFormValues,
  toPickerDate,
} from './draft-form';
import { TransferFields } from './transfer-fields';

const shape = TenderContentSchema.shape;

/** Options of a select from a labels table. */
function optionsOf<K extends string>(labels: Readonly<Record<K, { zh: string }>>) {
  return (Object.entries(labels) as [K, { zh: string }][]).map(([value, label]) => ({
    value,
    label: label.zh,
  }));
}

/** A section heading inside a step. */
function StepHeading({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
      {children}
    </Typography.Title>
  );
}

/** 基本信息: title, unit, trade type, method, category, amount, description. */
function BasicsStep({ values }: { values: TenderFormValues }) {
  const government = values.tradeType === 'governmentProcurement';
  return (
    <>
      <StepHeading>基本信息</StepHeading>
      <Form.Item
        label="项目名称"
        name="title"
        rules={[
          { required: true, message: '请填写项目名称' },
          ruleFrom(shape.title, '项目名称须为 2–200 个字'),
        ]}
      >
        <Input placeholder="例如：区第一中学教学设备采购项目" />
      </Form.Item>
      <Form.Item
        label={government ? '采购单位' : '出让人'}
        name="purchasingUnitName"
        rules={[
          { required: true, message: '请填写采购单位' },
          ruleFrom(shape.purchasingUnitName, '采购单位须为 2–200 个字'),
        ]}
      >
        <Input placeholder="例如：某区教育局" autoComplete="organization" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label="交易类型"
            name="tradeType"
            rules={[{ required: true, message: '请选择交易类型' }]}
          >
            <Select options={optionsOf(TRADE_TYPE_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={government ? '采购方式' : '出让方式'}
            name="method"
            rules={[{ required: true, message: '请选择方式' }]}
          >
            <Select options={optionsOf(PROCUREMENT_METHOD_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="品目类别" name="category" rules={[{ required: true, message: '请选择品目类别' }]}>
            <Select options={optionsOf(CATEGORY_LABELS)} placeholder="货物、工程或服务" />
          </Form.Item>
        </Col>
      </Row>
      {government ? (
        <Form.Item
          label="预算金额（元）"
          name="budgetYuan"
          rules={amountRules('预算金额')}
          extra={
            <AmountHint text={values.budgetYuan} fallback={'按批准的预算填写，精确到分，例如 3500000.00'} />
          }
        >
          <Input inputMode="decimal" style={{ maxWidth: 320 }} />
        </Form.Item>
      ) : null}
      {government && (
        <Form.Item
          label="投标保证金（元，可选）"
          name="bidDepositYuan"
          rules={[
            {
              validator: async (_rule: unknown, value: string | undefined) => {
                if (!value?.trim()) return;
                const reading = readYuan(value);
                if (!reading.ok) throw new Error(reading.message);
                if (reading.fen < 1) throw new Error('投标保证金须大于 0');
              },
            },
          ]}
          extra={
            <AmountHint
              text={values.bidDepositYuan}
              fallback="不要求则留空；不得超过预算金额的2%，以支票、汇票、本票或保函等非现金形式提交（实施条例第三十三条）"
            />
          }
        >
          <Input inputMode="decimal" style={{ maxWidth: 320 }} />
        </Form.Item>
      )}
      {government
        ? null
        : values.tradeType &&
          values.tradeType !== 'governmentProcurement' && (
            <TransferFields tradeType={values.tradeType} values={values.transfer} />
          )}
      <Form.Item
        label="项目概况"
        name="description"
        rules={[ruleFrom(shape.description, '项目概况不超过 5000 字')]}
      >
        <Input.TextArea rows={3} placeholder="采购内容、数量、交付要求等" />
      </Form.Item>
    </>
  );
}

/** 资格条件: the suppliers' qualification conditions, one per line. */
function QualificationsStep() {
  return (
    <>
      <StepHeading>供应商资格条件</StepHeading>
      <Typography.Paragraph>
        列出供应商须满足的资格条件（政府采购法第二十二条）。发布后不能通过更正公告修改（87号令第二十七条）。
      </Typography.Paragraph>
      <Form.List name="qualifications">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" style={{ display: 'flex', width: '100%' }} wrap={false}>
                <Form.Item
                  name={field.name}
                  label={`资格条件 ${index + 1}`}
                  rules={[{ required: true, whitespace: true, message: '请填写该条件，或删除这一行' }]}
                  style={{ flex: 1, minWidth: 0 }}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                </Form.Item>
                <Button
                  aria-label={`删除资格条件 ${index + 1}`}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: 30 }}
                >
                  删除
                </Button>
              </Space>
            ))}
            <Button onClick={() => add('')} disabled={fields.length >= 50}>
              添加资格条件
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

/** 中小企业政策: reserved for SMEs, or the price deduction (and why not reserved). */
function SmeStep({ values }: { values: TenderFormValues }) {
  return (
    <>
      <StepHeading>中小企业政策</StepHeading>
      <Form.Item
        label="是否专门面向中小企业采购"
        name="reservedForSme"
        rules={[{ required: true, message: '请选择' }]}
      >
        <Radio.Group
          options={[
            { value: true, label: '专门面向中小企业采购（预留份额，不再价格扣除）' },
            { value: false, label: '不专门面向中小企业（对小微企业报价给予价格扣除）' },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      </Form.Item>
      <Typography.Paragraph>
        <Hint>
          预算 200 万元以下的货物和服务、400 万元以下的工程，适宜由中小企业提供的，应当专门面向中小企业采购；
          不预留须说明理由（财库〔2020〕46号第六条、第七条）。扣除比例以服务器按规则表的检查为准。
        </Hint>
      </Typography.Paragraph>
      {values.reservedForSme === false && (
        <>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label="小微企业价格扣除（%）"
                name="priceDeductionPercent"
                extra={<Hint>货物、服务 10%—20%，工程 3%—5%（财库〔2022〕19号）</Hint>}
              >
                <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="联合体或分包价格扣除（%，可选）"
                name="consortiumDeductionPercent"
                extra={<Hint>小微企业合同份额占 30% 以上的联合体或分包</Hint>}
              >
                <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="不预留的理由"
            name="notReservedReason"
            extra={
              <Hint>预算在预留限额以下而不预留的，必须说明理由（如：采购标的不适宜由中小企业提供）</Hint>
            }
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** 评审办法: the method, the price weight and the criteria, with the running sum. */
function EvaluationStep({ values }: { values: TenderFormValues }) {
  const comprehensive = values.evaluationMethod === 'comprehensive';
  const sum = sumPoints(values);
  const diff = 100 - sum;
  return (
    <>
      <StepHeading>评审办法</StepHeading>
      <Form.Item
        label="评审方法"
        name="evaluationMethod"
        rules={[{ required: true, message: '请选择评审方法' }]}
      >
        <Radio.Group options={optionsOf(EVALUATION_METHOD_LABELS)} />
      </Form.Item>
      {comprehensive && (
        <>
          <Form.Item
            label="价格分值（分，即价格权重 %）"
            name="priceWeightPercent"
            rules={[{ required: true, message: '请填写价格分值' }]}
            extra={<Hint>货物项目不得低于 30 分，服务项目不得低于 10 分（87号令第五十五条）</Hint>}
          >
            <InputNumber min={0} max={100} step={1} style={{ width: 200 }} />
          </Form.Item>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            评审因素
          </Typography.Title>
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col xs={24} md={14}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={`评审因素 ${index + 1} 名称`}
                        rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={16} md={6}>
                      <Form.Item
                        name={[field.name, 'maxPoints']}
                        label={`评审因素 ${index + 1} 分值`}
                        rules={[{ required: true, message: '请填写分值' }]}
                      >
                        <InputNumber min={1} max={100} step={1} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Button
                        aria-label={`删除评审因素 ${index + 1}`}
                        onClick={() => remove(field.name)}
                        style={{ marginTop: 30 }}
                      >
                        删除
                      </Button>
                    </Col>
                  </Row>
                ))}
                <Button
                  onClick={() => add({ name: '', maxPoints: undefined })}
                  disabled={fields.length >= 30}
                >
                  添加评审因素
                </Button>
              </>
            )}
          </Form.List>
          <div
            aria-live="polite"
            data-testid="points-sum"
            style={{ marginTop: 16, padding: '8px 12px', background: '#fafafa', border: '1px solid #d9d9d9' }}
          >
            <Typography.Text strong>
              合计：价格 {typeof values.priceWeightPercent === 'number' ? values.priceWeightPercent : 0} 分 +
              评审因素 {sum - (typeof values.priceWeightPercent === 'number' ? values.priceWeightPercent : 0)}{' '}
              分 = {sum} / 100 分
            </Typography.Text>{' '}
            {diff === 0 ? (
              <ToneTag tone="green">合计正确</ToneTag>
            ) : diff > 0 ? (
              <ToneTag tone="orange">还差 {diff} 分</ToneTag>
            ) : (
              <ToneTag tone="red">超出 {-diff} 分</ToneTag>
            )}
            <div>
              <Hint>价格分值与各评审因素分值合计须为 100 分（87号令第五十五条）。</Hint>
            </div>
          </div>
        </>
      )}
    </>
  );
}

/** A first issue instant on its earliest day: 09:30, or the next half hour when that has passed. */
function suggestedInstant(day: string, today: string): Dayjs {
  if (day !== today) return morningOf(day);
  const next = Math.ceil(serverNow().getTime() / 1_800_000) * 1_800_000;
  return toPickerDate(new Date(next).toISOString());
}

/** One date of the timeline with its earliest legal day and the rule's verdict under it. */
function DateField({
  name,
  label,
  check,
  onSetEarliest,
  noBoundHint = '选定采购方式后显示法定最早日期',
}: {
  name: 'documentsFrom' | 'documentsUntil' | 'bidDeadline';
  label: string;
  check: DraftCheck | undefined;
  onSetEarliest: (value: Dayjs) => void;
  noBoundHint?: string;
}) {
  const earliest = check ? bindingBound(check.earliest, name) : undefined;
  const latest = check ? bindingBound(check.latest, name) : undefined;
  const broken = check?.violations.filter((v) => v.field === `timeline.${name}`) ?? [];
  return (
    <Form.Item
      label={`${label}（北京时间）`}
      name={name}
      rules={[{ required: true, message: `请选择${label}` }]}
      extra={
        <div>
          {earliest ? (
            <Space wrap size={4}>
              <Hint>
                法定最早：{earliest.date}（{earliest.citation}）
                {latest ? `；最晚：${latest.date}（${latest.citation}）` : ''}
              </Hint>
              <Button
                size="small"
                type="link"
                style={{ padding: 0 }}
                onClick={() => onSetEarliest(suggestedInstant(earliest.date, check?.today ?? ''))}
                aria-label={`${label}设为最早日期 ${earliest.date}`}
              >
                设为最早日期
              </Button>
            </Space>
          ) : (
            <Hint>{noBoundHint}</Hint>
          )}
          {broken.map((v) => (
            <div key={v.rule} style={{ color: '#a8071a' }}>
              不符合：{v.message_zh}（{v.citation}）
            </div>
          ))}
        </div>
      }
    >
      <DatePicker
        showTime={{ format: 'HH:mm', minuteStep: 5 }}
        format="YYYY-MM-DD HH:mm"
        style={{ width: '100%', maxWidth: 320 }}
      />
    </Form.Item>
  );
}

/** The three dates of a timeline, in order. */
const TIMELINE_FIELDS = ['documentsFrom', 'documentsUntil', 'bidDeadline'] as const;

/**
 * A date's label: a procurement's (采购文件获取, 投标截止) or, for a listing or auction, what the same
 * date means there (挂牌起始, 竞买申请截止, 挂牌截止 or 拍卖开始; TenderContentSchema's `transfer`).
 */
function timelineLabel(name: (typeof TIMELINE_FIELDS)[number], values: TenderFormValues): string {
  const live = values.tradeType !== undefined && values.tradeType !== 'governmentProcurement';
  if (!live)
    return {
      documentsFrom: '采购文件获取开始时间',
      documentsUntil: '采购文件获取截止时间',
      bidDeadline: '投标截止（开标）时间',
    }[name];
  const auction = values.method === 'auction';
  return {
    documentsFrom: auction ? '出让文件公布时间' : '挂牌起始时间',
    documentsUntil: '竞买申请截止时间',
    bidDeadline: auction ? '拍卖开始时间' : '挂牌截止时间',
  }[name];
}

/** 时间安排: the dates with their legal bounds, the planned timeline, and every rule the draft breaks. */
function TimelineStep({
  check,
  checking,
  error,
  saved,
  onSet,
  onGoToStep,
  values,
}: {
  values: TenderFormValues;
  check: DraftCheck | undefined;
  checking: boolean;
  error: unknown;
  saved: boolean;
  onSet: (name: 'documentsFrom' | 'documentsUntil' | 'bidDeadline', value: Dayjs) => void;
  onGoToStep: (step: number) => void;
}) {
  const live = values.tradeType !== undefined && values.tradeType !== 'governmentProcurement';
  return (
    <>
      <StepHeading>时间安排</StepHeading>
      <Alert
        type="info"
        showIcon
        title="法定日期由服务器按规则表和工作日历计算"
        description={
          check
            ? `按现在发布计算（服务器时间 ${showBeijing(check.checkedAt)}，北京时间）；节假日和调休按国务院办公厅的安排计。修改后自动重新检查。`
            : '正在按现在发布计算各时间节点的法定最早日期…'
        }
        style={{ marginBottom: 16 }}
      />
      <Row gutter={16}>
        {TIMELINE_FIELDS.map((name) => (
          <Col xs={24} md={8} key={name}>
            <DateField
              name={name}
              label={timelineLabel(name, values)}
              check={check}
              onSetEarliest={(v) => onSet(name, v)}
              {...(live ? { noBoundHint: '按出让公告和交易中心规则填写' } : {})}
            />
          </Col>
        ))}
      </Row>
      {!live && (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label="解密时限（分钟）"
              name="decryptionWindowMinutes"
              extra={<Hint>开标后供应商在此时限内解密投标</Hint>}
            >
              <InputNumber min={5} max={1440} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="开标记录确认时限（分钟）"
              name="confirmationWindowMinutes"
              extra={<Hint>解密结束后供应商确认开标记录或提出异议</Hint>}
            >
              <InputNumber min={5} max={10080} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <ProblemAlert error={error} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        规则检查{checking && <Hint>（检查中…）</Hint>}
      </Typography.Title>
      {check && (
        <div aria-live="polite" data-testid="rule-check">
          {check.violations.length === 0 ? (
            <Alert
              type="success"
              showIcon
              title="已通过规则检查：按现在发布，没有违反任何采购规则"
              style={{ marginBottom: 16 }}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={`按现在发布，有 ${check.violations.length} 项不符合采购规则`}
              description={
                <ViolationList violations={check.violations} onGoToStep={onGoToStep} currentStep={4} />
              }
              style={{ marginBottom: 16 }}
            />
          )}
        </div>
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        各时间节点的法定日期
      </Typography.Title>
      {check ? <BoundsTable check={check} /> : <PageLoading label="正在计算…" />}
      {check && check.planned.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            计划时间安排
          </Typography.Title>
          <PublicTimeline points={check.planned} />
        </>
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        发布前检查
      </Typography.Title>
      {check && <Blockers check={check} saved={saved} onGoToStep={onGoToStep} violationsShownAbove />}
    </>
  );
}

/** The form in steps, for a new draft or a stored one. */
function TenderForm({ stored }: { stored?: { tender: OwnTender; etag: string | null } }) {
  const [form] = Form.useForm<TenderFormValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  // Steps not visited yet are not marked: their fields are simply not filled in yet.
  const [visited, setVisited] = useState(() => (stored ? FORM_STEPS.length - 1 : 0));
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const initialValues = useMemo(
    () => (stored ? toFormValues(stored.tender.content) : NEW_TENDER_VALUES),
    [stored],
  );
  const watched = Form.useWatch([], { form, preserve: true }) as TenderFormValues | undefined;
  const values = watched ?? initialValues;
  const draft = useMemo(() => toDraft(values), [values]);
  const check = useDraftCheck(draft, stored?.tender.id);

  const save = useMutation({
    mutationFn: async () => {
      const result = toContent(form.getFieldsValue(true) as TenderFormValues);
      if (!result.ok) throw new Error(`草稿还不完整，不能保存：${result.problems.join('；')}`);
      if (!stored) return (await createTender(result.content, idempotencyKey)).tender;
      const { content } = result;
      return (
        await updateTender(
          stored.tender.id,
          {
            title: content.title,
            description: content.description,
            purchasingUnitName: content.purchasingUnitName,
            tradeType: content.tradeType,
            category: content.category,
            method: content.method,
            ...(content.budgetFen !== undefined ? { budgetFen: content.budgetFen } : {}),
            bidDepositFen: content.bidDepositFen ?? null,
            ...(content.transfer !== undefined ? { transfer: content.transfer } : {}),
            qualifications: content.qualifications,
            sme: content.sme,
            evaluation: content.evaluation,
            timeline: content.timeline,
          },
          stored.etag ?? `"v${stored.tender.version}"`,
        )
      ).tender;
    },
    onSuccess: (tender) => {
      message.success('草稿已保存');
      void queryClient.invalidateQueries({ queryKey: ['purchaser'] });
      navigate(`/purchaser/tenders/${tender.id}`);
    },
  });

  const goTo = async (next: number) => {
    if (next > step) {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    setStep(next);
    setVisited((furthest) => Math.max(furthest, next));
    window.scrollTo({ top: 0 });
  };

  const stepStatus = (index: number): { status?: 'error'; content?: string } => {
    const data = check.data;
    if (!data || index > visited) return {};
    const count = data.violations.filter(
      (v) => v.field !== 'documents' && stepOfField(v.field) === index,
    ).length;
    return count > 0 ? { status: 'error', content: `${count} 项不符合规则` } : {};
  };

  return (
    <div style={{ maxWidth: 1080 }}>
      <Typography.Title level={1} style={{ fontSize: 24, overflowWrap: 'anywhere' }}>
        {stored ? `编辑项目：${stored.tender.content.title}` : '新建项目'}
      </Typography.Title>
      <Steps
        current={step}
        onChange={(next) => void goTo(next)}
        size="small"
        responsive
        items={FORM_STEPS.map((s, index) => ({ title: s.title, ...stepStatus(index) }))}
        style={{ marginBottom: 16 }}
      />
      <Card variant="outlined">
        <Form<TenderFormValues> form={form} layout="vertical" initialValues={initialValues} requiredMark>
          {step === 0 && <BasicsStep values={values} />}
          {step === 1 && <QualificationsStep />}
          {step === 2 && <SmeStep values={values} />}
          {step === 3 && <EvaluationStep values={values} />}
          {step === 4 && (
            <TimelineStep
              values={values}
              check={check.data}
              checking={check.isFetching}
              error={check.error}
              saved={Boolean(stored)}
              onSet={(name, value) => form.setFieldValue(name, value)}
              onGoToStep={(next) => void goTo(next)}
            />
          )}
        </Form>
        {step < 4 && <StepRuleCheck check={check.data} step={step} />}
        <div style={{ marginTop: 16 }}>
          <ProblemAlert error={save.error} />
        </div>
        <Space wrap style={{ marginTop: 8 }}>
          {step > 0 && <Button onClick={() => void goTo(step - 1)}>上一步</Button>}
          {step < FORM_STEPS.length - 1 && (
            <Button type="primary" onClick={() => void goTo(step + 1)}>
              下一步：{FORM_STEPS[step + 1]?.title}
            </Button>
          )}
          <Button
            type={step === FORM_STEPS.length - 1 ? 'primary' : 'default'}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {stored ? '保存修改' : '保存草稿'}
          </Button>
          {stored && <LinkButton to={`/purchaser/tenders/${stored.tender.id}`}>返回项目</LinkButton>}
        </Space>
      </Card>
    </div>
  );
}

/** Loads a stored draft into the form; a published tender changes by correction, not here. */
function EditTender({ tenderId }: { tenderId: string }) {
  const query = useQuery({
    queryKey: ['purchaser', 'tender', tenderId],
    queryFn: ({ signal }) => fetchMyTender(tenderId, signal),
  });
  if (query.isPending) return <PageLoading label="正在加载草稿…" />;
  if (query.isError)
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          编辑项目
        </Typography.Title>
        <ProblemAlert error={query.error} />
      </>
    );
  if (query.data.tender.status !== 'draft')
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          编辑项目
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          title="只有草稿可以编辑"
          description="已发布的项目只能通过更正公告修改采购文件、评审办法或时间（87号令第二十七条）。"
          style={{ marginBottom: 16 }}
        />
        <LinkButton to={`/purchaser/tenders/${tenderId}`}>返回项目</LinkButton>
      </>
    );
  return <TenderForm key={query.data.tender.version} stored={query.data} />;
}

/** 新建 / 编辑项目: the draft form in steps, checked against the server's rules as it is typed. */
export function TenderFormPage() {
  const { tenderId } = useParams();
  return tenderId ? <EditTender tenderId={tenderId} /> : <TenderForm />;
}
