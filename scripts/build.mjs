// Bundles src/cli.ts into dist/ as ESM with code splitting, so that heavy modules (AWS SDK,
// Ink, the sandbox) load only when a command needs them. Measured in STYLE.md: a single
// bundle roughly halves cold start against running the TypeScript output file by file.
// No dependency is rewritten or patched here: the bundle runs the code the tests run.
import { build } from 'esbuild';
import { rm, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await mkdir(`${root}dist`, { recursive: true });

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
  // Minified code parses and compiles faster: part of the tutor's first-frame budget.
  minify: process.env.ECR_TUTOR_BUILD_MINIFY !== '0',
  keepNames: process.env.ECR_TUTOR_BUILD_KEEPNAMES === '1',
  legalComments: 'none',
  // Ink loads its devtools module (which imports react-devtools-core, not installed) only when
  // DEV=true; left external it stays an import that never runs, as in Ink's own sources.
  external: ['react-devtools-core'],
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
