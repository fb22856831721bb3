// Bundles src/cli.ts into dist/ as ESM with code splitting, so that heavy modules (AWS SDK,
// Ink, the sandbox) load only when a command needs them. Measured in STYLE.md: a single
// bundle roughly halves cold start against running the TypeScript output file by file.
import { build } from 'esbuild';
import { rm, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await mkdir(`${root}dist`, { recursive: true });
// Ink imports react-devtools-core only when DEV=true; a stub keeps it out of the bundle.
await writeFile(`${root}dist/.devtools-stub.js`, 'export default {};\n');

await build({
  entryPoints: [`${root}src/cli.ts`],
  outdir: `${root}dist`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  jsx: 'automatic',
  logLevel: 'warning',
  legalComments: 'none',
  alias: { 'react-devtools-core': `${root}dist/.devtools-stub.js` },
  // CommonJS dependencies inside an ESM bundle still use require(), __filename and __dirname.
  banner: {
    js: [
      "import { createRequire as __ecrTutorCreateRequire } from 'node:module';",
      "import { fileURLToPath as __ecrTutorFileURLToPath } from 'node:url';",
      "import { dirname as __ecrTutorDirname } from 'node:path';",
      'const require = __ecrTutorCreateRequire(import.meta.url);',
      'const __filename = __ecrTutorFileURLToPath(import.meta.url);',
      'const __dirname = __ecrTutorDirname(__filename);',
    ].join(' '),
  },
  define: { 'process.env.NODE_ENV': '"production"' },
});
