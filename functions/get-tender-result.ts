import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { getTenderResult } from '../shared/usecases/awards';

/** GET /api/tenders/{tenderId}/result — the award with its savings or premium, and the contract. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'getTenderResult', async (ctx) => ({
  body: await getTenderResult({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
