/**
 * `ecr-tutor policy lint|explain --lang vi` through the shipped bundle (bin/ecr-tutor.js, built by
 * the global setup): whole outputs, on a policy with the mistakes learners make at step 5 and on
 * the finished one. AWS's own message stays as AWS says it; the tutor's words around it are
 * Vietnamese. The English output and the --json contract (codes, shape, exit codes) are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerHome, type LearnerHome } from '../helpers/tutor-cli.js';

const ACCOUNT = '123456789012';
const PARTNER = '210987654321';
const CI = `arn:aws:iam::${ACCOUNT}:user/fcj-ecr-ci-cd-user`;

/** The workshop's policy as a learner gets it wrong: Vietnamese Sid, lower-case effect, placeholder, typo, token action. */
const BAD = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Cho phép CI đẩy",
      "Effect": "allow",
      "Principal": { "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user" },
      "Action": ["ecr:InitiateLayerUpload", "ecr:PutImagee", "ecr:GetAuthorizationToken"]
    },
    {
      "Sid": "Pull",
      "Effect": "Allow",
      "Principal": { "AWS": "${CI}" },
      "Action": ["ecr:BatchGetImage", "ecr:PutImage"]
    }
  ]
}
`;

const GOOD = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowPushPullFromCICDUser",
      "Effect": "Allow",
      "Principal": { "AWS": "${CI}" },
      "Action": [
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer"
      ]
    }
  ]
}
`;

const TRAILING_COMMA = GOOD.replace(
  '"ecr:GetDownloadUrlForLayer"',
  '"ecr:GetDownloadUrlForLayer",',
);

let learner: LearnerHome;
beforeAll(async () => {
  learner = await learnerHome();
  await learner.write('bad.json', BAD);
  await learner.write('good.json', GOOD);
  await learner.write('comma.json', TRAILING_COMMA);
});
afterAll(() => learner.remove());

