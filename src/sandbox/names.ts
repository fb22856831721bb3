/** Names the seed creates (kept apart from index.ts so internal modules avoid an import cycle). */
export const SANDBOX_ADMIN_USER = 'workshop-admin';
export const SANDBOX_CI_USER = 'fcj-ecr-ci-cd-user';
export const SANDBOX_REPOSITORY = 'fcj-workshop-app';
export const SANDBOX_PARTNER_USER = 'partner-developer';
/** An administrator of the second account (so its IAM can be changed in cross-account lessons). */
export const SANDBOX_PARTNER_ADMIN_USER = 'partner-admin';
export const SANDBOX_DEFAULT_PORT = 4510;
