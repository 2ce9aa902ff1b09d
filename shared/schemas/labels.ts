/**
 * The Chinese (and English) names of the values the schemas take: procurement methods, trade types,
 * categories, evaluation methods, tender statuses and the violations an expert's assessment records.
 *
 * Why re-exported here: the web client reads only `shared/schemas` of the server's code, and these
 * names must be the ones the notices and the rules print, from their one definition.
 */
export { VIOLATION_CODES } from '../domain/expert-penalties';
export { TENDER_STATUS_LABELS } from '../domain/lifecycle';
export {
  CATEGORY_LABELS,
  EVALUATION_METHOD_LABELS,
  PROCUREMENT_METHOD_LABELS,
  TRADE_TYPE_LABELS,
  TRANSFER_STATUS_LABELS,
} from '../domain/vocabulary';
export { NOTICE_TYPE_LABELS } from './notice';
