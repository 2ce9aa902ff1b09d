import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../schemas/roles';
import type { WebConfig } from '../../../schemas/web-config';
import { SIGN_IN_CALLBACK_PATH } from '../../../schemas/web-config';
import { setTokenSource } from './api';

export { ROLE_LABELS, type Role };

/** The signed-in user. */
export interface SignedInUser {
  /** The ID token sent as the bearer token. */
  token: string;
  /** When it expires (ms since epoch). */
  expiresAt: number;
  /** The first role of `cognito:groups`. */
  role: Role;
  /** The organisation (`custom:orgId`). */
  orgId: string;
  /** The display name. */
  name: string;
  /** The user id. */
  sub: string;
}

/** What pages know about signing in. */
export interface Session {
  /** The user, or null when signed out. */
  user: SignedInUser | null;
  /** How this deployment signs in. */
  mode: WebConfig['auth']['mode'];
  /** Signs in with a dev token (local stack only); `sub` names the user (an expert's pool `userSub`). */
  signInDev(request: { role: Role; orgId: string; name?: string; sub?: string }): Promise<void>;
  /** Starts the hosted sign-in (AWS), coming back to `returnTo`. */
  signInHosted(returnTo?: string): Promise<void>;
  /** Finishes the hosted sign-in on the callback page; returns where to go. */
  completeHosted(): Promise<string>;
  /** Signs out. */
  signOut(): void;
}

const STORAGE_KEY = 'ggzy.session';

const SessionContext = createContext<Session | null>(null);

/** Decodes a JWT's payload (no verification: the API verifies; the page only reads its claims). */
function readClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** Builds the user from an ID token, or null if it lacks a role or organisation. */
export function userFromToken(token: string): SignedInUser | null {
  try {
    const claims = readClaims(token);
    const groups = claims['cognito:groups'];
    const role = (Array.isArray(groups) ? groups[0] : groups) as Role | undefined;
    const orgId = claims['custom:orgId'];
    if (!role || !(role in ROLE_LABELS) || typeof orgId !== 'string') return null;
    return {
      token,
      expiresAt: Number(claims['exp'] ?? 0) * 1000,
      role,
      orgId,
      name: String(claims['name'] ?? claims['email'] ?? claims['sub'] ?? orgId),
      sub: String(claims['sub'] ?? ''),
    };
  } catch {
    return null;
  }
}

/** Reads the stored session, dropping an expired one. */
function loadStoredUser(): SignedInUser | null {
  const token = localStorage.getItem(STORAGE_KEY);
  const user = token ? userFromToken(token) : null;
  if (user && user.expiresAt > Date.now()) return user;
  localStorage.removeItem(STORAGE_KEY);
  return null;
}

/** Makes the OIDC client for Cognito's hosted sign-in (loaded only in AWS, on demand). */
async function createUserManager(auth: Extract<WebConfig['auth'], { mode: 'cognito' }>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${location.origin}${SIGN_IN_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    // Cognito's managed login pages in Chinese.
    extraQueryParams: { lang: 'zh-CN' },
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/**
 * Holds who is signed in and hands the token to every API call.
 *
 * Locally it asks the gateway's dev endpoint for a token (演示登录); in AWS it runs Cognito's hosted
 * sign-in with the authorization-code flow and PKCE (oidc-client-ts) and sends the ID token, as the
 * HTTP API's JWT authorizer expects.
 */
export function SessionProvider({ config, children }: { config: WebConfig; children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null>(() => loadStoredUser());

  useEffect(() => {
    setTokenSource(() => (user && user.expiresAt > Date.now() ? user.token : null));
  }, [user]);
  // Set synchronously too, so the first queries of a reload already carry the token.
  setTokenSource(() => (user && user.expiresAt > Date.now() ? user.token : null));

  const keep = useCallback((token: string) => {
    const next = userFromToken(token);
    if (!next) throw new Error('令牌缺少角色或单位（cognito:groups / custom:orgId）');
    localStorage.setItem(STORAGE_KEY, token);
    setUser(next);
  }, []);

  const session = useMemo<Session>(
    () => ({
      user,
      mode: config.auth.mode,
      async signInDev(request) {
        const response = await fetch('/api/dev/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
        if (!response.ok) throw new Error(`演示登录失败（HTTP ${response.status}）`);
        const body = (await response.json()) as { token: string };
        keep(body.token);
      },
      async signInHosted(returnTo = '/') {
        if (config.auth.mode !== 'cognito') throw new Error('本环境使用演示登录');
        const manager = await createUserManager(config.auth);
        await manager.signinRedirect({ state: { returnTo } });
      },
      async completeHosted() {
        if (config.auth.mode !== 'cognito') return '/';
        const manager = await createUserManager(config.auth);
        const signedIn = await manager.signinCallback();
        if (!signedIn?.id_token) throw new Error('登录未完成：没有收到 ID 令牌');
        keep(signedIn.id_token);
        const state = signedIn.state as { returnTo?: string } | undefined;
        return state?.returnTo ?? '/';
      },
      signOut() {
        localStorage.removeItem(STORAGE_KEY);
        setUser(null);
        if (config.auth.mode === 'cognito') {
          const logout = new URL('/logout', config.auth.domain);
          logout.searchParams.set('client_id', config.auth.clientId);
          logout.searchParams.set('logout_uri', `${location.origin}/`);
          location.assign(logout.toString());
        }
      },
    }),
    [user, config, keep],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session of the page. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
