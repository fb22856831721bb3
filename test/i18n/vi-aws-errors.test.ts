/**
 * An AWS error explained in Vietnamese: a real denial from the sandbox (the CI user, allowed only
 * ecr:GetAuthorizationToken, tries to read the repository), put into the learner's words by
 * describeAwsError under --lang vi. AWS's own message is kept exactly as AWS sent it; the
 * tutor's summary and fix around it are Vietnamese, and English is unchanged.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/aws/errors.js';
import { withLanguage } from '../../src/i18n/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let tsb: TestSandbox;
beforeAll(async () => {
  tsb = await startTestSandbox();
});
afterAll(async () => {
  await tsb?.cleanup();
});

async function denial(): Promise<Error> {
  try {
    await tsb
      .ecr('fcj-ecr-ci-cd-user')
      .send(new DescribeImagesCommand({ repositoryName: 'fcj-workshop-app' }));
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the CI user to be denied');
}

describe('an AWS error in Vietnamese', () => {
  it("keeps AWS's message verbatim and explains it around it, on the sandbox and on AWS", async () => {
    const err = await denial();
    const account = tsb.sandbox.accountId;
    const aws = `User: arn:aws:iam::${account}:user/fcj-ecr-ci-cd-user is not authorized to perform: ecr:DescribeImages on resource: arn:aws:ecr:us-east-1:${account}:repository/fcj-workshop-app because no identity-based policy allows the ecr:DescribeImages action`;
    expect(err.message).toBe(aws);

    const sandbox = withLanguage('vi', () => describeAwsError(err, { place: 'tutor-sandbox' }));
    expect(sandbox).toEqual({
      kind: 'access-denied',
      code: 'AccessDeniedException',
      awsMessage: aws,
      summary: `Bị từ chối truy cập (access denied). AWS trả lời: ${aws}`,
      fix: 'Danh tính bạn đang dùng thiếu ecr:DescribeImages. Trong sandbox, hãy dùng danh tính admin (`eval "$(ecr-tutor sandbox env)"`); CI user chỉ dành cho bước kiểm tra push/pull.',
    });

    const onAws = withLanguage('vi', () =>
      describeAwsError(err, { place: 'aws', profile: 'lab', region: 'us-east-1' }),
    );
    expect(onAws.summary).toBe(`Bị từ chối truy cập (access denied). AWS trả lời: ${aws}`);
    expect(onAws.fix).toBe(
      `Quyền còn thiếu là ecr:DescribeImages cho arn:aws:iam::${account}:user/fcj-ecr-ci-cd-user. Nhờ quản trị viên cấp quyền (docs/real-aws.md có policy tối thiểu cho bài học này), hoặc thêm nó ở trang của danh tính đó: https://console.aws.amazon.com/iam/home#/users/details/fcj-ecr-ci-cd-user?section=permissions. Để xem lại đúng quyết định này: \`aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${account}:user/fcj-ecr-ci-cd-user --action-names ecr:DescribeImages --profile lab --region us-east-1\`.`,
    );

    const english = withLanguage('en', () => describeAwsError(err, { place: 'tutor-sandbox' }));
    expect(english.summary).toBe(`Access denied: ${aws}`);
    expect(english.fix).toBe(
      'The identity you are using lacks ecr:DescribeImages. In the sandbox, act as its admin (`eval "$(ecr-tutor sandbox env)"`); the CI user is only for the verify step.',
    );
  });
});
