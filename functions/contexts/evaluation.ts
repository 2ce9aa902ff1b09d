import { createContextHandler } from '../../shared/http/context-handler';

/** The function of the expert pool, committees and the evaluation: a router over the context's routes of the route table, each loaded at its first request. */
export const handler = createContextHandler('evaluation', {
  createExpert: () => import('../create-expert'),
  listExperts: () => import('../list-experts'),
  getExpert: () => import('../get-expert'),
  updateExpert: () => import('../update-expert'),
  assessExpert: () => import('../assess-expert'),
  drawCommittee: () => import('../draw-committee'),
  getCommittee: () => import('../get-committee'),
  verifyCommittee: () => import('../verify-committee'),
  listMyAssignments: () => import('../list-my-assignments'),
  getEvaluationSession: () => import('../get-evaluation-session'),
  declareConflict: () => import('../declare-conflict'),
  saveScoreSheet: () => import('../save-score-sheet'),
  submitScoreSheet: () => import('../submit-score-sheet'),
  confirmOutliers: () => import('../confirm-outliers'),
  getEvaluationReport: () => import('../get-evaluation-report'),
  getCollusionSigns: () => import('../get-collusion-signs'),
  recordCollusionFinding: () => import('../record-collusion-finding'),
  getMyResult: () => import('../get-my-result'),
});
