import type { Workspace } from '../../app/workspace';

/** 供应商工作台: projects, profile, the bid, the opening room, the own result and the auction room. */
export const SUPPLIER_WORKSPACE: Workspace = {
  role: 'supplier',
  path: 'supplier',
  home: '/supplier',
  menu: [
    { key: '/supplier', label: '我的项目' },
    { key: '/supplier/profile', label: '企业信息' },
  ],
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./projects-page')).SupplierProjectsPage }),
    },
    {
      path: 'profile',
      lazy: async () => ({ Component: (await import('./profile-page')).SupplierProfilePage }),
    },
    {
      path: 'tenders/:tenderId/bid',
      lazy: async () => ({ Component: (await import('./bid-page')).BidPage }),
    },
    {
      path: 'tenders/:tenderId/opening',
      lazy: async () => ({ Component: (await import('./opening-page')).OpeningRoomPage }),
    },
    {
      path: 'tenders/:tenderId/auction',
      lazy: async () => ({ Component: (await import('./auction-page')).AuctionRoomPage }),
    },
    {
      path: 'tenders/:tenderId/result',
      lazy: async () => ({ Component: (await import('./result-page')).MyResultPage }),
    },
  ],
};
