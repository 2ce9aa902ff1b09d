import * as z from 'zod';

/** The four signed-in roles, carried in the `cognito:groups` claim. */
export const ROLES = ['purchaser', 'supplier', 'expert', 'centre'] as const;

/** A signed-in role. */
export const RoleSchema = z.enum(ROLES);

/** A signed-in role. */
export type Role = z.infer<typeof RoleSchema>;

/**
 * Chinese names of the roles, as the portal shows them.
 *
 * Why here: the web client and the server's messages name roles the same way.
 */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  supplier: '供应商',
  purchaser: '采购人',
  expert: '评审专家',
  centre: '交易中心',
};
