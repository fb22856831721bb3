/**
 * The workshop state at the start of section 5.1: a random account with an admin, the CI user
 * allowed only ecr:GetAuthorizationToken, the repository with one small image and no policy,
 * and a second account holding a user without permissions.
 */
import {
  SANDBOX_ADMIN_USER,
  SANDBOX_CI_USER,
  SANDBOX_PARTNER_ADMIN_USER,
  SANDBOX_PARTNER_USER,
  SANDBOX_REPOSITORY,
} from './names.js';
import { ADMINISTRATOR_ACCESS_ARN } from './iam/managed.js';
import { newAccessKeyId, newAccountId, newSecretAccessKey, newUniqueId } from './ids.js';
import { workshopImage } from './image.js';
import { randomBytes } from 'node:crypto';
import {
  STATE_VERSION,
  type AccountState,
  type IamUser,
  type Repository,
  type SandboxState,
} from './store/model.js';

export const CI_USER_INLINE_POLICY = 'ecr-get-authorization-token';

export function emptyAccount(accountId: string): AccountState {
  return { accountId, users: {}, roles: {}, policies: {}, repositories: {} };
}

/** Adds a user with one access key to the state; returns the user. */
export function addUser(
  state: SandboxState,
  accountId: string,
  userName: string,
  now = new Date(),
): IamUser {
  const acct = state.accounts[accountId]!;
  const user: IamUser = {
    userName,
    userId: newUniqueId('AIDA'),
    path: '/',
    arn: `arn:aws:iam::${accountId}:user/${userName}`,
    createDate: now.toISOString(),
    inlinePolicies: {},
    attachedPolicies: [],
    tags: [],
  };
  acct.users[userName] = user;
  return user;
}

export function addAccessKey(
  state: SandboxState,
  accountId: string,
  userName: string,
  now = new Date(),
): string {
  const id = newAccessKeyId();
  state.accessKeys[id] = {
    accessKeyId: id,
    secretAccessKey: newSecretAccessKey(),
    accountId,
    userName,
    status: 'Active',
    createDate: now.toISOString(),
  };
  return id;
}

export function newRepository(
  accountId: string,
  region: string,
  name: string,
  now = Date.now(),
): Repository {
  return {
    repositoryName: name,
    repositoryArn: `arn:aws:ecr:${region}:${accountId}:repository/${name}`,
    registryId: accountId,
    createdAt: Math.floor(now / 1000),
    imageTagMutability: 'MUTABLE',
    scanOnPush: false,
    encryptionType: 'AES256',
    tags: [],
    images: {},
    layers: {},
  };
}

export interface Seed {
  state: SandboxState;
  /** blobs to store before the state is written */
  blobs: Array<{ digest: string; bytes: Buffer }>;
}

export function seedState(region: string): Seed {
  const primary = newAccountId();
  let second = newAccountId();
  while (second === primary) second = newAccountId();
  const state: SandboxState = {
    version: STATE_VERSION,
    region,
    primaryAccountId: primary,
    secondAccountId: second,
    accounts: { [primary]: emptyAccount(primary), [second]: emptyAccount(second) },
    accessKeys: {},
    sessions: {},
    urlSigningKey: randomBytes(32).toString('hex'),
  };
  const admin = addUser(state, primary, SANDBOX_ADMIN_USER);
  admin.attachedPolicies.push(ADMINISTRATOR_ACCESS_ARN);
  addAccessKey(state, primary, SANDBOX_ADMIN_USER);

  const ci = addUser(state, primary, SANDBOX_CI_USER);
  ci.inlinePolicies[CI_USER_INLINE_POLICY] = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowEcrLogin',
          Effect: 'Allow',
          Action: 'ecr:GetAuthorizationToken',
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
  addAccessKey(state, primary, SANDBOX_CI_USER);

  addUser(state, second, SANDBOX_PARTNER_USER);
  addAccessKey(state, second, SANDBOX_PARTNER_USER);
  const partnerAdmin = addUser(state, second, SANDBOX_PARTNER_ADMIN_USER);
  partnerAdmin.attachedPolicies.push(ADMINISTRATOR_ACCESS_ARN);
  addAccessKey(state, second, SANDBOX_PARTNER_ADMIN_USER);

  const repo = newRepository(primary, region, SANDBOX_REPOSITORY);
  const img = workshopImage();
  for (const b of img.blobs) repo.layers[b.digest] = b.bytes.length;
  repo.images[img.manifestDigest] = {
    imageDigest: img.manifestDigest,
    imageManifest: img.manifest,
    imageManifestMediaType: img.mediaType,
    imageTags: ['latest'],
    imagePushedAt: Math.floor(Date.now() / 1000),
    // as PutImage computes it: the layers' sizes (the config is not counted)
    imageSizeInBytes: img.blobs.slice(1).reduce((n, b) => n + b.bytes.length, 0),
    blobDigests: img.blobs.map((b) => b.digest),
  };
  state.accounts[primary]!.repositories[SANDBOX_REPOSITORY] = repo;
  return { state, blobs: img.blobs.map((b) => ({ digest: b.digest, bytes: b.bytes })) };
}
