import { OuterTerminal } from '../outer-terminal.js';
import { makeScratchDir } from '../scratch-dir.js';
import { SHELL_ARGV, benchEnv, promptsReady, type Subject, type Workbench } from '../subject.js';

/** The baseline: bash straight in the outer pty, no multiplexer in between. */
export const rawSubject: Subject = {
  name: 'raw',
  maxPanes: 1,
  async openShells(): Promise<Workbench> {
    const scratch = makeScratchDir('raw');
    const outer = new OuterTerminal({ file: SHELL_ARGV[0]!, args: SHELL_ARGV.slice(1), cwd: scratch.path, env: benchEnv(scratch.xdgStateHome) });
    const close = async (): Promise<void> => {
      await outer.close();
      scratch.dispose();
    };
    try {
      await outer.waitFor('the shell prompt', () => promptsReady(outer, 1), 10_000);
    } catch (err) {
      await close();
      throw err;
    }
    return {
      outer,
      processes: { client: outer.pid, server: undefined },
      async runInPane(index, command) {
        if (index !== 0) throw new Error('a raw pty has one pane');
        outer.write(`${command}\r`);
      },
      close,
    };
  },
};
