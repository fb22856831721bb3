// Bundles src/cli.ts into dist/ as ESM with code splitting, so that heavy modules (AWS SDK,
// Ink, the sandbox) load only when a command needs them. Measured in STYLE.md: a single
// bundle roughly halves cold start against running the TypeScript output file by file.
import { build } from 'esbuild';
import { readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await mkdir(`${root}dist`, { recursive: true });
// Ink imports react-devtools-core only when DEV=true; a stub keeps it out of the bundle.
await writeFile(`${root}dist/.devtools-stub.js`, 'export default {};\n');

/**
 * Ink measures every line of every frame with string-width. Two changes, both measured on the
 * first frame: (1) Ink's wrap-ansi pins string-width 7, which walks every string grapheme by
 * grapheme with Intl.Segmenter; string-width 8 (same API) answers plain ASCII at once, so both
 * use 8. (2) string-width 8 builds an Intl.Segmenter and Unicode-property regular expressions
 * (RGI_Emoji alone ~16 ms) when it loads; they are built on first need instead, and strings made
 * only of characters whose width is 1 whatever their neighbours (ASCII, Latin-1, the box,
 * braille, arrow and mark characters the tutor draws; checked against string-width itself for
 * every one of them) skip them.
 */
const NARROW_ONLY =
  '/^[\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF' +
  '\\u2500-\\u25FC\\u25FF\\u2700-\\u2704\\u2706-\\u2709\\u270C-\\u2727\\u2729-\\u274B\\u274D' +
  '\\u274F-\\u2752\\u2756\\u2758-\\u2794\\u2798-\\u27AF\\u27B1-\\u27BE\\u2800-\\u28FF\\u29D0-\\u29DF]*$/';
const LAZY_CONSTS = [
  'segmenter',
  'visibleCharacterRegex',
  'spacingMarkRegex',
  'rgiEmojiRegex',
  'extendedPictographicRegex',
];
const lazierStringWidth = {
  name: 'lazier-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes('/ink/node_modules/wrap-ansi/')
        ? { path: `${root}node_modules/string-width/index.js` }
        : undefined,
    );
    b.onLoad({ filter: /node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      let src = await readFile(args.path, 'utf8');
      if (
        !/"version": "8\./.test(await readFile(join(dirname(args.path), 'package.json'), 'utf8'))
      ) {
        return undefined; // another major (e.g. 4 under an old wrap-ansi): left as it is
      }
      const inits = [];
      for (const name of LAZY_CONSTS) {
        const re = new RegExp(`^const ${name} = (.+);$`, 'm');
        const m = re.exec(src);
        if (!m)
          throw new Error(
            `build: string-width changed (no "const ${name}"), update scripts/build.mjs`,
          );
        src = src.replace(re, `let ${name};`);
        inits.push(`${name} = ${m[1]};`);
      }
      const fast = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {';
      const slow = 'let width = 0;';
      if (!src.includes(fast) || !src.includes(slow)) {
        throw new Error('build: string-width changed (fast path), update scripts/build.mjs');
      }
      src = src
        .replace(fast, `if (${NARROW_ONLY}.test(string)) {`)
        .replace(slow, `if (segmenter === undefined) { ${inits.join(' ')} }\n\t${slow}`);
      return { contents: src, loader: 'js' };
    });
  },
};

/**
 * Ink turns every line of every frame into cells with @alcalzone/ansi-tokenize, and clips lines
 * with slice-ansi; both split strings into graphemes with Intl.Segmenter. For strings made only
 * of the single-width characters above (plus escape sequences, which both parse from the string
 * itself), every UTF-16 unit is its own grapheme, so they are split by unit instead; slice-ansi
 * on such a string without escapes is String.prototype.slice.
 */
const NARROW_OR_ESC = NARROW_ONLY.replace('/^[', '/^[\\u001B');
function patchSource(src, file, from, to) {
  if (!src.includes(from)) throw new Error(`build: ${file} changed, update scripts/build.mjs`);
  return src.replace(from, to);
}
const segmentByUnit = {
  name: 'segment-by-unit',
  setup(b) {
    b.onLoad(
      { filter: /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/ },
      async (args) => ({
        contents: patchSource(
          await readFile(args.path, 'utf8'),
          'ansi-tokenize',
          'for (const { segment, index } of segmenter.segment(str)) {',
          `for (const { segment, index } of (${NARROW_OR_ESC}.test(str) ? Array.from(str, (segment, index) => ({ segment, index })) : segmenter.segment(str))) {`,
        ),
        loader: 'js',
      }),
    );
    b.onLoad({ filter: /node_modules[\\/]slice-ansi[\\/]index\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      if (!src.includes('export default function sliceAnsi(string, start, end) {'))
        return undefined;
      return {
        contents: patchSource(
          src,
          'slice-ansi',
          'export default function sliceAnsi(string, start, end) {',
          `export default function sliceAnsi(string, start, end) {\n\tif (${NARROW_ONLY}.test(string)) return string.slice(start, end);`,
        ),
        loader: 'js',
      };
    });
  },
};

/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 data: URL and loads it
 * with fetch() when fetch exists: on Node that first loads undici and decodes the URL through
 * it (~20 ms of a cold start). Without fetch it decodes the same bytes with atob().
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad(
      { filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      async (args) => ({
        contents: `var fetch = undefined;\n${await readFile(args.path, 'utf8')}`,
        loader: 'js',
      }),
    );
  },
};

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
  alias: { 'react-devtools-core': `${root}dist/.devtools-stub.js` },
  plugins: [lazierStringWidth, segmentByUnit, yogaWithoutFetch],
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
