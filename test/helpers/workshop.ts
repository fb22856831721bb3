/** Facts of the workshop that tests spell out literally rather than take from src/. */

/** The seven ECR actions the CI user needs, in the order a push then a pull uses them. */
export const PUSH_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
];
