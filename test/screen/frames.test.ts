/**
 * Whole frames of every step, as a learner sees them: the shipped bundle (bin/ecr-tutor.js)
 * in a real pty at 80x24, 60x20 and 160x50, walked step by step (test/screen/drive.ts), step 5
 * with a tab-indented policy file holding Vietnamese, an emoji, a BEL and a U+202E. What
 * changes between runs (account ids, the sandbox port, temporary folders) is masked with
 * marks of the same length, so wrapping is exactly what the learner gets.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcher, spawnTutor, type PtySession } from '../helpers/pty.js';
import { walkLesson } from './drive.js';

// The sandbox's default port, held so that every run gets a free port of five digits: the same
// width on screen every time.
let holder: Server | undefined;
// `ecr-tutor` on PATH, as after a global install: the commands on screen name it so, the same
// in every checkout (else they would show this checkout's path to bin/ecr-tutor.js).
let bin = '';
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'ecr-tutor-bin-'));
  await symlink(launcher, join(bin, 'ecr-tutor'));
  // Another test file's tutor may have it for a while (files run in parallel): wait until it
  // is free and take it, else a tutor started here could get it once the other one ends.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const server = createServer();
    const err = await new Promise<Error | undefined>((res) => {
      server.once('error', (e) => res(e));
      server.listen(4510, '127.0.0.1', () => res(undefined));
    });
    if (!err) {
      holder = server;
      break;
    }
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) throw err;
    await new Promise((res) => setTimeout(res, 250));
  }
}, 150_000);
afterAll(async () => {
  await new Promise<void>((res) => (holder ? holder.close(() => res()) : res()));
  await rm(bin, { recursive: true, force: true });
});

async function framesAt(cols: number, rows: number): Promise<Record<number, string>> {
  const t: PtySession = await spawnTutor([], {
    cols,
    rows,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  try {
    const frames = await walkLesson(t);
    for (const f of Object.values(frames)) {
      const lines = f.split('\n');
      expect(lines).toHaveLength(rows);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(cols);
    }
    return frames;
  } finally {
    await t.kill();
  }
}

describe('every step at 80x24', () => {
  let f: Record<number, string> = {};
  beforeAll(async () => {
    f = await framesAt(80, 24);
  }, 240_000);
  it('1. connect', () => {
    expect(f[1]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 1/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps [✔] ○  ○  ○  ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      1. Connect

      Everything in this lesson is checked against live state: the tutor never takes
      your word for it, it asks AWS. So the first thing to settle is which AWS, and
      who you are there.

      The tutor calls STS GetCallerIdentity, the "who am I?" of AWS. It needs no
      permission at all, only credentials that AWS accepts, so it is the quickest way
      to tell "no or expired credentials" apart from "not allowed".

      ↓ more below: PgDn or ↓ (lines 1-8 of 19)

      ✔ Passed: Connected to the sandbox at http://127.0.0.1:<PRT> as
      arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin in us-east-1.
        identity: arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
        region: us-east-1
      Press Enter for the next step.
      ────────────────────────────────────────────────────────────────────────────────
      Enter next  h hint  s skip  b back  g jump  t results  q quit
      "
    `);
  });
  it('2. account ID', () => {
    expect(f[2]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 2/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔ [○] ○  ○  ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      2. Find your account ID

      The policy you will write names the CI user by its full ARN, and an IAM ARN
      carries the 12-digit ID of the account the user lives in:

        arn:aws:iam::<account ID>:user/fcj-ecr-ci-cd-user

      So before you can write it, you need your account ID. Two places to find it:

      • Console: open the menu under your name, top right. The ID is shown there (with
        dashes, like 1234-5678-9012: type it without them).
      ↓ more below: PgDn or ↓ (lines 1-9 of 18)

      Your 12-digit AWS account ID
      › <ACCOUNT_ID>▌

      Not checked yet.
      ────────────────────────────────────────────────────────────────────────────────
      Enter submit  Esc keys (hint, skip, back)  Ctrl-C quit
      "
    `);
  });
  it('3. prerequisites', () => {
    expect(f[3]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 3/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔ [✔] ○  ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      3. Check the repository and the CI user

      Earlier sections of the workshop created two things this lesson builds on:

      What            Name                Why it matters here
      ────────────────────────────────────────────────────────────────────────────────
      ECR repository  fcj-workshop-app    the resource the policy is attached to
      IAM user        fcj-ecr-ci-cd-user  the identity the policy grants push and pull
                                          to
      ↓ more below: PgDn or ↓ (lines 1-7 of 20)

      ✔ ECR repository (us-east-1) fcj-workshop-app
      ✔ IAM user fcj-ecr-ci-cd-user

      ✔ Passed: Found the repository fcj-workshop-app and the IAM user
      fcj-ecr-ci-cd-user.
      Press Enter for the next step.
      ────────────────────────────────────────────────────────────────────────────────
      Enter next  h hint  s skip  b back  g jump  t results  q quit
      "
    `);
  });
  it('4. concepts (the text before its questions)', () => {
    expect(f[4]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 4/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔ [○] ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      4. Identity policies and repository policies

      Two kinds of policy can open the door to fcj-workshop-app:

      • An identity-based policy is attached to a user, group or role. It lists what
        that identity may do, on which resources. Example: "fcj-ecr-ci-cd-user may
        call ecr:PutImage on every repository of the account".
      • A repository policy is a resource-based policy: it is attached to one
        repository and lists who may do what to it. It must therefore name a
        Principal. Example: "the user fcj-ecr-ci-cd-user may push to and pull from
        fcj-workshop-app".

      ↓ more below: PgDn or ↓ (lines 1-10 of 33)

      4 questions below the text: Enter (or ↓ at its end) to answer

      Not checked yet.
      ────────────────────────────────────────────────────────────────────────────────
      Enter questions  c check  h hint  s skip  b back  g jump  t results  q quit
      "
    `);
  });
  it('5. compose: a tab-indented Vietnamese + emoji policy file with its finding', () => {
    expect(f[5]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 5/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      5. Compose the policy · results (t: text)

      fcj-workshop-app-policy.json · 1 finding
      line 8:26 error Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
         1 │ {
         2 │     "Version": "2012-10-17",
         3 │     "Statement": [
         4 │         {
         5 │             "Sid": "Cho phép đẩy và kéo 🚀<U+202E>",
         6 │             "Effect": "Allow",
         7 │             "Principal": {
         8!│                 "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-…
         9 │             },
      ↓ more below: PgDn or ↓ (lines 1-11 of 15)

      ✘ Not yet: Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
      ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  w watch off  q quit
      "
    `);
  });
  it('5. compose, one page down: the Vietnamese + emoji line, tabs expanded', () => {
    expect(f[50]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 5/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      5. Compose the policy · results (t: text)

         3 │     "Statement": [
         4 │         {
         5 │             "Sid": "Cho phép đẩy và kéo 🚀<U+202E>",
         6 │             "Effect": "Allow",
         7 │             "Principal": {
         8!│                 "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-…
         9 │             },
        10 │             "Action": ["ecr:PutImage", "ecr:BatchGetImage"]
        11 │         }
        12 │     ]
        13 │ }
      ↑ the end: PgUp or ↑ goes back (lines 5-15 of 15)

      ✘ Not yet: Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
      ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  w watch off  q quit
      "
    `);
  });
  it('6. apply: the command laid out with \\ continuations', () => {
    expect(f[6]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 6/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      6. Apply the policy to the repository · results (t: text)

      Run this (or use the console), then wait here:
        aws ecr set-repository-policy --repository-name fcj-workshop-app \\
          --policy-text file://fcj-workshop-app-policy.json \\
          --endpoint-url http://127.0.0.1:<PRT> --region us-east-1








      ✘ Not yet: fcj-workshop-app has no repository policy yet.
      ◉ Watching: re-checks when you save and every few seconds.
      ✔ Compose the policy: passed. Moved on to the next step.
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  t text  w watch off  y copy command  q quit
      "
    `);
  });
  it('7. verify', () => {
    expect(f[7]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 7/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔  ✔  ↷ [✘] ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      7. Push and pull as the CI user

      Now the proof, done by you the way a CI pipeline does it. In another terminal,
      in this folder, become fcj-ecr-ci-cd-user, log in to the registry
      127.0.0.1:<PRT> with a password from ecr:GetAuthorizationToken, push the test
      image under the fresh tag ecr-tutor-check-xxxxxxxx, and pull it back (skopeo was
      found on this machine):

        eval "$(ecr-tutor sandbox env --user fcj-ecr-ci-cd-user)"
        aws ecr get-login-password | skopeo login --tls-verify=false --username AWS \\
      ↓ more below: PgDn or ↓ (lines 1-8 of 30)

      ✘ Not yet: Waiting for fcj-workshop-app:ecr-tutor-check-xxxxxxxx: run the
      commands above as fcj-ecr-ci-cd-user.
        The tutor checks the repository every few seconds and goes on once the tag ec…
        A push denied in your terminal means the repository policy (step 6) does not …
      ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  w watch off  y copy command  q quit
      "
    `);
  });
  it('8. explain: each request labelled, its trace once', () => {
    expect(f[8]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 8/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔  ✔  ↷  ↷ [✘] ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      8. Why it works, and for whom · results (t: text)

      Q1. What would partner-developer, in the other account, need before it could
      pull from fcj-workshop-app?
      ❯ 1) Only a statement in the repository policy that names it
        2) Only an IAM policy in its own account
        3) Both: the repository policy names it (or its account) and its own IAM
           policy allows the pull actions

      Request 1 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → allowed
        allowed by the resource-based policy (same account: that is enough)
        ○ Allow identity inline policy ecr-get-authorization-token of fcj-ecr-ci-cd-u…
        ● Allow resource repository policy of fcj-workshop-app#AllowPushPull: allows:…
      ↓ more below: PgDn or ↓ (lines 1-11 of 21)

      ✘ Not yet: Answer the question first (1 left).
        Live: the sandbox denied partner-developer: User: arn:aws:iam::<ACCOUNT_ID>:u…
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  q quit
      "
    `);
  });
  it('8. explain, one page down: the requests, each labelled', () => {
    expect(f[80]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 8/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔  ✔  ↷  ↷ [✘] ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      8. Why it works, and for whom · results (t: text)

        ● Allow resource repository policy of fcj-workshop-app#AllowPushPull: allows:…

      Request 2 of 3: partner-developer calls ecr:BatchGetImage → implicit-deny
        no resource-based policy allows the ecr:BatchGetImage action
        ○ Allow resource repository policy of fcj-workshop-app#AllowPushPull: does no…

      Request 3 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → implicit-deny
        experiment, the policy without ecr:PutImage: no identity-based policy allows
        the ecr:PutImage action
        ○ Allow identity inline policy ecr-get-authorization-token of fcj-ecr-ci-cd-u…
        ○ Allow resource repository policy of fcj-workshop-app without ecr:PutImage#A…
      ↑ the end: PgUp or ↑ goes back (lines 11-21 of 21)

      ✘ Not yet: Answer the question first (1 left).
        Live: the sandbox denied partner-developer: User: arn:aws:iam::<ACCOUNT_ID>:u…
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  q quit
      "
    `);
  });
  it('9. clean up', () => {
    expect(f[9]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                step 9/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as …:user/workshop-admin
      Steps  ✔  ✔  ✔  ✔  ✔  ↷  ↷  ✔ [○] g: list
      ────────────────────────────────────────────────────────────────────────────────
      9. Clean up (optional)

      The lesson changed two things in your account: the policy of fcj-workshop-app,
      and the test image you pushed in step 7,
      fcj-workshop-app:ecr-tutor-check-xxxxxxxx, which stays in the repository until
      you clean up. (The tutor's own check of the seven actions pushed an image of its
      own and deleted it right after.)

      • Keep them if later sections of the workshop use the policy.

      • Or remove them yourself:
          aws ecr delete-repository-policy --repository-name fcj-workshop-app \\
            --region us-east-1 --endpoint-url http://127.0.0.1:<PRT>
      ↓ more below: PgDn or ↓ (lines 1-11 of 23)

      Every required step is done: this one is optional (Enter checks it, s lets the
      tutor do it, q quits).
      ────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  y copy command  q quit
      "
    `);
  });
});

describe('every step at 60x20', () => {
  let f: Record<number, string> = {};
  beforeAll(async () => {
    f = await framesAt(60, 20);
  }, 240_000);
  it('1. connect', () => {
    expect(f[1]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 1/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps [✔] ○  ○  ○  ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      1. Connect

      Everything in this lesson is checked against live state: the
      tutor never takes your word for it, it asks AWS. So the
      first thing to settle is which AWS, and who you are there.
      ↓ more below: PgDn or ↓ (lines 1-3 of 23)

      ✔ Passed: Connected to the sandbox at http://127.0.0.1:<PRT>
      as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin in
      us-east-1.
        identity: arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
        region: us-east-1
      Press Enter for the next step.
      ────────────────────────────────────────────────────────────
      Enter next  h hint  s skip  b back  t results  q quit
      "
    `);
  });
  it('2. account ID', () => {
    expect(f[2]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 2/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔ [○] ○  ○  ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      2. Find your account ID

      The policy you will write names the CI user by its full ARN,
      and an IAM ARN carries the 12-digit ID of the account the
      user lives in:

        arn:aws:iam::<account ID>:user/fcj-ecr-ci-cd-user
      ↓ more below: PgDn or ↓ (lines 1-5 of 22)

      Your 12-digit AWS account ID
      › <ACCOUNT_ID>▌

      Not checked yet.
      ────────────────────────────────────────────────────────────
      Enter submit  Esc keys (hint, skip, back)  Ctrl-C quit
      "
    `);
  });
  it('3. prerequisites', () => {
    expect(f[3]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 3/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔ [✔] ○  ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      3. Check the repository and the CI user

      Earlier sections of the workshop created two things this
      lesson builds on:

      ↓ more below: PgDn or ↓ (lines 1-3 of 24)

      ✔ ECR repository (us-east-1) fcj-workshop-app
      ✔ IAM user fcj-ecr-ci-cd-user

      ✔ Passed: Found the repository fcj-workshop-app and the IAM
      user fcj-ecr-ci-cd-user.
      Press Enter for the next step.
      ────────────────────────────────────────────────────────────
      Enter next  h hint  s skip  b back  t results  q quit
      "
    `);
  });
  it('4. concepts (the text before its questions)', () => {
    expect(f[4]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 4/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔ [○] ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      4. Identity policies and repository policies

      Two kinds of policy can open the door to fcj-workshop-app:

      • An identity-based policy is attached to a user, group or
        role. It lists what that identity may do, on which
        resources. Example: "fcj-ecr-ci-cd-user may call
        ecr:PutImage on every repository of the account".
      ↓ more below: PgDn or ↓ (lines 1-6 of 39)

      4 questions below the text: Enter (or ↓ at its end) to answ…

      Not checked yet.
      ────────────────────────────────────────────────────────────
      Enter questions  c check  h hint  s skip  t results  q quit
      "
    `);
  });
  it('5. compose: a tab-indented Vietnamese + emoji policy file with its finding', () => {
    expect(f[5]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 5/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      5. Compose the policy · results (t: text)

      fcj-workshop-app-policy.json · 1 finding
      line 8:26 error Replace <YOUR_AWS_ACCOUNT_ID> with your
        12-digit account ID.
         1 │ {
         2 │     "Version": "2012-10-17",
         3 │     "Statement": [
      ↓ more below: PgDn or ↓ (lines 1-6 of 16)

      ✘ Not yet: Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit
      account ID.
      ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  t text  w watch off  q quit
      "
    `);
  });
  it('5. compose, one page down: the Vietnamese + emoji line, tabs expanded', () => {
    expect(f[50]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 5/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      5. Compose the policy · results (t: text)

         4 │         {
         5 │             "Sid": "Cho phép đẩy và kéo 🚀<U+202E>",
         6 │             "Effect": "Allow",
         7 │             "Principal": {
         8!│                 "AWS": "arn:aws:iam::<YOUR_AWS_ACCOU…
         9 │             },
      ↓ more below: PgDn or ↓ (lines 7-12 of 16)

      ✘ Not yet: Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit
      account ID.
      ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  t text  w watch off  q quit
      "
    `);
  });
  it('6. apply: the command laid out with \\ continuations', () => {
    expect(f[6]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 6/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────
      6. Apply the policy to the repository · results (t: text)

      Run this (or use the console), then wait here:
        aws ecr set-repository-policy \\
          --repository-name fcj-workshop-app \\
          --policy-text file://fcj-workshop-app-policy.json \\
          --endpoint-url http://127.0.0.1:<PRT> --region us-east-1



      ✘ Not yet: fcj-workshop-app has no repository policy yet.
      ◉ Watching: re-checks when you save and every few seconds.
      ✔ Compose the policy: passed. Moved on to the next step.
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  t text  y copy command  q quit
      "
    `);
  });
  it('7. verify', () => {
    expect(f[7]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 7/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔  ✔  ↷ [✘] ○  ○  g: list
      ────────────────────────────────────────────────────────────
      7. Push and pull as the CI user

      Now the proof, done by you the way a CI pipeline does it. In
      another terminal, in this folder, become fcj-ecr-ci-cd-user,
      log in to the registry 127.0.0.1:<PRT> with a password from
      ↓ more below: PgDn or ↓ (lines 1-3 of 38)

      ✘ Not yet: Waiting for
      fcj-workshop-app:ecr-tutor-check-xxxxxxxx: run the commands
      above as fcj-ecr-ci-cd-user.
        The tutor checks the repository every few seconds and goe…
        A push denied in your terminal means the repository polic…
      ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  y copy command  q quit
      "
    `);
  });
  it('8. explain: each request labelled, its trace once', () => {
    expect(f[8]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 8/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔  ✔  ↷  ↷ [✘] ○  g: list
      ────────────────────────────────────────────────────────────
      8. Why it works, and for whom · results (t: text)

      Q1. What would partner-developer, in the other account, need
      before it could pull from fcj-workshop-app?
      ❯ 1) Only a statement in the repository policy that names it
        2) Only an IAM policy in its own account
        3) Both: the repository policy names it (or its account)
           and its own IAM policy allows the pull actions

      ↓ more below: PgDn or ↓ (lines 1-7 of 23)

      ✘ Not yet: Answer the question first (1 left).
        Live: the sandbox denied partner-developer: User: arn:aws…
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  q quit
      "
    `);
  });
  it('8. explain, one page down: the requests, each labelled', () => {
    expect(f[80]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 8/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔  ✔  ↷  ↷ [✘] ○  g: list
      ────────────────────────────────────────────────────────────
      8. Why it works, and for whom · results (t: text)

      Request 1 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → all…
        allowed by the resource-based policy (same account: that
        is enough)
        ○ Allow identity inline policy ecr-get-authorization-toke…
        ● Allow resource repository policy of fcj-workshop-app#Al…

      Request 2 of 3: partner-developer calls ecr:BatchGetImage →…
      ↓ more below: PgDn or ↓ (lines 8-14 of 23)

      ✘ Not yet: Answer the question first (1 left).
        Live: the sandbox denied partner-developer: User: arn:aws…
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  q quit
      "
    `);
  });
  it('9. clean up', () => {
    expect(f[9]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy            step 9/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1
      Steps  ✔  ✔  ✔  ✔  ✔  ↷  ↷  ✔ [○] g: list
      ────────────────────────────────────────────────────────────
      9. Clean up (optional)

      The lesson changed two things in your account: the policy of
      fcj-workshop-app, and the test image you pushed in step 7,
      fcj-workshop-app:ecr-tutor-check-xxxxxxxx, which stays in
      the repository until you clean up. (The tutor's own check of
      the seven actions pushed an image of its own and deleted it
      right after.)

      ↓ more below: PgDn or ↓ (lines 1-7 of 31)

      Every required step is done: this one is optional (Enter
      checks it, s lets the tutor do it, q quits).
      ────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  y copy command  q quit
      "
    `);
  });
});

describe('every step at 160x50', () => {
  let f: Record<number, string> = {};
  beforeAll(async () => {
    f = await framesAt(160, 50);
  }, 240_000);
  it('1. connect', () => {
    expect(f[1]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 1/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      ▶✔ 1. Connect                     1. Connect
       ○ 2. Find your account ID
       ○ 3. Check the repository and t… Everything in this lesson is checked against live state: the tutor never takes your word for it, it asks AWS. So the first
       ○ 4. Identity policies and repo… thing to settle is which AWS, and who you are there.
       ○ 5. Compose the policy
       ○ 6. Apply the policy to the re… The tutor calls STS GetCallerIdentity, the "who am I?" of AWS. It needs no permission at all, only credentials that AWS
       ○ 7. Push and pull as the CI us… accepts, so it is the quickest way to tell "no or expired credentials" apart from "not allowed".
       ○ 8. Why it works, and for whom
       ○ 9. Clean up (optional)         • Sandbox (the default): a small local AWS that runs inside the tutor. It speaks the same wire protocols as the real services,
                                          so the same SDK calls and the same AWS CLI commands work. It starts in the state the workshop reaches at section 5.1: the
                                          repository fcj-workshop-app with one image, and the IAM user fcj-ecr-ci-cd-user that may only log in to ECR.
                                        • Real AWS (--aws or --profile NAME): your own account, with the credentials your AWS CLI uses. The lab then changes two
                                          things for real: the policy of fcj-workshop-app, and a test image the CI user pushes to it (the clean-up step removes both).

                                        Press check to see who you are.

























                                        ✔ Passed: Connected to the sandbox at http://127.0.0.1:<PRT> as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin in us-east-1.
                                          identity: arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
                                          region: us-east-1
                                        Press Enter for the next step.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter next  h hint  s skip  b back  g jump  t results  q quit
      "
    `);
  });
  it('2. account ID', () => {
    expect(f[2]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 2/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     2. Find your account ID
      ▶○ 2. Find your account ID
       ○ 3. Check the repository and t… The policy you will write names the CI user by its full ARN, and an IAM ARN carries the 12-digit ID of the account the user
       ○ 4. Identity policies and repo… lives in:
       ○ 5. Compose the policy
       ○ 6. Apply the policy to the re…   arn:aws:iam::<account ID>:user/fcj-ecr-ci-cd-user
       ○ 7. Push and pull as the CI us…
       ○ 8. Why it works, and for whom  So before you can write it, you need your account ID. Two places to find it:
       ○ 9. Clean up (optional)
                                        • Console: open the menu under your name, top right. The ID is shown there (with dashes, like 1234-5678-9012: type it without
                                          them).

                                        • AWS CLI: the second command below prints it as "Account". The first one is for the sandbox only: it gives your shell the
                                          sandbox's address and keys.
                                            eval "$(ecr-tutor sandbox env)"
                                            aws sts get-caller-identity --region us-east-1 --endpoint-url http://127.0.0.1:<PRT>

                                        Type it below. The tutor compares it with what STS says, and remembers it for the policy step.






















                                        Your 12-digit AWS account ID
                                        › <ACCOUNT_ID>▌

                                        Not checked yet.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter submit  Esc keys (hint, skip, back)  Ctrl-C quit
      "
    `);
  });
  it('3. prerequisites', () => {
    expect(f[3]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 3/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     3. Check the repository and the CI user
       ✔ 2. Find your account ID
      ▶✔ 3. Check the repository and t… Earlier sections of the workshop created two things this lesson builds on:
       ○ 4. Identity policies and repo…
       ○ 5. Compose the policy          What            Name                Why it matters here
       ○ 6. Apply the policy to the re… ───────────────────────────────────────────────────────────────────────────────────
       ○ 7. Push and pull as the CI us… ECR repository  fcj-workshop-app    the resource the policy is attached to
       ○ 8. Why it works, and for whom  IAM user        fcj-ecr-ci-cd-user  the identity the policy grants push and pull to
       ○ 9. Clean up (optional)
                                        The tutor reads both (ECR DescribeRepositories, IAM GetUser) in us-east-1. If either is missing, you can create it yourself
                                        with the commands in the hints, or let the tutor create it for you: it asks before it changes anything.

                                        In a shared lab account (the tutor was started with --learner NAME), both names end in your learner name and are yours alone;
                                        if the instructor has not made them, let the tutor create them: it tags them so that ecr-tutor cleanup can find and remove
                                        them afterwards.

                                        A repository policy may only name principals that exist: AWS rejects a policy whose principal it cannot find ("Principal not
                                        found"), which is one more reason to check first.





















                                        ✔ ECR repository (us-east-1) fcj-workshop-app
                                        ✔ IAM user fcj-ecr-ci-cd-user

                                        ✔ Passed: Found the repository fcj-workshop-app and the IAM user fcj-ecr-ci-cd-user.
                                        Press Enter for the next step.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter next  h hint  s skip  b back  g jump  t results  q quit
      "
    `);
  });
  it('4. concepts (the text before its questions)', () => {
    expect(f[4]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 4/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     4. Identity policies and repository policies
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… Two kinds of policy can open the door to fcj-workshop-app:
      ▶○ 4. Identity policies and repo…
       ○ 5. Compose the policy          • An identity-based policy is attached to a user, group or role. It lists what that identity may do, on which resources.
       ○ 6. Apply the policy to the re…   Example: "fcj-ecr-ci-cd-user may call ecr:PutImage on every repository of the account".
       ○ 7. Push and pull as the CI us… • A repository policy is a resource-based policy: it is attached to one repository and lists who may do what to it. It must
       ○ 8. Why it works, and for whom    therefore name a Principal. Example: "the user fcj-ecr-ci-cd-user may push to and pull from fcj-workshop-app".
       ○ 9. Clean up (optional)
                                        How AWS combines them

                                        1. An explicit Deny wins, in whichever policy it is written.
                                        2. Same account (caller and repository in one account): one Allow is enough, from the identity policy or from a repository
                                           policy that names the user, role or session.
                                        3. A repository policy that names only the account ("<ACCOUNT_ID>" or arn:aws:iam::<ACCOUNT_ID>:root) hands the decision to
                                           that account's IAM: the user still needs an identity policy that allows the action, in the same account too.
                                        4. Different accounts: both must allow: the repository policy must allow the caller (or its account), and an identity policy
                                           in the caller's account must allow the action too.

                                        │ The workshop page says both policies must always allow the action ("AND" logic). That is exactly right for access from
                                        │ another account, which is where repository policies shine, and for a repository policy that names only an account. Within a
                                        │ single account, a repository policy that names the user itself is enough on its own. You will see this live:
                                        │ fcj-ecr-ci-cd-user has no ECR push rights of its own, yet it will push once the repository policy names it.

                                        Answer the four questions below.













                                        Q1. fcj-ecr-ci-cd-user lives in the same account as fcj-workshop-app. None of its IAM policies mention pushing images, but the
                                        repository policy names fcj-ecr-ci-cd-user itself and allows it to push. Can it push?
                                        ❯ 1) Yes, it can push
                                          2) No, it cannot push

                                        Not checked yet.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      ↑↓ Enter answer  c check  h hint  s skip  b back  g jump  t results  q quit
      "
    `);
  });
  it('5. compose: a tab-indented Vietnamese + emoji policy file with its finding', () => {
    expect(f[5]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 5/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     5. Compose the policy · results (t: text)
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… fcj-workshop-app-policy.json · 1 finding
       ✔ 4. Identity policies and repo… line 8:26 error Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
      ▶✘ 5. Compose the policy             1 │ {
       ○ 6. Apply the policy to the re…    2 │     "Version": "2012-10-17",
       ○ 7. Push and pull as the CI us…    3 │     "Statement": [
       ○ 8. Why it works, and for whom     4 │         {
       ○ 9. Clean up (optional)            5 │             "Sid": "Cho phép đẩy và kéo 🚀<U+202E>",
                                           6 │             "Effect": "Allow",
                                           7 │             "Principal": {
                                           8!│                 "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user"
                                           9 │             },
                                          10 │             "Action": ["ecr:PutImage", "ecr:BatchGetImage"]
                                          11 │         }
                                          12 │     ]
                                          13 │ }

























                                        ✘ Not yet: Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
                                        ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  w watch off  q quit
      "
    `);
  });
  it('5. compose, one page down: the Vietnamese + emoji line, tabs expanded', () => {
    expect(f[50]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 5/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     5. Compose the policy · results (t: text)
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… fcj-workshop-app-policy.json · 1 finding
       ✔ 4. Identity policies and repo… line 8:26 error Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
      ▶✘ 5. Compose the policy             1 │ {
       ○ 6. Apply the policy to the re…    2 │     "Version": "2012-10-17",
       ○ 7. Push and pull as the CI us…    3 │     "Statement": [
       ○ 8. Why it works, and for whom     4 │         {
       ○ 9. Clean up (optional)            5 │             "Sid": "Cho phép đẩy và kéo 🚀<U+202E>",
                                           6 │             "Effect": "Allow",
                                           7 │             "Principal": {
                                           8!│                 "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user"
                                           9 │             },
                                          10 │             "Action": ["ecr:PutImage", "ecr:BatchGetImage"]
                                          11 │         }
                                          12 │     ]
                                          13 │ }

























                                        ✘ Not yet: Replace <YOUR_AWS_ACCOUNT_ID> with your 12-digit account ID.
                                        ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  w watch off  q quit
      "
    `);
  });
  it('6. apply: the command laid out with \\ continuations', () => {
    expect(f[6]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 6/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     6. Apply the policy to the repository · results (t: text)
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… Run this (or use the console), then wait here:
       ✔ 4. Identity policies and repo…   aws ecr set-repository-policy --repository-name fcj-workshop-app --policy-text file://fcj-workshop-app-policy.json \\
       ✔ 5. Compose the policy              --endpoint-url http://127.0.0.1:<PRT> --region us-east-1
      ▶✘ 6. Apply the policy to the re…
       ○ 7. Push and pull as the CI us…
       ○ 8. Why it works, and for whom
       ○ 9. Clean up (optional)
































                                        ✘ Not yet: fcj-workshop-app has no repository policy yet.
                                        ◉ Watching: re-checks when you save and every few seconds.
                                        ✔ Compose the policy: passed. Moved on to the next step.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  w watch off  y copy command  q quit
      "
    `);
  });
  it('7. verify', () => {
    expect(f[7]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 7/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     7. Push and pull as the CI user
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… Now the proof, done by you the way a CI pipeline does it. In another terminal, in this folder, become fcj-ecr-ci-cd-user, log
       ✔ 4. Identity policies and repo… in to the registry 127.0.0.1:<PRT> with a password from ecr:GetAuthorizationToken, push the test image under the fresh tag
       ✔ 5. Compose the policy          ecr-tutor-check-xxxxxxxx, and pull it back (skopeo was found on this machine):
       ↷ 6. Apply the policy to the re…
      ▶✘ 7. Push and pull as the CI us…   eval "$(ecr-tutor sandbox env --user fcj-ecr-ci-cd-user)"
       ○ 8. Why it works, and for whom    aws ecr get-login-password | skopeo login --tls-verify=false --username AWS --password-stdin 127.0.0.1:<PRT>
       ○ 9. Clean up (optional)           skopeo copy --dest-tls-verify=false docker-archive:ecr-tutor-ci-image.tar \\
                                            docker://127.0.0.1:<PRT>/fcj-workshop-app:ecr-tutor-check-xxxxxxxx
                                          skopeo copy \\
                                            --src-tls-verify=false docker://127.0.0.1:<PRT>/fcj-workshop-app:ecr-tutor-check-xxxxxxxx dir:ecr-tutor-check-xxxxxxxx

                                        Before the repository policy allows it, the push stops with AWS's own sentence, for example denied: User: … is not authorized
                                        to perform: ecr:InitiateLayerUpload …. Each registry call is one ECR action: checking a layer is BatchCheckLayerAvailability,
                                        uploading it is InitiateLayerUpload, UploadLayerPart and CompleteLayerUpload, writing the tag is PutImage; pulling reads the
                                        manifest (BatchGetImage) and the layers (GetDownloadUrlForLayer).

                                        The tutor watches fcj-workshop-app. When ecr-tutor-check-xxxxxxxx arrives it pulls the image back as fcj-ecr-ci-cd-user and
                                        checks every digest, then runs its own check of the seven actions one call at a time and shows each as allowed or denied.

                                        Remember the rule from step 4: if fcj-ecr-ci-cd-user had broad ECR rights in its own IAM policies, this would pass even
                                        without a repository policy. The tutor looks for that and tells you.

















                                        ✘ Not yet: Waiting for fcj-workshop-app:ecr-tutor-check-xxxxxxxx: run the commands above as fcj-ecr-ci-cd-user.
                                          The tutor checks the repository every few seconds and goes on once the tag ecr-tutor-check-xxxxxxxx is there.
                                          A push denied in your terminal means the repository policy (step 6) does not allow it yet: the message names the action.
                                        ◉ Watching: re-checks when you save and every few seconds.
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  w watch off  y copy command  q quit
      "
    `);
  });
  it('8. explain: each request labelled, its trace once', () => {
    expect(f[8]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 8/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     8. Why it works, and for whom · results (t: text)
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… Q1. What would partner-developer, in the other account, need before it could pull from fcj-workshop-app?
       ✔ 4. Identity policies and repo… ❯ 1) Only a statement in the repository policy that names it
       ✔ 5. Compose the policy            2) Only an IAM policy in its own account
       ↷ 6. Apply the policy to the re…   3) Both: the repository policy names it (or its account) and its own IAM policy allows the pull actions
       ↷ 7. Push and pull as the CI us…
      ▶✘ 8. Why it works, and for whom  Request 1 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → allowed
       ○ 9. Clean up (optional)           allowed by the resource-based policy (same account: that is enough)
                                          ○ Allow identity inline policy ecr-get-authorization-token of fcj-ecr-ci-cd-user#AllowEcrLogin: does not apply: action ecr:…
                                          ● Allow resource repository policy of fcj-workshop-app#AllowPushPull: allows: matches ecr:PutImage on arn:aws:ecr:us-east-1…

                                        Request 2 of 3: partner-developer calls ecr:BatchGetImage → implicit-deny
                                          no resource-based policy allows the ecr:BatchGetImage action
                                          ○ Allow resource repository policy of fcj-workshop-app#AllowPushPull: does not apply: arn:aws:iam::<ACCOUNT_ID>:user/partne…

                                        Request 3 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → implicit-deny
                                          experiment, the policy without ecr:PutImage: no identity-based policy allows the ecr:PutImage action
                                          ○ Allow identity inline policy ecr-get-authorization-token of fcj-ecr-ci-cd-user#AllowEcrLogin: does not apply: action ecr:…
                                          ○ Allow resource repository policy of fcj-workshop-app without ecr:PutImage#AllowPushPull: does not apply: action ecr:PutIm…






















                                        ✘ Not yet: Answer the question first (1 left).
                                          Live: the sandbox denied partner-developer: User: arn:aws:iam::<ACCOUNT_ID>:user/partner-developer is not authorized to per…
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  q quit
      "
    `);
  });
  it('8. explain, one page down: the requests, each labelled', () => {
    expect(f[80]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 8/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     8. Why it works, and for whom · results (t: text)
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… Q1. What would partner-developer, in the other account, need before it could pull from fcj-workshop-app?
       ✔ 4. Identity policies and repo… ❯ 1) Only a statement in the repository policy that names it
       ✔ 5. Compose the policy            2) Only an IAM policy in its own account
       ↷ 6. Apply the policy to the re…   3) Both: the repository policy names it (or its account) and its own IAM policy allows the pull actions
       ↷ 7. Push and pull as the CI us…
      ▶✘ 8. Why it works, and for whom  Request 1 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → allowed
       ○ 9. Clean up (optional)           allowed by the resource-based policy (same account: that is enough)
                                          ○ Allow identity inline policy ecr-get-authorization-token of fcj-ecr-ci-cd-user#AllowEcrLogin: does not apply: action ecr:…
                                          ● Allow resource repository policy of fcj-workshop-app#AllowPushPull: allows: matches ecr:PutImage on arn:aws:ecr:us-east-1…

                                        Request 2 of 3: partner-developer calls ecr:BatchGetImage → implicit-deny
                                          no resource-based policy allows the ecr:BatchGetImage action
                                          ○ Allow resource repository policy of fcj-workshop-app#AllowPushPull: does not apply: arn:aws:iam::<ACCOUNT_ID>:user/partne…

                                        Request 3 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → implicit-deny
                                          experiment, the policy without ecr:PutImage: no identity-based policy allows the ecr:PutImage action
                                          ○ Allow identity inline policy ecr-get-authorization-token of fcj-ecr-ci-cd-user#AllowEcrLogin: does not apply: action ecr:…
                                          ○ Allow resource repository policy of fcj-workshop-app without ecr:PutImage#AllowPushPull: does not apply: action ecr:PutIm…






















                                        ✘ Not yet: Answer the question first (1 left).
                                          Live: the sandbox denied partner-developer: User: arn:aws:iam::<ACCOUNT_ID>:user/partner-developer is not authorized to per…
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  t text  q quit
      "
    `);
  });
  it('9. clean up', () => {
    expect(f[9]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Repository access policy                                                                                                                step 9/9
      sandbox (local AWS) · account <ACCOUNT_ID> · us-east-1  as arn:aws:iam::<ACCOUNT_ID>:user/workshop-admin
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
       ✔ 1. Connect                     9. Clean up (optional)
       ✔ 2. Find your account ID
       ✔ 3. Check the repository and t… The lesson changed two things in your account: the policy of fcj-workshop-app, and the test image you pushed in step 7,
       ✔ 4. Identity policies and repo… fcj-workshop-app:ecr-tutor-check-xxxxxxxx, which stays in the repository until you clean up. (The tutor's own check of the
       ✔ 5. Compose the policy          seven actions pushed an image of its own and deleted it right after.)
       ↷ 6. Apply the policy to the re…
       ↷ 7. Push and pull as the CI us… • Keep them if later sections of the workshop use the policy.
       ✔ 8. Why it works, and for whom
      ▶○ 9. Clean up (optional)         • Or remove them yourself:
                                            aws ecr delete-repository-policy --repository-name fcj-workshop-app --region us-east-1 \\
                                              --endpoint-url http://127.0.0.1:<PRT>
                                            aws ecr batch-delete-image --repository-name fcj-workshop-app --image-ids imageTag=ecr-tutor-check-xxxxxxxx \\
                                              --region us-east-1 --endpoint-url http://127.0.0.1:<PRT>

                                        • Or let the tutor do it (skip): if the repository had a policy before the lesson, the tutor kept a copy when it applied
                                          yours, and it puts that one back; otherwise it deletes the lesson's policy. Either way it deletes every test image (tags
                                          starting ecr-tutor-check-).

                                        The check confirms the lesson's policy is gone (or the original one is back) and that no test image is left behind. The
                                        repository and the CI user stay: the workshop made them, not this lesson.























                                        Every required step is done: this one is optional (Enter checks it, s lets the tutor do it, q quits).
      ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      Enter check  h hint  s skip  b back  g jump  y copy command  q quit
      "
    `);
  });
});
