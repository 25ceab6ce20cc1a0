import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { connectSocket } from '../../src/client/socket-client.js';
import type { FleetClient } from '../../src/client/fleet-client.js';

/**
 * What the opt-in tests of the real agent CLIs share (`npm run test:real-clis`, only with
 * HANGAR_REAL_CLIS=1). The CLIs are never installed by the repo: each test finds its CLI on
 * PATH or fails saying how to install it, and runs it with a HOME (and CODEX_HOME) of its own
 * in a temp folder, so nothing of the user's is read or written. There is no network: Claude
 * Code stops at its connection check, Codex opens on its sign-in menu.
 */

const INSTALL_HINT =
  'install the real CLIs outside the repo and put them on PATH: ' +
  '`npm install --prefix ~/real-clis @anthropic-ai/claude-code @openai/codex`, then ' +
  '`PATH=~/real-clis/node_modules/.bin:$PATH npm run test:real-clis`';

/** The CLI's path on PATH; throws with how to install it when it is not there. */
export function requireCli(name: 'claude' | 'codex'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this folder
    }
  }
  throw new Error(`HANGAR_REAL_CLIS=1 but \`${name}\` is not on PATH: ${INSTALL_HINT}`);
}

/** A HOME of the test's own under `dir` (CODEX_HOME in it), made now, for a CLI's environment. */
export function tempHome(dir: string): { HOME: string; CODEX_HOME: string } {
  const home = join(dir, 'home');
  mkdirSync(join(home, '.codex'), { recursive: true });
  return { HOME: home, CODEX_HOME: join(home, '.codex') };
}

/**
 * Make Claude Code in `home` behave as signed in, offline: an apiKeyHelper that prints a
 * made-up key (settings.json, a documented settings key), onboarding done and `cwd` trusted
 * (~/.claude.json). It then opens its REPL and runs hooks; only a request to the API fails.
 */
export function signInClaudeOffline(home: string, cwd: string): void {
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ apiKeyHelper: 'echo sk-ant-offline-test-key' }));
  writeFileSync(join(home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, theme: 'dark', projects: { [cwd]: { hasTrustDialogAccepted: true } } }));
}

/**
 * One agent's screen as the fleet server keeps it, watched through its socket: `until` resolves
 * with the plain text once it matches, reading it again on each screen update the server sends
 * (no polling, no sleeps).
 */
export class PaneWatch {
  private constructor(
    private readonly client: FleetClient,
    private readonly name: string,
    private readonly updates: Set<() => void>,
  ) {}

  static async open(socketPath: string, name: string): Promise<PaneWatch> {
    const client = await connectSocket(socketPath, { clientName: 'real-cli-test' });
    const updates = new Set<() => void>();
    client.subscribe({ screens: [name] }, (e) => {
      if (e.type === 'screen' && e.update.name === name) for (const u of updates) u();
    });
    return new PaneWatch(client, name, updates);
  }

  async text(): Promise<string> {
    return (await this.client.request('screen', { name: this.name })).text;
  }

  /** The screen's text once `match` holds; rejects after timeoutMs with the screen as it was. */
  until(match: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      let last = '';
      let busy = false;
      let again = false;
      const finish = (err: Error | null, text?: string) => {
        this.updates.delete(check);
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(text!);
      };
      const timer = setTimeout(() => finish(new Error(`${this.name}: no ${what} within ${timeoutMs / 1000} s; the screen:\n${last}`)), timeoutMs);
      // one read at a time; an update during a read asks for one more
      const check = (): void => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        this.text().then(
          (text) => {
            busy = false;
            last = text;
            if (match(text)) finish(null, text);
            else if (again) {
              again = false;
              check();
            }
          },
          (err: Error) => finish(err),
        );
      };
      this.updates.add(check);
      check();
    });
  }

  close(): void {
    this.client.close();
  }
}
