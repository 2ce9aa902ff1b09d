import { AWARDS_OPERATIONS } from './operations/awards';
import { BIDS_OPERATIONS } from './operations/bids';
import type { OperationSchemas } from './operations/common';
import { EVALUATION_OPERATIONS } from './operations/evaluation';
import { OPEN_DATA_OPERATIONS } from './operations/open-data';
import { OPENAPI_OPERATIONS } from './operations/openapi';
import { RIGHTS_OPERATIONS } from './operations/rights';
import { TENDERS_OPERATIONS } from './operations/tenders';
import { TRANSFERS_OPERATIONS } from './operations/transfers';
import { WORKBOOK_OPERATIONS } from './operations/workbook';

export type { OperationSchemas } from './operations/common';

/**
 * Schemas of every operation of the route table, keyed by route id: the union of the contexts'
 * sets (`operations/<context>.ts`), which each context's function imports alone.
 */
export const OPERATIONS = {
  ...OPENAPI_OPERATIONS,
  ...OPEN_DATA_OPERATIONS,
  ...TENDERS_OPERATIONS,
  ...BIDS_OPERATIONS,
  ...EVALUATION_OPERATIONS,
  ...AWARDS_OPERATIONS,
  ...WORKBOOK_OPERATIONS,
  ...TRANSFERS_OPERATIONS,
  ...RIGHTS_OPERATIONS,
} as const satisfies Record<string, OperationSchemas>;
/** The id of an operation. */
export type OperationId = keyof typeof OPERATIONS;
