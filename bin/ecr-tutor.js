#!/usr/bin/env node
// Launcher: refuse unsupported Node versions with a clear message, quiet the AWS SDK's
// Node-version notice (it would tear an Ink frame), tune V8 for a small resident set, then hand
// over to the bundled CLI.
import module from 'node:module';
import v8 from 'node:v8';
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(
    `ecr-tutor needs Node.js 20 or newer; this is Node.js ${process.versions.node}.\n` +
      'Install a current Node.js (https://nodejs.org/) and run it again.\n',
  );
  process.exit(2);
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Measured with bench/tui.bench.ts: peak RSS through a whole lesson 147 -> 122 MiB, time to the
// first frame unchanged (the tutor waits on people and AWS, not on peak JIT speed). Set at run
// time because a launcher cannot pass V8 flags without starting a second process (~100 ms).
// ECR_TUTOR_V8_DEFAULTS=0 leaves V8 alone.
if (process.env.ECR_TUTOR_V8_DEFAULTS !== '0') v8.setFlagsFromString('--optimize-for-size');
// Node 22.1+ keeps compiled code between runs (a faster second start); Node 20 has no such API.
module.enableCompileCache?.();

try {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write(
      'ecr-tutor is not built yet: run `npm install` (or `npm run build`) in its folder first.\n',
    );
    process.exit(2);
  }
  throw err;
}
