/** Wire details a boto3 sweep found: the model's error shapes and enum values. */
import type { ECRServiceException } from '@aws-sdk/client-ecr';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  PutImageCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import { SANDBOX_REPOSITORY } from '../../src/sandbox/index.js';
import { pushImage, sampleImage, type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForFile } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForFile((s) => (sb = s));

describe('ECR wire details', () => {
  it('answers a bad repository name and a bad upload id with the model errors', async () => {
    const ecr = sb.ecr();
    await expect(
      ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['Bad_Name'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecr.send(
        new UploadLayerPartCommand({
          repositoryName: SANDBOX_REPOSITORY,
          uploadId: 'not-an-upload',
          partFirstByte: 0,
          partLastByte: 0,
          layerPartBlob: Buffer.from('x'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'UploadNotFoundException' });
  });

  it('reports a media type outside acceptedMediaTypes with a failure code the model lists', async () => {
    const got = await sb.ecr().send(
      new BatchGetImageCommand({
        repositoryName: SANDBOX_REPOSITORY,
        imageIds: [{ imageTag: 'latest' }],
        acceptedMediaTypes: ['application/vnd.oci.image.manifest.v1+json'],
      }),
    );
    expect(got.failures?.[0]?.failureCode).toBe('ImageNotFound');
  });

  it('accepts IMMUTABLE_WITH_EXCLUSION: excluded tags move, the others do not', async () => {
    const ecr = sb.ecr();
    const created = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'immutable-ex',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest*' }],
      }),
    );
    expect(created.repository?.imageTagMutability).toBe('IMMUTABLE_WITH_EXCLUSION');
    const a = sampleImage('a');
    const b = sampleImage('b');
    await pushImage(ecr, 'immutable-ex', a, { tag: 'latest' });
    await pushImage(ecr, 'immutable-ex', b, { tag: 'v1' });
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'immutable-ex',
        imageManifest: b.manifest,
        imageTag: 'latest',
      }),
    );
    const err = await ecr
      .send(
        new PutImageCommand({
          repositoryName: 'immutable-ex',
          imageManifest: a.manifest,
          imageTag: 'v1',
        }),
      )
      .catch((e: unknown) => e as ECRServiceException);
    expect(err).toMatchObject({ name: 'ImageTagAlreadyExistsException' });
    await expect(
      ecr.send(
        new CreateRepositoryCommand({
          repositoryName: 'no-filters',
          imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
