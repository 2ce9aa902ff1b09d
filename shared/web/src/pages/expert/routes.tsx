import type { Workspace } from '../../app/workspace';

/** 评审专家工作台: assignments and the remote evaluation session. */
export const EXPERT_WORKSPACE: Workspace = {
  role: 'expert',
  path: 'expert',
  home: '/expert',
  menu: [{ key: '/expert', label: '我的评审' }],
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./assignments-page')).ExpertAssignmentsPage }),
    },
    {
      path: 'tenders/:tenderId',
      lazy: async () => ({ Component: (await import('./session-page')).EvaluationSessionPage }),
    },
  ],
};
