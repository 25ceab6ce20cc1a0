import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the package', () => {
  it('ships what hangar runs from (dist/ is git-ignored, so it must be listed) and not its sources or tests', () => {
    // --ignore-scripts: no `prepare` rebuild of dist/ while other tests run from it
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    for (const needed of ['package.json', 'bin/hangar', 'bin/hangar-demo', 'dist/hangar.js', 'dist/hangar-server.js', 'dist/demo/main.js', 'prompts/builder.md', 'agents.example.toml']) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith('dist/chunks/run-cockpit-'))).toBe(true);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });
});
