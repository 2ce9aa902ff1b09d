import { Button, Layout, Space } from 'antd';
import './shell.css';
import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LinkButton } from '../components/link-button';
import { PageLoading } from '../components/page-loading';
import { ROLE_LABELS, useSession } from '../lib/session';
import { workspaceOf } from './workspaces';

/** The public menu. */
const PUBLIC_MENU = [
  { key: '/', label: '交易公告' },
  { key: '/tenders', label: '项目信息' },
  { key: '/open-data', label: '开放数据' },
];

/** Picks the menu entry a path belongs to (the longest prefix). */
function selectedKey(pathname: string, keys: string[]): string {
  const matches = keys.filter((key) => (key === '/' ? pathname === '/' : pathname.startsWith(key)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? '';
}

/**
 * The frame of every page: the portal's name, the public menu, the user's workspace menu and the
 * sign-in; the page below it loads on demand.
 */
export function PortalShell() {
  const { user, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = [...PUBLIC_MENU, ...(user ? workspaceOf(user.role).menu : [])];
  const current = selectedKey(
    location.pathname,
    items.map((i) => i.key),
  );
  const nav = useRef<HTMLElement>(null);
  // On a phone the menu row scrolls sideways: bring the current entry into view.
  useEffect(() => {
    if (!current) return;
    const link = nav.current?.querySelector<HTMLElement>(`a[href="${current}"]`);
    if (link && nav.current) {
      nav.current.scrollLeft = link.offsetLeft - (nav.current.clientWidth - link.offsetWidth) / 2;
    }
  }, [current]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header className="portal-header">
        <Link to="/" className="portal-brand">
          公共资源交易平台
        </Link>
        {/* Plain links, not antd's Menu: the board's first load stays small, and on a phone the row scrolls. */}
        <nav ref={nav} aria-label="主菜单" className="portal-nav">
          {items.map((item) => (
            <Link
              key={item.key}
              to={item.key}
              className={item.key === current ? 'portal-nav-link is-current' : 'portal-nav-link'}
              {...(item.key === current ? { 'aria-current': 'page' as const } : {})}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        {user ? (
          <div className="portal-user">
            <span className="portal-user-name" title={`${ROLE_LABELS[user.role]} · ${user.orgId}`}>
              {user.name}
            </span>
            <Button
              ghost
              size="small"
              aria-label={`当前用户 ${user.name}，退出登录`}
              onClick={() => {
                signOut();
                navigate('/');
              }}
            >
              退出
            </Button>
          </div>
        ) : (
          <LinkButton ghost to="/login">
            登录
          </LinkButton>
        )}
      </header>
      <Layout.Content style={{ padding: '16px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <main>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Space orientation="vertical" size={0}>
          <span style={{ color: '#595959' }}>
            公共资源交易平台 · 投标文件在投标人浏览器中加密，开标前任何人无法读取
          </span>
          <span style={{ color: '#595959' }}>
            <a href="/api/openapi.json">接口文档（OpenAPI）</a> ·{' '}
            <Link to="/open-data">开放数据（OCDS）</Link>
          </span>
        </Space>
      </Layout.Footer>
    </Layout>
  );
}
