import * as z from 'zod';
import './zod-config';

/** An Idempotency-Key: 8–128 printable ASCII characters (a UUID or ULID fits). */
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,128}$/, {
  error:
    'Idempotency-Key 须为 8–128 个可见 ASCII 字符 / Idempotency-Key must be 8–128 printable ASCII characters',
});

/** An If-Match header: an ETag such as "v3", or *. */
export const IfMatchSchema = z.string().regex(/^(\*|(W\/)?"v\d+")$/, {
  error: 'If-Match 须为形如 "v3" 的 ETag / If-Match must be an ETag like "v3"',
});

/** Headers of a create request. */
export const IdempotentHeadersSchema = z.looseObject({ 'idempotency-key': IdempotencyKeySchema.optional() });

/** Headers of a change to an existing tender. */
export const ConditionalHeadersSchema = z.looseObject({ 'if-match': IfMatchSchema.optional() });
