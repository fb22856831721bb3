/** ECR operations by name (the part of X-Amz-Target after the service prefix). */
import type { RequestContext } from '../context.js';
import {
  createRepository,
  deleteRepository,
  describeRepositories,
  listTagsForResource,
  tagResource,
  untagResource,
} from './admin.js';
import { batchDeleteImage, batchGetImage, describeImages, listImages, putImage } from './images.js';
import {
  batchCheckLayerAvailability,
  completeLayerUpload,
  getAuthorizationToken,
  getDownloadUrlForLayer,
  initiateLayerUpload,
  uploadLayerPart,
} from './layers.js';
import { deleteRepositoryPolicy, getRepositoryPolicy, setRepositoryPolicy } from './policy.js';

export const ECR_HANDLERS: Record<
  string,
  (ctx: RequestContext, input: Record<string, unknown>) => Promise<unknown>
> = {
  GetAuthorizationToken: getAuthorizationToken,
  BatchCheckLayerAvailability: batchCheckLayerAvailability,
  InitiateLayerUpload: initiateLayerUpload,
  UploadLayerPart: uploadLayerPart,
  CompleteLayerUpload: completeLayerUpload,
  PutImage: putImage,
  BatchGetImage: batchGetImage,
  GetDownloadUrlForLayer: getDownloadUrlForLayer,
  GetRepositoryPolicy: getRepositoryPolicy,
  SetRepositoryPolicy: setRepositoryPolicy,
  DeleteRepositoryPolicy: deleteRepositoryPolicy,
  CreateRepository: createRepository,
  DescribeRepositories: describeRepositories,
  DeleteRepository: deleteRepository,
  DescribeImages: describeImages,
  ListImages: listImages,
  BatchDeleteImage: batchDeleteImage,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
