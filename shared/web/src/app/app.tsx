import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createBrowserRouter, RouterProvider } from 'react-router';
import type { WebConfig } from '../../../schemas/web-config';
import { ApiProblemError } from '../lib/api';
import { SessionProvider } from '../lib/session';
import { PORTAL_ROUTES } from './routes';

/** One query client: API reads are fresh for 10 s; a 4xx is an answer, not something to retry. */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) =>
        !(error instanceof ApiProblemError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(PORTAL_ROUTES);

/** A user who asked the system for reduced motion gets no animations (WCAG 2.3.3). */
const REDUCED_MOTION =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/** The portal's colours: the red of Chinese public-resource trading portals, readable contrast. */
const THEME = {
  token: {
    motion: !REDUCED_MOTION,
    colorPrimary: '#b71c1c',
    colorLink: '#a31515',
    // Ant Design's default greys and red fall below WCAG AA contrast on white; these meet it.
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorError: '#b3261e',
    borderRadius: 4,
    fontFamily:
      "-apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** The whole client: Ant Design in Chinese, the query cache, the session, the router. */
export function App({ config }: { config: WebConfig }) {
  return (
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider config={config}>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
