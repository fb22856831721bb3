/**
 * Vietnamese in combining form (NFD: "ệ" as e + U+0323 + U+0302), which a lesson author gets
 * from some editors, keyboards and copy-pastes, renders exactly like the precomposed form (NFC):
 * the same wrapping, the same columns. Two copies of one lesson pack, identical but for the
 * Unicode form of their Vietnamese title and step text (a paragraph, a table, a list), run in
 * the built bundle in a real pty at 80x24, in the TUI and in --plain; the screens must be the
 * same once both are read as NFC. A width counted per code point (a combining mark as one
 * column) would wrap the NFD copy early and push the header's "bước 1/3" and the table's
 * columns out of line.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, spawnTutor, type PtySession } from '../helpers/pty.js';
import { maskRun, sandboxHome, type SandboxHome } from '../helpers/vi-lesson-run.js';

const TITLE = 'Repository ECR đầu tiên: kiểm tra quyền truy cập thật kỹ';
const BODY = `# Kết nối tới AWS

Tutor hỏi AWS xem bạn là ai ở {{region}}. Mọi việc bạn làm tiếp theo đều diễn ra với danh tính đó, nên hãy đọc kỹ tài khoản và Region hiển thị bên dưới trước khi đi tiếp; nếu sai, hãy thoát và mở lại tutor với đúng profile.

| Thành phần | Tên | Vì sao quan trọng |
| --- | --- | --- |
| Repository | \`fcj-workshop-app\` | tài nguyên được gắn policy |
| IAM user | \`fcj-ecr-ci-cd-user\` | danh tính được cấp quyền push và pull |

- Những chữ như ặ, ỗ, ữ, ỹ, Đ và ẫ phải chiếm đúng một cột, dù được lưu ở dạng dựng sẵn hay tổ hợp.
`;

/** The example pack with a Vietnamese title and first step, in the Unicode form asked for. */
async function pack(dir: string, form: 'NFC' | 'NFD'): Promise<string> {
  const src = join(root, 'lessons/examples/first-repository');
  const dst = join(dir, `pack-${form}`, 'first-repository');
  await cp(src, dst, { recursive: true });
  const manifest = join(dst, 'lesson.yaml');
  const yaml = (await readFile(manifest, 'utf8')).replace(
    /^title: .*$/m,
    `title: "${TITLE.normalize(form)}"`,
  );
  await writeFile(manifest, yaml);
  await writeFile(join(dst, '01-connect.md'), BODY.normalize(form));
  return join(dir, `pack-${form}`);
}

type Form = 'NFC' | 'NFD';
let dir: SandboxHome;
const packs: Partial<Record<Form, string>> = {};
beforeAll(async () => {
  dir = await sandboxHome('vi-nfd-packs');
  packs.NFC = await pack(dir.home, 'NFC');
  packs.NFD = await pack(dir.home, 'NFD');
  // the fixture really differs in form, and only in form
  const [a, b] = await Promise.all(
    ['NFC', 'NFD'].map((f) => readFile(join(dir.home, `pack-${f}/first-repository/01-connect.md`))),
  );
  expect(a!.equals(b!)).toBe(false);
  expect(a!.toString('utf8')).toBe(b!.toString('utf8').normalize('NFC'));
}, 60_000);
afterAll(async () => {
  await dir?.cleanup();
});

/** Each run gets a fresh learner (home, sandbox): no progress from the run before. */
async function run<T>(label: string, body: (sh: SandboxHome) => Promise<T>): Promise<T> {
  const sh = await sandboxHome(`vi-nfd-${label}`);
  try {
    return await body(sh);
  } finally {
    await sh.cleanup();
  }
}

const settled = (s: string) =>
  !/Đang kiểm tra…|đang\s+kiểm tra…/.test(s) && /q thoát\s*$/.test(s) && /Đạt:/.test(s);

function tuiFrame(form: Form): Promise<string> {
  return run(`tui-${form}`, async (sh) => {
    let t: PtySession | undefined;
    try {
      t = await spawnTutor(['--lessons', packs[form]!, '--trust-pack', '--lang', 'vi'], {
        cols: 80,
        rows: 24,
        cwd: sh.home,
      });
      const s = await t.waitFor((x) => settled(x) && /(còn tiếp|hết): Pg/.test(x), 60_000);
      t.press('q');
      await t.waitForExit();
      // (maskRun also hides the pane's line range, which settles a frame late, NFC or not)
      return maskRun(s, sh.tsb);
    } finally {
      await t?.kill();
    }
  });
}

