import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ROLES } from '../../../../schemas/roles';
import { workspaceOf } from '../../app/workspaces';
import { ProblemAlert } from '../../components/problem-alert';
import { ROLE_LABELS, type Role, useSession } from '../../lib/session';

/** Ready-made demo organisations of the seeded data, by role. */
const DEMO_ORGS: Readonly<Record<Role, { orgId: string; name: string }[]>> = {
  supplier: [
    { orgId: 'org-supplier-demo', name: '演示供应商（新注册）' },
    { orgId: 'org-supplier-goods-01', name: '演示数据中的货物类供应商' },
  ],
  purchaser: [{ orgId: 'org-district-education', name: '广元市昭化区教育局' }],
  expert: [{ orgId: 'org-expert-employer-01', name: '评审专家（演示）' }],
  centre: [{ orgId: 'org-trading-centre', name: '公共资源交易中心' }],
};

/** The demo expert of the seeded pool: an expert's token must carry the `sub` of a pool expert. */
const DEMO_EXPERT_SUB = 'seed-expert-01';

/** A safe place to return to: a path of this portal, never another site. */
function safeReturn(value: string | null, role: Role): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : workspaceOf(role).home;
}

/**
 * 登录: locally the 演示登录 form (a dev token for any role and organisation); in AWS the button to
 * the unified hosted sign-in.
 */
export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initialRole = (ROLES as readonly string[]).includes(params.get('role') ?? '')
    ? (params.get('role') as Role)
    : 'supplier';
  const [role, setRole] = useState<Role>(initialRole);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ orgId: string; name?: string; sub?: string }>();

  if (session.mode === 'cognito') {
    return (
      <Card title="登录" style={{ maxWidth: 480, margin: '24px auto' }}>
        <ProblemAlert error={error} />
        <Typography.Paragraph>
          使用平台统一身份认证登录。登录后按账号所属角色进入对应工作台。
        </Typography.Paragraph>
        <Button
          type="primary"
          block
          onClick={() => session.signInHosted(params.get('returnTo') ?? '/').catch(setError)}
        >
          前往统一身份认证登录
        </Button>
      </Card>
    );
  }

  const submit = async (values: { orgId: string; name?: string; sub?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await session.signInDev({
        role,
        orgId: values.orgId.trim(),
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        ...(role === 'expert' && values.sub?.trim() ? { sub: values.sub.trim() } : {}),
      });
      navigate(safeReturn(params.get('returnTo'), role));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="演示登录" style={{ maxWidth: 520, margin: '24px auto' }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="本地演示环境"
        description="选择角色并填写单位编号即可登录，令牌由本地网关签发；部署到云端后使用统一身份认证。"
      />
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: DEMO_ORGS[initialRole][0]?.orgId, sub: DEMO_EXPERT_SUB }}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item label="角色" htmlFor="login-role">
          <Select
            id="login-role"
            value={role}
            onChange={(next: Role) => {
              setRole(next);
              form.setFieldsValue({ orgId: DEMO_ORGS[next][0]?.orgId ?? '' });
            }}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item
          label="单位编号（custom:orgId）"
          name="orgId"
          rules={[{ required: true, whitespace: true, message: '请填写单位编号' }]}
          extra={`示例：${DEMO_ORGS[role].map((o) => `${o.orgId}（${o.name}）`).join('；')}`}
        >
          <Input autoComplete="organization" maxLength={64} />
        </Form.Item>
        {role === 'expert' && (
          <Form.Item
            label="用户编号（sub）"
            name="sub"
            rules={[{ required: true, whitespace: true, message: '请填写专家库中的用户编号' }]}
            extra={`专家的令牌须带专家库中的用户编号，示例：${DEMO_EXPERT_SUB}（单位 ${DEMO_ORGS.expert[0]?.orgId}）`}
          >
            <Input autoComplete="username" maxLength={128} />
          </Form.Item>
        )}
        <Form.Item label="姓名（可选）" name="name">
          <Input autoComplete="name" maxLength={64} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          以{ROLE_LABELS[role]}身份登录
        </Button>
      </Form>
    </Card>
  );
}
