/** Policies shared by the policy tests: the workshop's seed policy and friends. */
export const ACCOUNT = '123456789012';
export const OTHER = '210987654321';
export const CI_USER = `arn:aws:iam::${ACCOUNT}:user/fcj-ecr-ci-cd-user`;
export const ADMIN = `arn:aws:iam::${ACCOUNT}:user/workshop-admin`;
export const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app`;

export const SEED_ACTIONS = [
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'ecr:BatchCheckLayerAvailability',
  'ecr:PutImage',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
];

/** The workshop's repository policy, exactly as printed (placeholder included). */
export const SEED_TEMPLATE = `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Sid": "AllowPushPullFromCICDUser",
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user"
      },
      "Action": [
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
        "ecr:BatchCheckLayerAvailability",
        "ecr:PutImage",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload"
      ]
    }
  ]
}
`;

/** The seed policy with the account filled in. */
export const seedPolicy = (account = ACCOUNT): string =>
  SEED_TEMPLATE.replace('<YOUR_AWS_ACCOUNT_ID>', account);

/** The CI user's identity policy in the sandbox seed: only docker login. */
export const CI_LOGIN_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" }]
}`;

/** An identity policy granting every ECR action on every repository. */
export const ECR_FULL_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "ecr:*", "Resource": "*" }]
}`;
