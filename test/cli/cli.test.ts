import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { memoryIo } from '../../src/io.js';
import { VERSION } from '../../src/version.js';

// in process, main() would take the language saved on this machine: these expect English
beforeAll(() => {
  process.env.ECR_TUTOR_LANG = 'en';
});

describe('command line', () => {
  it('prints help listing every command and exits 0', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const cmd of ['start', 'check', 'status', 'reset', 'lessons', 'policy', 'sandbox']) {
      expect(io.stdout()).toContain(cmd);
    }
  });

  it('prints the package version', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout().trim()).toBe(VERSION);
  });

  it('rejects an unknown flag with one line and exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
    expect(io.stderr()).toContain("unknown option '--frobnicate'");
  });

  it('rejects an unknown subcommand of a command group with exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['policy', 'lnt', 'x.json'], io)).toBe(2);
    expect(io.stderr()).toMatch(/unknown command 'lnt'/);
  });

  it('rejects a bad port with exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['sandbox', 'start', '--port', '99999'], io)).toBe(2);
    expect(io.stderr()).toContain('0 to 65535');
  });
});

describe('launcher (bin/ecr-tutor.js, built bundle)', () => {
  it('runs the bundled CLI', async () => {
    const out = execFileSync(process.execPath, ['bin/ecr-tutor.js', '--version'], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(VERSION);
  });

  it('stops quietly when the reader closes the pipe early (`lessons list | head -1`)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-epipe-'));
    // the reader takes the first line and closes its end; the tutor must not die on EPIPE
    const out = execFileSync(
      'bash',
      [
        '-c',
        'set -o pipefail; "$NODE" bin/ecr-tutor.js lessons list --lang en | head -c 1 >/dev/null; ' +
          '"$NODE" bin/ecr-tutor.js --help | (exec 0<&-; true); echo "rc=$?"',
      ],
      { encoding: 'utf8', env: { ...process.env, NODE: process.execPath, ECR_TUTOR_HOME: home } },
    );
    expect(out.trim()).toBe('rc=0');
  });
});

describe('sandbox start binding', () => {
  it('refuses a non-loopback address unless --allow-non-loopback is given', async () => {
    const io = memoryIo();
    const prev = process.env.ECR_TUTOR_HOME;
    process.env.ECR_TUTOR_HOME = await mkdtemp(join(tmpdir(), 'ecr-tutor-cli-'));
    try {
      expect(await main(['sandbox', 'start', '--host', '0.0.0.0', '--port', '0'], io)).toBe(1);
      expect(io.stderr()).toContain('refusing to listen on 0.0.0.0');
      expect(io.stderr()).toContain('--allow-non-loopback');
    } finally {
      if (prev === undefined) delete process.env.ECR_TUTOR_HOME;
      else process.env.ECR_TUTOR_HOME = prev;
    }
  });
});
