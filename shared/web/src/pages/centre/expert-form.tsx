import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CreateExpertBodySchema, ExpertRelationSchema } from '../../../../schemas/expert';
import { ProblemAlert } from '../../components/problem-alert';
import { ruleFrom } from '../../lib/form-rules';
import {
  createExpert,
  type ExpertRelationView,
  type ExpertView,
  RELATION_KIND_LABELS,
  updateExpert,
} from '../../services/centre';
import { SectionCard } from './section-card';

/** One relation row as the form holds it (the date as a dayjs for the DatePicker). */
interface RelationRow {
  orgId: string;
  kind: ExpertRelationView['kind'];
  until?: Dayjs | null;
}

/** The form's values. */
interface ExpertFormValues {
  name: string;
  userSub: string;
  specialties: string[];
  region: string;
  employerOrgId: string;
  relations: RelationRow[];
}

const shape = CreateExpertBodySchema.shape;
const relationShape = ExpertRelationSchema.shape;

/** The relations as the API takes them. */
function relationsOf(rows: RelationRow[] | undefined): ExpertRelationView[] {
  return (rows ?? []).map((row) => ({
    orgId: row.orgId.trim(),
    kind: row.kind,
    ...(row.until ? { until: row.until.format('YYYY-MM-DD') } : {}),
  }));
}

/**
 * Adds an expert to the pool, or edits one: specialties, region, employer and the relations that force
 * recusal (实施条例第九条: employment, directorship or control in the last 3 years, close kin).
 *
 * Name and sign-in subject are fixed once the expert exists (the API changes neither).
 */
export function ExpertForm({
  expert,
  knownSpecialties = [],
  onDone,
  onCancel,
}: {
  expert?: ExpertView;
  knownSpecialties?: string[];
  onDone: (saved: ExpertView) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ExpertFormValues>();
  const editing = expert !== undefined;
  const save = useMutation({
    mutationFn: async (values: ExpertFormValues) => {
      const common = {
        specialties: values.specialties.map((s) => s.trim()).filter(Boolean),
        region: values.region.trim(),
        employerOrgId: values.employerOrgId.trim(),
        relations: relationsOf(values.relations),
      };
      return expert
        ? updateExpert(expert.id, common)
        : createExpert({ name: values.name.trim(), userSub: values.userSub.trim(), ...common });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['centre', 'expert', saved.id], (old: object | undefined) =>
        old ? { ...old, ...saved } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['centre', 'expert', saved.id] });
      void queryClient.invalidateQueries({ queryKey: ['centre', 'experts'] });
      onDone(saved);
    },
  });

  const initialValues: Partial<ExpertFormValues> = expert
    ? {
        name: expert.name,
        userSub: expert.userSub,
        specialties: expert.specialties,
        region: expert.region,
        employerOrgId: expert.employerOrgId,
        relations: expert.relations.map((r) => ({
          orgId: r.orgId,
          kind: r.kind,
          until: r.until ? dayjs(r.until) : null,
        })),
      }
    : { specialties: [], relations: [] };

  return (
    <SectionCard style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {editing ? `编辑专家：${expert.name}` : '添加专家'}
      </Typography.Title>
      <Form<ExpertFormValues>
        form={form}
        name="expert"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        validateTrigger={['onChange', 'onBlur']}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[{ required: true, message: '请填写姓名' }, ruleFrom(shape.name, '姓名须为 2–100 个字')]}
            >
              <Input disabled={editing} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="登录账号（sub）"
              name="userSub"
              extra="专家登录时使用的账号标识；添加后不可更改。"
              rules={[
                { required: true, message: '请填写登录账号' },
                ruleFrom(shape.userSub, '登录账号须为 1–128 个字符'),
              ]}
            >
              <Input disabled={editing} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="专业"
              name="specialties"
              extra="可填多个，回车确认，如“A02-通用设备”。"
              rules={[
                { required: true, type: 'array', min: 1, message: '请至少填写一个专业' },
                ruleFrom(shape.specialties, '专业无效'),
              ]}
            >
              <Select
                mode="tags"
                tokenSeparators={[',', '，']}
                options={knownSpecialties.map((value) => ({ value, label: value }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              label="所在地区"
              name="region"
              rules={[
                { required: true, message: '请填写地区' },
                ruleFrom(shape.region, '地区须为 2–50 个字'),
              ]}
            >
              <Input placeholder="如 广元市" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              label="工作单位编号"
              name="employerOrgId"
              rules={[
                { required: true, message: '请填写工作单位编号' },
                ruleFrom(shape.employerOrgId, '工作单位编号须为 1–64 个字符'),
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={3} style={{ fontSize: 16 }}>
          回避关系
        </Typography.Title>
        <Typography.Paragraph>
          专家与下列单位存在劳动关系、董事监事职务、控股或实际控制关系（终止未满三年），或为其法定代表人、负责人的近亲属的，
          抽取时自动回避（实施条例第九条）。工作单位本身无须重复填写。
        </Typography.Paragraph>
        <Form.List name="relations">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  variant="outlined"
                  style={{ marginBottom: 12, background: '#fafafa' }}
                  title={`回避关系 ${index + 1}`}
                  extra={
                    <Button
                      size="small"
                      danger
                      aria-label={`删除回避关系 ${index + 1}`}
                      onClick={() => remove(field.name)}
                    >
                      删除
                    </Button>
                  }
                >
                  <Row gutter={16}>
                    <Col xs={24} md={10}>
                      <Form.Item
                        label="关联单位编号"
                        name={[field.name, 'orgId']}
                        rules={[
                          { required: true, message: '请填写关联单位编号' },
                          ruleFrom(relationShape.orgId, '单位编号须为 1–64 个字符'),
                        ]}
                      >
                        <Input autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        label="关系"
                        name={[field.name, 'kind']}
                        rules={[{ required: true, message: '请选择关系' }]}
                      >
                        <Select
                          options={Object.entries(RELATION_KIND_LABELS).map(([value, label]) => ({
                            value,
                            label,
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item label="终止日期（可选）" name={[field.name, 'until']} extra="仍存续的不填">
                        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button
                onClick={() => add({ orgId: '', kind: 'employment', until: null })}
                style={{ marginBottom: 16 }}
              >
                添加回避关系
              </Button>
            </div>
          )}
        </Form.List>

        <ProblemAlert error={save.error} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {editing ? '保存修改' : '添加到专家库'}
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </SectionCard>
  );
}
