/**
 * The stateful stack: everything that holds data and must outlive a redeploy.
 *
 * One DynamoDB table (keys and indexes from the single-table key module), the documents bucket
 * with its access-log bucket, and the Cognito user pool that issues the portal's tokens. All of
 * it is retained on stack deletion; the stateless stack can be torn down and rebuilt freely.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../shared/adapters/dynamodb/keys';
import { ROLES } from '../shared/http/routes';

/** The custom user attribute holding the user's organisation; tokens carry it as `custom:orgId`. */
export const ORG_ID_ATTRIBUTE = 'orgId';

/** Table, bucket and user pool, exposed to the stateless stack through typed props. */
export class StatefulStack extends Stack {
  /** The single table. */
  public readonly table: dynamodb.Table;
  /** Tender documents, uploaded and downloaded through presigned URLs. */
  public readonly bucket: s3.Bucket;
  /** Server access logs of the documents bucket. */
  public readonly accessLogBucket: s3.Bucket;
  /** The user pool that issues the portal's JWTs. */
  public readonly userPool: cognito.UserPool;
  /** The web client of the user pool; its id is the JWT audience. */
  public readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = createTable(this);
    this.accessLogBucket = createAccessLogBucket(this);
    this.bucket = createDocumentsBucket(this, this.accessLogBucket);
    this.userPool = createUserPool(this);
    this.userPoolClient = createUserPoolClient(this.userPool);

    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'Cognito user pool id',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.userPoolClient.userPoolClientId,
      description: 'Cognito app client id (the JWT audience)',
    });
  }
}

/** Creates the single table with every GSI from the key module. */
function createTable(scope: Construct): dynamodb.Table {
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: { name: TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: TABLE_KEY.sortKey, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: TTL_ATTRIBUTE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of Object.values(INDEXES)) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}

/** Creates the bucket that receives the documents bucket's server access logs. */
function createAccessLogBucket(scope: Construct): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    // S3 server access logging can only deliver to SSE-S3 buckets.
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'This is the access-log destination of the documents bucket; logging its own accesses would need yet another bucket and loop forever.',
  });
  return bucket;
}

/** Creates the versioned, private documents bucket that browsers reach through presigned URLs. */
function createDocumentsBucket(scope: Construct, accessLogBucket: s3.IBucket): s3.Bucket {
  return new s3.Bucket(scope, 'DocumentsBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogBucket,
    serverAccessLogsPrefix: 'documents/',
    // Presigned PUT and GET come straight from the browser; the signature, not the origin, is the guard.
    cors: [
      {
        allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
        allowedOrigins: ['*'],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3000,
      },
    ],
    lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** Creates the user pool: admin-provisioned users, a strong password policy, one group per role. */
function createUserPool(scope: Construct): cognito.UserPool {
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    standardAttributes: {
      email: { required: true, mutable: true },
      fullname: { required: false, mutable: true },
    },
    customAttributes: {
      // Mutable so administrators can correct it; the app client below cannot write it.
      [ORG_ID_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
    },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(userPool).acknowledge(
    {
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP only, no SMS): accounts are provisioned by the trading centre and the web client does not yet implement the MFA_SETUP challenge; switch to REQUIRED once it does.',
    },
    {
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials feature plan: self sign-up is off and every account is provisioned by the trading centre, so Plus-tier threat protection is not bought; revisit if accounts ever become self-service.',
    },
  );
  for (const role of ROLES) {
    userPool.addGroup(`${role[0]?.toUpperCase()}${role.slice(1)}Group`, {
      groupName: role,
      description: `Portal role '${role}', read by the handlers from the cognito:groups claim`,
    });
  }
  return userPool;
}

/** Creates the public web client: SRP sign-in, no secret, and no write access to `custom:orgId`. */
function createUserPoolClient(userPool: cognito.UserPool): cognito.UserPoolClient {
  const readAttributes = new cognito.ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
    .withCustomAttributes(ORG_ID_ATTRIBUTE);
  const writeAttributes = new cognito.ClientAttributes().withStandardAttributes({
    email: true,
    fullname: true,
  });
  return userPool.addClient('WebClient', {
    authFlows: { userSrp: true },
    generateSecret: false,
    disableOAuth: true,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    readAttributes,
    writeAttributes,
  });
}