describe('policy lint --lang vi', () => {
  it('a policy with step-5 mistakes: every finding and fix in Vietnamese, codes kept, exit 1', async () => {
    const r = await learner.run([
      'policy',
      'lint',
      'bad.json',
      '--account',
      ACCOUNT,
      '--lang',
      'vi',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchInlineSnapshot(`
      "bad.json:5:14: lỗi [invalid-sid] Sid chỉ được chứa chữ cái và chữ số; bạn đang ghi "Cho phép CI đẩy".
                "Sid": "Cho phép CI đẩy",
                       ^
          sửa: Dùng "ChophepCIday".
      bad.json:6:17: lỗi [invalid-effect] Effect phải đúng là "Allow" hoặc "Deny" (viết hoa chữ cái đầu); bạn đang ghi "allow".
                "Effect": "allow",
                          ^
          sửa: Dùng "Allow".
      bad.json:7:43: lỗi [placeholder] "<YOUR_AWS_ACCOUNT_ID>" là placeholder trong bài workshop, không phải giá trị thật.
                "Principal": { "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user" },
                                                    ^
          sửa: Thay <YOUR_AWS_ACCOUNT_ID> bằng account ID của bạn: 123456789012.
      bad.json:8:45: lỗi [unknown-action] "ecr:PutImagee" không phải action của ecr (AWS sẽ từ chối policy có action này).
                "Action": ["ecr:InitiateLayerUpload", "ecr:PutImagee", "ecr:GetAuthorizationToken"]
                                                      ^
          sửa: Có phải ý bạn là ecr:PutImage?
      bad.json:8:62: lỗi [auth-token-in-repository-policy] Repository policy không cấp được ecr:GetAuthorizationToken (AWS từ chối: "Invalid repository policy provided"). Quyền này áp dụng cho cả tài khoản, nên phải đến từ một IAM policy.
                "Action": ["ecr:InitiateLayerUpload", "ecr:PutImagee", "ecr:GetAuthorizationToken"]
                                                                       ^
          sửa: Xóa nó ở đây, rồi gắn cho user một IAM policy cho phép ecr:GetAuthorizationToken trên "*" (docker login cần quyền này).
      bad.json:14:17: cảnh báo [incomplete-push] Quyền push chưa đủ: docker push sẽ thất bại ở ecr:BatchCheckLayerAvailability (lệnh gọi đầu tiên, kiểm tra layer nào đã có sẵn). Ngoài ra còn thiếu: ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload.
                "Action": ["ecr:BatchGetImage", "ecr:PutImage"]
                          ^
          sửa: Thêm ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload.
      bad.json:14:17: cảnh báo [incomplete-pull] Quyền pull chưa đủ: docker pull sẽ thất bại ở ecr:GetDownloadUrlForLayer (lúc tải từng layer).
                "Action": ["ecr:BatchGetImage", "ecr:PutImage"]
                          ^
          sửa: Thêm ecr:GetDownloadUrlForLayer.
      bad.json: 5 lỗi, 2 cảnh báo
      "
    `);
  });

  it('a JSON mistake (trailing comma) is explained in Vietnamese', async () => {
    const r = await learner.run(['policy', 'lint', 'comma.json', '--lang', 'vi']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchInlineSnapshot(`
      "comma.json:15:37: lỗi [json-trailing-comma] Thừa dấu phẩy ở dòng 15: JSON không cho phép dấu phẩy ngay trước dấu đóng ].
                  "ecr:GetDownloadUrlForLayer",
                                              ^
          sửa: Xóa dấu phẩy cuối cùng đó đi.
      comma.json: 1 lỗi, 0 cảnh báo
      "
    `);
  });

  it('the finished policy: no problems, exit 0', async () => {
    const r = await learner.run(['policy', 'lint', 'good.json', '--lang', 'vi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('good.json: không phát hiện vấn đề nào\n');
  });

  it('--json keeps codes and the shape; message and suggestion follow the language', async () => {
    const vi = await learner.run(['policy', 'lint', 'bad.json', '--json', '--lang', 'vi']);
    const en = await learner.run(['policy', 'lint', 'bad.json', '--json', '--lang', 'en']);
    expect(vi.code).toBe(1);
    expect(en.code).toBe(1);
    type F = Record<string, unknown>;
    const v = (JSON.parse(vi.stdout) as { findings: F[] }).findings;
    const e = (JSON.parse(en.stdout) as { findings: F[] }).findings;
    const strip = (f: F) => ({ ...f, message: typeof f.message, suggestion: typeof f.suggestion });
    expect(v.map(strip)).toEqual(e.map(strip));
    expect(Object.keys(v[0]!).sort()).toEqual(
      ['code', 'column', 'line', 'message', 'path', 'severity', 'suggestion'].sort(),
    );
    expect(v.find((f) => f.code === 'invalid-effect')!.message).toContain('viết hoa chữ cái đầu');
    expect(e.find((f) => f.code === 'invalid-effect')!.message).toContain('capital first letter');
  });
});

describe('policy explain --lang vi', () => {
  it('allowed: the decision, why, the request and the trace in Vietnamese, exit 0', async () => {
    const r = await learner.run([
      'policy',
      'explain',
      '--policy',
      'good.json',
      '--principal',
      CI,
      '--action',
      'ecr:PutImage',
      '--lang',
      'vi',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Kết quả: ĐƯỢC PHÉP
        Vì sao: được resource-based policy cho phép (cùng tài khoản: chỉ cần vậy là đủ)

      Yêu cầu
        principal: arn:aws:iam::123456789012:user/fcj-ecr-ci-cd-user (IAM user, tài khoản 123456789012)
        action:    ecr:PutImage
        resource:  arn:aws:ecr:us-east-1:123456789012:repository/fcj-workshop-app (mặc định: fcj-workshop-app trong tài khoản của principal, 123456789012, us-east-1; dùng --resource để đổi)
        context:   aws:SecureTransport=true (aws:SecureTransport: luôn có trên ECR API vì API này chỉ chạy HTTPS; đổi bằng --context)
        cùng tài khoản: chỉ cần MỘT Allow, từ identity policy HOẶC từ repository policy nêu đích danh user, role hay session, là đủ; repository policy chỉ nêu tên tài khoản thì giao quyền quyết định cho IAM, nên identity policy cũng phải cho phép.
        Deny tường minh (explicit deny) ở bất kỳ policy nào cũng luôn thắng.

      Các statement
        CHO PHÉP repository policy (good.json), statement #1 "AllowPushPullFromCICDUser" (Allow): cho phép: khớp ecr:PutImage trên arn:aws:ecr:us-east-1:123456789012:repository/fcj-workshop-app
      "
    `);
  });

  it("denied cross-account: AWS's message verbatim, the tutor's explanation in Vietnamese, exit 1", async () => {
    const r = await learner.run([
      'policy',
      'explain',
      '--policy',
      'good.json',
      '--principal',
      `arn:aws:iam::${PARTNER}:user/partner-developer`,
      '--action',
      'ecr:BatchGetImage',
      '--account',
      ACCOUNT,
      '--lang',
      'vi',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `User: arn:aws:iam::${PARTNER}:user/partner-developer is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app because no resource-based policy allows the ecr:BatchGetImage action\n`,
    );
    expect(r.stdout).toMatchInlineSnapshot(`
      "Kết quả: BỊ TỪ CHỐI (từ chối ngầm định: không có gì cho phép)
        AWS sẽ trả lời (nguyên văn): User: arn:aws:iam::210987654321:user/partner-developer is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:123456789012:repository/fcj-workshop-app because no resource-based policy allows the ecr:BatchGetImage action
        Nghĩa là: khác tài khoản (cross-account): repository policy phải cho phép principal này hoặc tài khoản của nó, nhưng ở đây không có — đây là từ chối ngầm định (implicit deny)

      Yêu cầu
        principal: arn:aws:iam::210987654321:user/partner-developer (IAM user, tài khoản 210987654321)
        action:    ecr:BatchGetImage
        resource:  arn:aws:ecr:us-east-1:123456789012:repository/fcj-workshop-app (mặc định: fcj-workshop-app trong tài khoản --account 123456789012, us-east-1; dùng --resource để đổi)
        context:   aws:SecureTransport=true (aws:SecureTransport: luôn có trên ECR API vì API này chỉ chạy HTTPS; đổi bằng --context)
        khác tài khoản (210987654321 -> 123456789012): repository policy VÀ identity policy đều phải cho phép.
        Deny tường minh (explicit deny) ở bất kỳ policy nào cũng luôn thắng.

      Các statement
           -     repository policy (good.json), statement #1 "AllowPushPullFromCICDUser" (Allow): không áp dụng: arn:aws:iam::210987654321:user/partner-developer không được nêu tên trong Principal fcj-ecr-ci-cd-user
      "
    `);
  });

  it('--json keeps decision, reason (AWS clause) and the trace shape; why follows the language', async () => {
    const args = ['policy', 'explain', '--policy', 'good.json', '--principal', CI];
    const vi = await learner.run([
      ...args,
      '--action',
      'ecr:DeleteRepository',
      '--json',
      '--lang',
      'vi',
    ]);
    expect(vi.code).toBe(1);
    const j = JSON.parse(vi.stdout) as {
      decision: string;
      reason: string;
      basis: string;
      trace: Array<Record<string, unknown>>;
    };
    expect(j.decision).toBe('implicit-deny');
    expect(j.reason).toBe('no identity-based policy allows the ecr:DeleteRepository action');
    expect(j.basis).toBe('same-none');
    expect(Object.keys(j.trace[0]!).sort()).toEqual(
      ['effect', 'matched', 'policy', 'policyType', 'sid', 'statementIndex', 'why'].sort(),
    );
    expect(j.trace[0]!.why).toBe(
      'không áp dụng: action ecr:DeleteRepository không nằm trong Action [ecr:BatchCheckLayerAvailability, ecr:BatchGetImage, ecr:CompleteLayerUpload, ecr:GetDownloadUrlForLayer, ecr:InitiateLayerUpload, ecr:PutImage, ecr:UploadLayerPart]',
    );
  });
});
