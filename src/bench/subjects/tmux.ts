import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OuterTerminal, OUTER_COLS, OUTER_ROWS } from '../outer-terminal.js';
import { runCommand, runOrThrow } from '../run-command.js';
import { makeScratchDir, type ScratchDir } from '../scratch-dir.js';
import { SHELL_ARGV, benchEnv, promptsReady, type Subject, type Workbench } from '../subject.js';
import { DEMO_AGENT_BIN, DEMO_READY_TEXT, countOnScreen } from './demo-agent.js';

const SESSION = 'bench';
let serial = 0;

/**
 * tmux as a person runs it: a private server (-L bench<pid>-<n>, no user config) with every
 * pane in one window, tiled, the first pane selected, and a client attached in the outer pty.
 */
async function openTmux(label: string, panes: number, paneArgv: (pane: number) => string[], historyLimit: number, ready: (outer: OuterTerminal) => boolean): Promise<Workbench> {
  const scratch: ScratchDir = makeScratchDir(`tmux-${label}`);
  const socket = `bench${process.pid}-${serial++}`;
  const conf = join(scratch.path, 'tmux.conf');
  writeFileSync(conf, `set -g history-limit ${historyLimit}\n`);
  const env = { ...benchEnv(scratch.xdgStateHome), PATH: `${join(DEMO_AGENT_BIN, '..')}:${process.env.PATH ?? ''}` };
  const tmux = (...args: string[]) => runOrThrow('tmux', ['-L', socket, '-f', conf, ...args], { cwd: scratch.path, env });
  let outer: OuterTerminal | undefined;
  const close = async (): Promise<void> => {
    await outer?.close();
    await runCommand('tmux', ['-L', socket, 'kill-server'], { env });
    scratch.dispose();
  };
  try {
    await tmux('new-session', '-d', '-s', SESSION, '-x', String(OUTER_COLS), '-y', String(OUTER_ROWS), ...paneArgv(0));
    for (let i = 1; i < panes; i++) {
      // the pane's argv is exec'd as is (a command string would go through sh, which drops PS1)
      await tmux('split-window', '-t', `${SESSION}:0`, ...paneArgv(i));
      await tmux('select-layout', '-t', `${SESSION}:0`, 'tiled');
    }
    await tmux('select-pane', '-t', `${SESSION}:0.0`);
    const server = Number((await tmux('display-message', '-p', '-t', SESSION, '#{pid}')).trim());
    outer = new OuterTerminal({ file: 'tmux', args: ['-L', socket, '-f', conf, 'attach-session', '-t', SESSION], cwd: scratch.path, env });
    const attached = outer;
    await attached.waitFor(`${label} in ${panes} tmux panes`, () => ready(attached), 15_000);
    return {
      outer: attached,
      processes: { client: attached.pid, server },
      async runInPane(index, command) {
        await tmux('send-keys', '-t', `${SESSION}:0.${index}`, '-l', command);
        await tmux('send-keys', '-t', `${SESSION}:0.${index}`, 'Enter');
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export const tmuxSubject: Subject = {
  name: 'tmux',
  maxPanes: 8,
  openShells({ panes, scrollback }) {
    return openTmux('shells', panes, () => SHELL_ARGV, scrollback, (outer) => promptsReady(outer, panes));
  },
  openDemoAgents(count) {
    return openTmux('demo', count, () => [DEMO_AGENT_BIN], 2000, (outer) => countOnScreen(outer, DEMO_READY_TEXT) >= count);
  },
  openPrograms(argv, count, ready) {
    return openTmux('programs', count, (pane) => [...argv, `p${pane + 1}`], 2000, ready);
  },
};
