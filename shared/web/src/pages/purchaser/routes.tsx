import type { Workspace } from '../../app/workspace';

/** 采购人工作台: own tenders, the draft form, documents, corrections, opening, award and contract. */
export const PURCHASER_WORKSPACE: Workspace = {
  role: 'purchaser',
  path: 'purchaser',
  home: '/purchaser',
  menu: [
    { key: '/purchaser', label: '项目管理' },
    { key: '/purchaser/tenders/new', label: '新建项目' },
  ],
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./projects-page')).PurchaserProjectsPage }),
    },
    {
      path: 'tenders/new',
      lazy: async () => ({ Component: (await import('./tender-form-page')).TenderFormPage }),
    },
    {
      path: 'tenders/:tenderId/edit',
      lazy: async () => ({ Component: (await import('./tender-form-page')).TenderFormPage }),
    },
    {
      path: 'tenders/:tenderId',
      lazy: async () => ({ Component: (await import('./tender-page')).PurchaserTenderPage }),
    },
    {
      path: 'tenders/:tenderId/opening',
      lazy: async () => ({ Component: (await import('./opening-page')).PurchaserOpeningPage }),
    },
    {
      path: 'tenders/:tenderId/evaluation',
      lazy: async () => ({ Component: (await import('./evaluation-page')).PurchaserEvaluationPage }),
    },
    {
      path: 'tenders/:tenderId/award',
      lazy: async () => ({ Component: (await import('./award-page')).AwardPage }),
    },
  ],
};
