import type { RouteObject } from 'react-router';
import type { Role } from '../lib/session';

/** One entry of a workspace's menu in the header. */
export interface MenuEntry {
  /** The path the entry links to; the longest matching prefix marks the current page. */
  key: string;
  /** The entry's Chinese label. */
  label: string;
}

/**
 * A role's workspace: its home, its menu and its pages (lazy, so that no workspace ships with the
 * public board). Each area's `pages/<area>/routes.tsx` exports one; the router and the shell read them.
 */
export interface Workspace {
  /** The role whose workspace this is. */
  role: Role;
  /** The path under which its pages live, without a slash (`supplier`). */
  path: string;
  /** Where the role lands after signing in. */
  home: string;
  /** The header's menu for the role. */
  menu: MenuEntry[];
  /** The pages, relative to `path`. */
  children: RouteObject[];
}
