import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { SupplierProfileBodySchema } from '../../../../schemas/supplier';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { SupplierHint } from '../../components/supplier-hint';
import { ApiProblemError } from '../../lib/api';
import { ruleFrom } from '../../lib/form-rules';
import { showBeijing } from '../../lib/time';
import {
  fetchMyProfile,
  SCALE_LABELS,
  type SupplierProfileView,
  saveMyProfile,
} from '../../services/supplier';

/** The profile form's values (the date as a dayjs for the DatePicker). */
interface ProfileFormValues {
  name: string;
  creditCode: string;
  scale: SupplierProfileView['scale'];
  scaleDeclaredAt: Dayjs;
  contactName: string;
  contactPhone: string;
  contactEmail?: string;
  managerName?: string;
  managerPhone?: string;
  managerCertificate?: string;
}

const shape = SupplierProfileBodySchema.shape;
const contactShape = shape.contact.shape;
const managerShape = shape.projectManager.unwrap().shape;

/** The project manager as the API takes it: only when a name is given, optional fields left out. */
function projectManagerOf(values: ProfileFormValues) {
  const name = values.managerName?.trim();
  if (!name) return {};
  const phone = values.managerPhone?.trim();
  const certificateNumber = values.managerCertificate?.trim();
  return {
    projectManager: {
      name,
      ...(phone ? { phone } : {}),
      ...(certificateNumber ? { certificateNumber } : {}),
    },
  };
}

/** 企业信息: the supplier's name, 统一社会信用代码, SME scale and contact, checked as typed. */
function SupplierProfilePageContent() {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileFormValues>();
  const profile = useQuery({
    queryKey: ['supplier', 'profile'],
    queryFn: async ({ signal }) => {
      try {
        return await fetchMyProfile(signal);
      } catch (error) {
        if (error instanceof ApiProblemError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const save = useMutation({
    mutationFn: (values: ProfileFormValues) =>
      saveMyProfile({
        name: values.name,
        creditCode: values.creditCode,
        scale: values.scale,
        scaleDeclaredAt: values.scaleDeclaredAt.format('YYYY-MM-DD'),
        contact: {
          name: values.contactName,
          phone: values.contactPhone,
          ...(values.contactEmail ? { email: values.contactEmail } : {}),
        },
        ...projectManagerOf(values),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['supplier', 'profile'], saved);
    },
  });

  useEffect(() => {
    const data = profile.data;
    if (!data) return;
    form.setFieldsValue({
      name: data.name,
      creditCode: data.creditCode,
      scale: data.scale,
      scaleDeclaredAt: dayjs(data.scaleDeclaredAt),
      contactName: data.contact.name,
      contactPhone: data.contact.phone,
      ...(data.contact.email ? { contactEmail: data.contact.email } : {}),
      managerName: data.projectManager?.name ?? '',
      managerPhone: data.projectManager?.phone ?? '',
      managerCertificate: data.projectManager?.certificateNumber ?? '',
    });
  }, [profile.data, form]);

  if (profile.isPending) return <PageLoading />;

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        企业信息
      </Typography.Title>
      <ProblemAlert error={profile.error} />
      {profile.data === null && (
        <Alert
          type="info"
          showIcon
          title="尚未填写企业信息"
          description="报名和投标前请先填写并保存企业信息；统一社会信用代码和企业规模将用于资格审查和中小企业价格扣除。"
          style={{ marginBottom: 16 }}
        />
      )}
      {profile.data && (
        <Typography.Paragraph>
          最近保存：{showBeijing(profile.data.updatedAt)}（第 {profile.data.version} 版）
        </Typography.Paragraph>
      )}
      <Card variant="outlined">
        <Form<ProfileFormValues>
          form={form}
          layout="vertical"
          onFinish={(values) => save.mutate(values)}
          validateTrigger={['onChange', 'onBlur']}
        >
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            基本信息
          </Typography.Title>
          <Form.Item
            label="企业名称"
            name="name"
            rules={[
              { required: true, message: '请填写企业名称' },
              ruleFrom(shape.name, '企业名称须为 2–200 个字'),
            ]}
          >
            <Input autoComplete="organization" />
          </Form.Item>
          <Form.Item
            label="统一社会信用代码"
            name="creditCode"
            extra={<SupplierHint>18 位，末位为校验码（GB 32100-2015）；输入时即校验。</SupplierHint>}
            rules={[
              { required: true, message: '请填写统一社会信用代码' },
              ruleFrom(shape.creditCode, '统一社会信用代码无效'),
            ]}
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item label="企业规模" name="scale" rules={[{ required: true, message: '请选择企业规模' }]}>
            <Select
              options={Object.entries(SCALE_LABELS).map(([value, label]) => ({ value, label }))}
              placeholder="按中小企业声明函（财库〔2020〕46号）选择"
            />
          </Form.Item>
          <Form.Item
            label="中小企业声明日期"
            name="scaleDeclaredAt"
            rules={[{ required: true, message: '请选择声明日期' }]}
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            联系人
          </Typography.Title>
          <Form.Item
            label="联系人姓名"
            name="contactName"
            rules={[
              { required: true, message: '请填写联系人' },
              ruleFrom(contactShape.name, '联系人姓名无效'),
            ]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            label="联系电话"
            name="contactPhone"
            rules={[
              { required: true, message: '请填写联系电话' },
              ruleFrom(contactShape.phone, '电话号码无效'),
            ]}
          >
            <Input autoComplete="tel" />
          </Form.Item>
          <Form.Item
            label="电子邮箱（可选）"
            name="contactEmail"
            rules={[ruleFrom(contactShape.email, '电子邮箱格式不正确')]}
          >
            <Input autoComplete="email" />
          </Form.Item>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            项目负责人（可选）
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            投标时随投标记录保存，评标委员会据此比对不同投标人的项目负责人或联系人是否为同一人（87号令第三十七条第三项）。
          </Typography.Paragraph>
          <Form.Item
            label="项目负责人姓名"
            name="managerName"
            dependencies={['managerPhone', 'managerCertificate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  value?.trim() ||
                  !(getFieldValue('managerPhone')?.trim() || getFieldValue('managerCertificate')?.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error('填写了电话或证书编号时，请填写项目负责人姓名')),
              }),
              ruleFrom(managerShape.name, '项目负责人姓名无效'),
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            label="项目负责人电话"
            name="managerPhone"
            rules={[ruleFrom(managerShape.phone, '电话号码无效')]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="执业资格证书编号"
            name="managerCertificate"
            extra={<SupplierHint>如注册建造师、注册监理工程师等证书编号。</SupplierHint>}
            rules={[ruleFrom(managerShape.certificateNumber, '证书编号须为 4–50 个字符')]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <ProblemAlert error={save.error} />
          {save.isSuccess && (
            <Alert type="success" showIcon title="企业信息已保存" style={{ marginBottom: 16 }} />
          )}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存企业信息
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** The page inside the portal's readable greys (see SupplierContrast). */
export function SupplierProfilePage() {
  return <SupplierProfilePageContent />;
}
