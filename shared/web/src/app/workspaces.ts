import type { Role } from '../lib/session';
import { CENTRE_WORKSPACE } from '../pages/centre/routes';
import { EXPERT_WORKSPACE } from '../pages/expert/routes';
import { PURCHASER_WORKSPACE } from '../pages/purchaser/routes';
import { SUPPLIER_WORKSPACE } from '../pages/supplier/routes';
import type { Workspace } from './workspace';

/** Every role's workspace, the one list the router, the header and the sign-in read. */
export const WORKSPACES: readonly Workspace[] = [
  SUPPLIER_WORKSPACE,
  PURCHASER_WORKSPACE,
  EXPERT_WORKSPACE,
  CENTRE_WORKSPACE,
];

/** The workspace of a role. */
export function workspaceOf(role: Role): Workspace {
  const workspace = WORKSPACES.find((w) => w.role === role);
  if (!workspace) throw new Error(`no workspace for role ${role}`);
  return workspace;
}
