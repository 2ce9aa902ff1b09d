import type { RouteObject } from 'react-router';
import { PageLoading } from '../components/page-loading';
import { RequireRole } from './require-role';
import { PortalShell } from './shell';
import { WORKSPACES } from './workspaces';

/**
 * The portal's pages, one folder per area under `pages/` (Ant Design Pro's shape): each page is
 * loaded on first visit, so the public board ships without the workspaces.
 */
export const PORTAL_ROUTES: RouteObject[] = [
  {
    path: '/',
    Component: PortalShell,
    // Shown while the first page's chunk loads (without it React Router warns in the console).
    HydrateFallback: PageLoading,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../pages/public/board-page')).BoardPage }),
      },
      {
        path: 'tenders',
        lazy: async () => ({ Component: (await import('../pages/public/tender-list-page')).TenderListPage }),
      },
      {
        path: 'tenders/:tenderId',
        lazy: async () => ({ Component: (await import('../pages/public/tender-page')).TenderPage }),
      },
      {
        path: 'open-data',
        lazy: async () => ({ Component: (await import('../pages/public/open-data-page')).OpenDataPage }),
      },
      {
        path: 'login',
        lazy: async () => ({ Component: (await import('../pages/auth/login-page')).LoginPage }),
      },
      {
        path: 'auth/callback',
        lazy: async () => ({ Component: (await import('../pages/auth/callback-page')).CallbackPage }),
      },
      ...WORKSPACES.map((workspace) => ({
        path: workspace.path,
        element: <RequireRole allow={workspace.role} />,
        children: workspace.children,
      })),
      {
        path: '*',
        lazy: async () => ({ Component: (await import('../pages/not-found-page')).NotFoundPage }),
      },
    ],
  },
];
