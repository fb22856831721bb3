#!/usr/bin/env node
// Launcher: refuse unsupported Node versions with a clear message, quiet the AWS SDK's
// Node-version notice (it would tear an Ink frame), keep compiled code where Node can, then hand
// over to the bundled CLI.
import module from 'node:module';
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(
    `ecr-tutor needs Node.js 20 or newer; this is Node.js ${process.versions.node}.\n` +
      'Install a current Node.js (https://nodejs.org/) and run it again.\n',
  );
  process.exit(2);
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Node 22.1+ keeps compiled code between runs (a faster second start); Node 20 has no such API.
module.enableCompileCache?.();
// A reader that stops early (`ecr-tutor lessons list | head -1`) closes the pipe: that is the
// reader's choice, not a failure, so stop quietly instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

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
