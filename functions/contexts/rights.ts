import { createContextHandler } from '../../shared/http/context-handler';

/** The function of suppliers' rights (enquiries, challenges and their answers): a router over the context's routes of the route table, each loaded at its first request (no bucket). */
export const handler = createContextHandler('rights', {
  askEnquiry: () => import('../ask-enquiry'),
  listMyEnquiries: () => import('../list-my-enquiries'),
  answerEnquiry: () => import('../answer-enquiry'),
  fileChallenge: () => import('../file-challenge'),
  listChallenges: () => import('../list-challenges'),
  answerChallenge: () => import('../answer-challenge'),
  listAnswerClocks: () => import('../list-answer-clocks'),
});
