import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Load the CLI and then the cockpit the way `hangar up` does, in a node process of its own (the built dist/). */
function loadCockpit(env: Record<string, string | undefined>): { production: boolean; nodeEnv: string | null } {
  const script = `
    const { createRequire } = require('node:module');
    (async () => {
      await import(${JSON.stringify(`${root}dist/cli.js`)});
      await import(${JSON.stringify(`${root}dist/ui/run-cockpit.js`)});
      const React = createRequire(${JSON.stringify(root)})('react');
      // captureOwnerStack exists only in React's development build
      console.log(JSON.stringify({ production: React.captureOwnerStack === undefined, nodeEnv: process.env.NODE_ENV ?? null }));
    })();`;
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: childEnv, encoding: 'utf8' })) as { production: boolean; nodeEnv: string | null };
}

describe('the cockpit runs React in production mode', () => {
  it('whatever NODE_ENV says, and leaves NODE_ENV as it found it', () => {
    expect(loadCockpit({ NODE_ENV: undefined })).toEqual({ production: true, nodeEnv: null });
    expect(loadCockpit({ NODE_ENV: 'development' })).toEqual({ production: true, nodeEnv: 'development' });
  });
});
