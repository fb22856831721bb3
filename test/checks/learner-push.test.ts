/** The commands step 7 shows for each tool, and the test image it writes for docker and skopeo. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ciCommands, detectContainerTool, dockerArchive } from '../../src/checks/learner-push.js';

const o = {
  registry: '127.0.0.1:4510',
  repository: 'fcj-workshop-app',
  tag: 'ecr-tutor-check-1a2b3c4d',
  regionFlag: '',
};

describe('the verify step commands', () => {
  it('are the docker, skopeo or ecr-tutor lines a learner runs as the CI user', () => {
    expect(ciCommands('skopeo', o)).toEqual({
      login:
        'aws ecr get-login-password | skopeo login --tls-verify=false --username AWS --password-stdin 127.0.0.1:4510',
      push: 'skopeo copy --dest-tls-verify=false docker-archive:ecr-tutor-ci-image.tar docker://127.0.0.1:4510/fcj-workshop-app:ecr-tutor-check-1a2b3c4d',
      pull: 'skopeo copy --src-tls-verify=false docker://127.0.0.1:4510/fcj-workshop-app:ecr-tutor-check-1a2b3c4d dir:ecr-tutor-check-1a2b3c4d',
    });
    expect(ciCommands('docker', o).push).toBe(
      'docker load --input ecr-tutor-ci-image.tar && docker push 127.0.0.1:4510/fcj-workshop-app:ecr-tutor-check-1a2b3c4d',
    );
    expect(ciCommands('ecr-tutor', o).push).toBe(
      'ecr-tutor push --generate fcj-workshop-app:ecr-tutor-check-1a2b3c4d',
    );
    // real AWS: HTTPS, no plain-HTTP flags, the region named
    const aws = ciCommands('skopeo', {
      ...o,
      registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
      regionFlag: ' --region us-east-1',
    });
    expect(aws.login).toBe(
      'aws ecr get-login-password --region us-east-1 | skopeo login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    );
    expect(aws.push).not.toContain('tls-verify');
  });

  it('honours ECR_TUTOR_CONTAINER_TOOL', async () => {
    expect(await detectContainerTool({ ECR_TUTOR_CONTAINER_TOOL: 'ecr-tutor' })).toBe('ecr-tutor');
  });

  it('writes a docker-archive whose manifest names the tagged image and whose layer matches the diff_id', () => {
    const { tar, diffId } = dockerArchive('127.0.0.1:4510/fcj-workshop-app:t', 'hello\n');
    const names: string[] = [];
    for (let at = 0; at + 512 <= tar.length;) {
      const name = tar
        .subarray(at, at + 100)
        .toString('utf8')
        .replace(/\0.*$/s, '');
      if (!name) break;
      const size = parseInt(tar.subarray(at + 124, at + 136).toString('ascii'), 8);
      names.push(name);
      const body = tar.subarray(at + 512, at + 512 + size);
      if (name === 'manifest.json') {
        expect(JSON.parse(body.toString())[0].RepoTags).toEqual([
          '127.0.0.1:4510/fcj-workshop-app:t',
        ]);
      }
      if (name.endsWith('/layer.tar')) {
        expect('sha256:' + createHash('sha256').update(body).digest('hex')).toBe(diffId);
      }
      at += 512 + Math.ceil(size / 512) * 512;
    }
    expect(names).toHaveLength(3);
  });
});
