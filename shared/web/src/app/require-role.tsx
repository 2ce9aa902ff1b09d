import { Result } from 'antd';
import { Outlet, useLocation } from 'react-router';
import { LinkButton } from '../components/link-button';
import { ROLE_LABELS, type Role, useSession } from '../lib/session';

/**
 * Lets a workspace's pages through only for its role; others get a sign-in prompt, never a blank page.
 *
 * Access is decided once per role here (as Ant Design Pro's access file does); the API checks again.
 */
export function RequireRole({ allow: role }: { allow: Role }) {
  const { user } = useSession();
  const location = useLocation();
  if (user?.role === role) return <Outlet />;
  const returnTo = encodeURIComponent(location.pathname + location.search);
  return (
    <Result
      status="403"
      title={user ? `此页面仅供${ROLE_LABELS[role]}使用` : '请先登录'}
      subTitle={
        user
          ? `您当前以${ROLE_LABELS[user.role]}身份登录（${user.name}）。`
          : `${ROLE_LABELS[role]}工作台需要登录后使用。`
      }
      extra={
        <LinkButton type="primary" to={`/login?role=${role}&returnTo=${returnTo}`}>
          {user ? '切换账号' : '登录'}
        </LinkButton>
      }
    />
  );
}
