// Entry names are written by whoever controls the build. A name with a newline and a
// workflow command, or with an ANSI escape, must reach no output as anything but text:
// the CLI's error line, the action's log, its annotations and its failure message.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { MACHINE_NODE, runCli } from '../helpers/run.js';
import { runAction } from '../helpers/runner.js';
import { TarWriter } from '../helpers/tar-writer.js';
import { tempDir } from '../helpers/temp.js';

const HOSTILE = 'shop/pub/media/x.php\n::notice title=forged::all clear\r\x1b[32mPASS\x1b[0m';

let work: string;
let truncated: string;
let complete: string;

beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  // cut inside the hostile entry's content: the error line names the entry
  const cut = new TarWriter().file('shop/index.php', '<?php\n').entry({ path: HOSTILE, type: 'File', size: 4096 }).unterminated();
  truncated = join(work, 'cut.tar');
  await writeFile(truncated, Buffer.concat([cut, Buffer.alloc(100)]));
  // a whole archive whose hostile entry is a finding (a script in the media folder)
  complete = join(work, 'whole.tar');
  await writeFile(complete, new TarWriter().file('shop/index.php', '<?php\n').file(HOSTILE, '<?php system($_GET["c"]);\n').end());
});

/** A line that a runner would take as a workflow command, or a terminal as an escape. */
function acting(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => /^::(?!debug::|error|warning|notice title=release-gate verdict::|notice file=|group|endgroup)/.test(line) || line.includes('\x1b') || line.includes('\r') || line.startsWith('::notice title=forged'));
}

describe('hostile entry names', () => {
  it('the CLI names a damaged entry in one line, with its control characters escaped', async () => {
    const result = await runCli(['scan', truncated, '--offline', '--advisories', 'none']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('x.php\\x0a::notice title=forged::all clear\\x0d\\x1b[32mPASS');
    expect(acting(result.stderr)).toEqual([]);
  });

  it('the CLI prints a finding about such an entry as text', async () => {
    const result = await runCli(['scan', complete, '--offline', '--advisories', 'none']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('\\x0a::notice title=forged');
    expect(acting(result.stdout)).toEqual([]);
  });

  it('the action neither forges a workflow command nor prints an escape, whether the scan fails or finds', async () => {
    for (const pkg of [truncated, complete]) {
      const result = await runAction(work, { package: pkg, advisories: 'none', offline: 'true' }, { node: MACHINE_NODE });
      expect(result.code, result.stdout).not.toBe(0);
      // what the runner reads as commands: only the action's own, with their data escaped
      const commands = result.stdout.split('\n').filter((line) => line.startsWith('::'));
      expect(commands.some((line) => line.startsWith('::notice title=forged'))).toBe(false);
      for (const line of commands) expect(line.includes('\r') || line.includes('\u001b'), line).toBe(false);
      expect(acting(result.stdout)).toEqual([]);
    }
  });
});
