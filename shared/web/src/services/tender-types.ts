import type * as z from 'zod';
import type { PublicTenderSchema } from '../../../schemas/tender';

/** A published tender as the public sees it (the server's schema). */
export type PublicTender = z.infer<typeof PublicTenderSchema>;
