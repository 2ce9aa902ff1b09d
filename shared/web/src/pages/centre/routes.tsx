import type { Workspace } from '../../app/workspace';

/** 交易中心工作台: the dashboard, the expert pool, draws, assessments, the transfers' deposits, the answer clocks of enquiries and challenges, and the calendar. */
export const CENTRE_WORKSPACE: Workspace = {
  role: 'centre',
  path: 'centre',
  home: '/centre',
  menu: [
    { key: '/centre', label: '报表' },
    { key: '/centre/experts', label: '专家库' },
    { key: '/centre/tenders', label: '评审组织' },
    { key: '/centre/transfers', label: '土地矿权' },
    { key: '/centre/answers', label: '答复时限' },
    { key: '/centre/calendar', label: '工作日历' },
  ],
  children: [
    {
      // The dashboard lives in its own folder (pages/centre-dashboard) with its charts.
      index: true,
      lazy: async () => ({ Component: (await import('../centre-dashboard/dashboard-page')).DashboardPage }),
    },
    {
      path: 'experts',
      lazy: async () => ({ Component: (await import('./experts-page')).ExpertPoolPage }),
    },
    {
      path: 'experts/:expertId',
      lazy: async () => ({ Component: (await import('./expert-page')).ExpertPage }),
    },
    {
      path: 'tenders',
      lazy: async () => ({ Component: (await import('./tenders-page')).CentreTendersPage }),
    },
    {
      path: 'tenders/:tenderId',
      lazy: async () => ({ Component: (await import('./tender-page')).CentreTenderPage }),
    },
    {
      path: 'transfers',
      lazy: async () => ({ Component: (await import('./transfers-page')).CentreTransfersPage }),
    },
    {
      path: 'transfers/:tenderId',
      lazy: async () => ({ Component: (await import('./transfer-page')).CentreTransferPage }),
    },
    {
      path: 'answers',
      lazy: async () => ({ Component: (await import('./answer-clocks-page')).AnswerClocksPage }),
    },
    {
      path: 'calendar',
      lazy: async () => ({ Component: (await import('./calendar-page')).CalendarPage }),
    },
  ],
};