function plainRows(form: Form): Promise<{ text: string; wrapped: string[] }> {
  return run(`plain-${form}`, async (sh) => {
    let t: PtySession | undefined;
    try {
      t = await spawnTutor(['--lessons', packs[form]!, '--trust-pack', '--lang', 'vi', '--plain'], {
        cols: 80,
        rows: 24,
        cwd: sh.home,
      });
      await t.waitFor((s) => /\? Tiếp theo\?[^\n]*$/.test(s.trimEnd()), 60_000);
      t.write('q\r');
      await t.waitForExit();
      // from the lesson on (the pack notice printed before it is not what this test is about)
      const rows = t.history();
      const first = rows.findIndex((r) => r.text.startsWith('== Bước 1/3'));
      expect(first).toBeGreaterThanOrEqual(0);
      const wrapped = rows
        .slice(first)
        .filter((r) => r.wrapped)
        .map((r) => r.text);
      // what the terminal shows, row by row (a table's columns are where the terminal put them)
      const last = rows.findIndex((r, i) => i > first && r.text.startsWith('Các lệnh:'));
      const text = rows
        .slice(first, last)
        .map((r) => r.text)
        .join('\n');
      return { text: maskRun(text, sh.tsb), wrapped };
    } finally {
      await t?.kill();
    }
  });
}

describe('Vietnamese in combining form (NFD) at 80x24', () => {
  it('the TUI draws it exactly as the precomposed form: same wrapping, same columns', async () => {
    const nfc = await tuiFrame('NFC');
    const nfd = await tuiFrame('NFD');
    // the terminal really received combining marks from the NFD pack
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(nfd.normalize('NFC')).toBe(nfc);
    // every row fits the 80 columns, and the header's step count ends in the last one
    for (const line of nfd.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    const header = nfd.split('\n')[0]!;
    expect(stringWidth(header)).toBe(80);
    expect(header.endsWith('bước 1/3')).toBe(true);
    expect(nfc).toMatchInlineSnapshot(`
      "ECR tutor · Repository ECR đầu tiên: kiểm tra quyền truy cập thật kỹ    bước 1/3
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước [✔] ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      1. Connect

      Kết nối tới AWS

      Tutor hỏi AWS xem bạn là ai ở us-east-1. Mọi việc bạn làm tiếp theo đều diễn ra
      với danh tính đó, nên hãy đọc kỹ tài khoản và Region hiển thị bên dưới trước khi
      đi tiếp; nếu sai, hãy thoát và mở lại tutor với đúng profile.

      Thành phần  Tên                 Vì sao quan trọng
      ─────────────────────────────────────────────────────────────────────
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✔ Đạt: Đã kết nối tới sandbox tại http://127.0.0.1:PORT với danh tính
      arn:aws:iam::ACCOUNT:user/workshop-admin ở us-east-1.
        danh tính: arn:aws:iam::ACCOUNT:user/workshop-admin
        Region: us-east-1
      Nhấn Enter để sang bước tiếp theo.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  t kết quả  q thoát
      "
    `);
  }, 120_000);

  it('--plain prints it exactly as the precomposed form, and the terminal never has to wrap', async () => {
    const nfc = await plainRows('NFC');
    const nfd = await plainRows('NFD');
    expect(nfd.text).not.toBe(nfd.text.normalize('NFC'));
    expect(nfd.text.normalize('NFC')).toBe(nfc.text);
    expect(nfd.wrapped).toEqual([]);
    expect(nfc.wrapped).toEqual([]);
    // the table's columns line up, in display columns, in the combining form too
    const column = (cell: string): number => {
      const line = nfd.text.split('\n').find((l) => l.includes(cell.normalize('NFD')))!;
      return stringWidth(line.slice(0, line.indexOf(cell.normalize('NFD'))));
    };
    expect(new Set(['Tên', 'fcj-workshop-app', 'fcj-ecr-ci-cd-user'].map(column)).size).toBe(1);
    expect(new Set(['Vì sao', 'tài nguyên', 'danh tính được'].map(column)).size).toBe(1);
    expect(column('Vì sao')).toBeGreaterThan(column('Tên'));
    expect(nfc.text).toMatchInlineSnapshot(`
      "== Bước 1/3: Connect ==

      Kết nối tới AWS

      Tutor hỏi AWS xem bạn là ai ở us-east-1. Mọi việc bạn làm tiếp theo đều diễn ra
      với danh tính đó, nên hãy đọc kỹ tài khoản và Region hiển thị bên dưới trước khi
      đi tiếp; nếu sai, hãy thoát và mở lại tutor với đúng profile.

      Thành phần  Tên                 Vì sao quan trọng
      ─────────────────────────────────────────────────────────────────────
      Repository  fcj-workshop-app    tài nguyên được gắn policy
      IAM user    fcj-ecr-ci-cd-user  danh tính được cấp quyền push và pull

      • Những chữ như ặ, ỗ, ữ, ỹ, Đ và ẫ phải chiếm đúng một cột, dù được lưu ở dạng
        dựng sẵn hay tổ hợp.
      "
    `);
  }, 120_000);
});
