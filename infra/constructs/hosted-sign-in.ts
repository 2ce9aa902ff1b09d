/**
 * Cognito's hosted sign-in for the web client: the user pool domain and the OAuth app client.
 *
 * Both live in the stateless stack beside the distribution, because the client's callback URL is
 * the distribution's domain and the JWT authorizer's audience is the client's id. In one stack the
 * chain is acyclic (authorizer → client → distribution → API resource); split across the two
 * stacks it would be a cycle.
 */
import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { SIGN_IN_CALLBACK_PATH } from '../../shared/schemas/web-config';

/** The CDK context key of the hosted sign-in domain prefix, e.g. `-c cognitoDomainPrefix=ggzy-zhaohua`. */
export const COGNITO_DOMAIN_PREFIX_CONTEXT = 'cognitoDomainPrefix';

/** The OAuth scopes the web client asks for. */
export const SIGN_IN_SCOPES = [
  cognito.OAuthScope.OPENID,
  cognito.OAuthScope.EMAIL,
  cognito.OAuthScope.PROFILE,
];

/** Cognito's rules for a prefix domain: lowercase letters, digits and inner hyphens, at most 63 characters. */
const DOMAIN_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Words Cognito refuses inside a prefix domain. */
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;

/** The OIDC issuer of a user pool, `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`: the authorizer's and the client's. */
export function issuerOf(scope: Construct, userPool: cognito.IUserPool): string {
  return `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com/${userPool.userPoolId}`;
}

/**
 * The hosted sign-in domain prefix: the `cognitoDomainPrefix` context value, else `ggzy-` and the
 * first eight hex digits of the stack's CloudFormation id.
 *
 * Why the stack id: prefixes are unique per region across all accounts, so a fixed name would
 * collide between deployments; the stack id is unique and stable for the stack's whole life.
 */
export function signInDomainPrefixOf(scope: Construct): string {
  const configured: unknown = scope.node.tryGetContext(COGNITO_DOMAIN_PREFIX_CONTEXT);
  if (configured === undefined || configured === '') {
    const stackUuid = Fn.select(2, Fn.split('/', Stack.of(scope).stackId));
    return Fn.join('-', ['ggzy', Fn.select(0, Fn.split('-', stackUuid))]);
  }
  const text = String(configured);
  if (!DOMAIN_PREFIX_PATTERN.test(text) || RESERVED_IN_PREFIX.test(text)) {
    throw new Error(
      `context ${COGNITO_DOMAIN_PREFIX_CONTEXT} 须为小写字母、数字和连字符（不含 aws、amazon、cognito）/ ` +
        `must be lowercase letters, digits and inner hyphens, at most 63, without aws, amazon or cognito; got '${text}'`,
    );
  }
  return text;
}

/** Creates the Cognito prefix domain with the managed login pages (which speak Chinese with `lang=zh-CN`). */
export function createSignInDomain(scope: Construct, userPool: cognito.IUserPool): cognito.UserPoolDomain {
  return new cognito.UserPoolDomain(scope, 'SignInDomain', {
    userPool,
    cognitoDomain: { domainPrefix: signInDomainPrefixOf(scope) },
    managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  });
}

/**
 * Creates the web client: authorization code grant only (PKCE, no secret), the hosted sign-in as
 * the only way in, callback and sign-out URLs on the web origin, and `custom:orgId` readable.
 *
 * Why readable attributes matter: the ID token carries exactly the attributes the client may read,
 * and the handlers take the caller's organisation from its `custom:orgId` (groups come as
 * `cognito:groups` regardless).
 */
export function createWebSignInClient(
  scope: Construct,
  props: { userPool: cognito.IUserPool; webUrl: string; orgIdAttribute: string },
): cognito.UserPoolClient {
  const client = new cognito.UserPoolClient(scope, 'WebSignInClient', {
    userPool: props.userPool,
    generateSecret: false,
    // No direct sign-in API flows: only the hosted pages, and refreshing the tokens they issued.
    authFlows: { userPassword: false, adminUserPassword: false, custom: false, userSrp: false },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: SIGN_IN_SCOPES,
      callbackUrls: [`${props.webUrl}${SIGN_IN_CALLBACK_PATH}`],
      logoutUrls: [`${props.webUrl}/`],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    readAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(props.orgIdAttribute),
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
  });
  // Managed login pages need a style per client; Cognito's own defaults are enough.
  new cognito.CfnManagedLoginBranding(scope, 'SignInBranding', {
    userPoolId: props.userPool.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: true,
  });
  return client;
}
