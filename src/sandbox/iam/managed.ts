/** The AWS managed policies the lessons need, with their real names, ARNs and documents. */
import type { ManagedPolicy } from '../store/model.js';

const ECR_READ = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:GetRepositoryPolicy',
  'ecr:DescribeRepositories',
  'ecr:ListImages',
  'ecr:DescribeImages',
  'ecr:BatchGetImage',
  'ecr:GetLifecyclePolicy',
  'ecr:GetLifecyclePolicyPreview',
  'ecr:ListTagsForResource',
  'ecr:DescribeImageScanFindings',
];
const ECR_PUSH = [
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];

const doc = (statements: unknown[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const CREATED = '2015-02-06T18:39:46Z';

function aws(
  name: string,
  policyId: string,
  path: string,
  description: string,
  document: string,
): ManagedPolicy {
  return {
    policyName: name,
    policyId,
    arn: `arn:aws:iam::aws:policy${path}${name}`,
    path,
    description,
    document,
    createDate: CREATED,
    updateDate: CREATED,
  };
}

export const AWS_MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  [
    aws(
      'AdministratorAccess',
      'ANPAIWMBCKSKIEE64ZLYK',
      '/',
      'Provides full access to AWS services and resources.',
      doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
    ),
    aws(
      'AmazonEC2ContainerRegistryReadOnly',
      'ANPAIFYZPA37OOHVIH7KQ',
      '/',
      'Provides read-only access to Amazon EC2 Container Registry repositories.',
      doc([{ Effect: 'Allow', Action: ECR_READ, Resource: '*' }]),
    ),
    aws(
      'AmazonEC2ContainerRegistryPowerUser',
      'ANPAJDNE5PIHROIBGGDDW',
      '/',
      'Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion or policy changes.',
      doc([{ Effect: 'Allow', Action: [...ECR_READ, ...ECR_PUSH], Resource: '*' }]),
    ),
    aws(
      'AmazonEC2ContainerRegistryFullAccess',
      'ANPAIESRL7KD7IIVF6V4W',
      '/',
      'Provides administrative access to Amazon ECR resources',
      doc([
        { Effect: 'Allow', Action: ['ecr:*', 'cloudtrail:LookupEvents'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['iam:CreateServiceLinkedRole'],
          Resource: '*',
          Condition: { StringEquals: { 'iam:AWSServiceName': ['replication.ecr.amazonaws.com'] } },
        },
      ]),
    ),
  ].map((p) => [p.arn, p]),
);

export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
