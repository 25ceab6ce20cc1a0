import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PtyScreen } from '../helpers/pty-screen.js';
import { HANGAR_BIN } from '../helpers/run-hangar.js';

// `hangar doctor` in a real pty, under a headless xterm that answers DECRQM and DA1 as a
// terminal does: the one place doctor asks the terminal anything.
const CONFIG = `
[defaults]
session_prefix = "tty-"
log_dir = "logs"
dir = "work"
backend = "sh"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "builder"
prompt = "build"
`;

describe('hangar doctor in a terminal', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-doctor-tty-'));
    mkdirSync(join(dir, 'work'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("asks the terminal it runs in for DEC 2026 and reads the answer (a headless xterm's, in a real pty)", async () => {
    const screen = new PtyScreen({ file: process.execPath, args: [HANGAR_BIN, 'doctor'], cwd: dir, env: { XDG_STATE_HOME: join(dir, 'xdg'), TMUX: '' }, cols: 200, rows: 40 });
    try {
      const exit = await screen.waitForExit(30_000);
      expect(screen.screen()).toMatch(/^✓ synchronized output +DEC 2026 supported$/m);
      expect(exit.exitCode, screen.screen()).toBe(0);
    } finally {
      await screen.dispose();
    }
  });
});
