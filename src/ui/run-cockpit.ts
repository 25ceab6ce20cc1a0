import type { FleetClient } from '../client/fleet-client.js';
import type { FleetConfig } from '../config/types.js';
import { Cockpit } from './cockpit.js';
import type { PaletteVerbs } from './palette.js';
import { enterSequence, leaveSequence } from './compositor/index.js';
import { openTerminal } from './terminal-io.js';

export interface RunCockpitOptions {
  client: FleetClient;
  config: FleetConfig;
  /** the verbs of the command palette: the CLI's table (cli/palette-verbs.ts) */
  palette: PaletteVerbs;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** open in the pilot view of this agent */
  pilot?: string;
}

/**
 * Take over the terminal with the cockpit until the user detaches or quits (or the server
 * goes away), then give the terminal back exactly as it was. Resolves with the exit code.
 */
export function runCockpit(opts: RunCockpitOptions): Promise<number> {
  return new Promise<number>((resolve) => {
    const finish = (code: number, message?: string) => {
      terminal.restore();
      opts.client.close();
      if (message) process.stdout.write(`${message}\n`);
      resolve(code);
    };
    const terminal = openTerminal({
      stdin: opts.stdin,
      stdout: opts.stdout,
      enter: enterSequence({ mouse: opts.config.ui.mouse, bracketedPaste: true }),
      leave: leaveSequence(),
      onFatal: (code) => finish(code),
    });
    const cockpit = new Cockpit({
      client: opts.client,
      config: opts.config,
      palette: opts.palette,
      terminal,
      ...(opts.pilot !== undefined ? { pilot: opts.pilot } : {}),
      onEnd: (how) =>
        finish(
          0,
          how === 'detach'
            ? 'detached: the fleet keeps running (hangar attach brings the cockpit back)'
            : how === 'quit'
              ? 'the fleet is stopped'
              : 'the fleet server has stopped',
        ),
    });
    cockpit.start().catch((err: unknown) => finish(1, `hangar: ${err instanceof Error ? err.message : String(err)}`));
  });
}
