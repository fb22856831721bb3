/**
 * The sandbox's persistent metadata (one JSON document). Blobs (layers, configs) live beside it
 * as content-addressed files; everything else is here.
 */

export const STATE_VERSION = 1;

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string;
  status: 'Active' | 'Inactive';
  createDate: string;
}

/** Temporary credentials issued by sts:AssumeRole. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  /** ISO time after which the credentials are refused */
  expiration: string;
}

export interface IamUser {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: string;
  /** policy name -> JSON text */
  inlinePolicies: Record<string, string>;
  /** managed policy ARNs */
  attachedPolicies: string[];
  tags: Array<{ Key: string; Value: string }>;
}

export interface IamRole {
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: string;
  description?: string;
  maxSessionDuration: number;
  assumeRolePolicyDocument: string;
  inlinePolicies: Record<string, string>;
  attachedPolicies: string[];
  tags: Array<{ Key: string; Value: string }>;
}

export interface ManagedPolicy {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  document: string;
  createDate: string;
  updateDate: string;
}

export interface StoredImage {
  imageDigest: string;
  imageManifest: string;
  imageManifestMediaType: string;
  imageTags: string[];
  imagePushedAt: number;
  /** sum of the layer sizes (what DescribeImages reports) */
  imageSizeInBytes: number;
  /** every blob the manifest references (config + layers) */
  blobDigests: string[];
}

export interface Repository {
  repositoryName: string;
  repositoryArn: string;
  registryId: string;
  createdAt: number;
  imageTagMutability:
    'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';
  /** tags (wildcards) exempt from the mutability setting, for the *_WITH_EXCLUSION settings */
  imageTagMutabilityExclusionFilters?: Array<{ filterType: 'WILDCARD'; filter: string }>;
  scanOnPush: boolean;
  encryptionType: 'AES256' | 'KMS';
  policyText?: string;
  tags: Array<{ Key: string; Value: string }>;
  /** images by digest */
  images: Record<string, StoredImage>;
  /** blobs uploaded to this repository: digest -> size */
  layers: Record<string, number>;
}

export interface AccountState {
  accountId: string;
  users: Record<string, IamUser>;
  roles: Record<string, IamRole>;
  /** customer managed policies by ARN */
  policies: Record<string, ManagedPolicy>;
  repositories: Record<string, Repository>;
}

export interface SandboxState {
  version: number;
  region: string;
  primaryAccountId: string;
  secondAccountId: string;
  accounts: Record<string, AccountState>;
  accessKeys: Record<string, AccessKey>;
  sessions: Record<string, SessionCredentials>;
  /** HMAC key for the sandbox's own time-limited layer download URLs */
  urlSigningKey: string;
}
