import { TERMINAL_RESET } from '../terminal/terminal-reset.js';
import { EXIT_OK, type CommandSpec } from '../cli/command.js';

const resetTerminal: CommandSpec = {
  name: 'reset-terminal',
  summary: 'give the terminal back after a cockpit was killed: main screen, mouse and other modes off, cursor shown',
  description:
    'A cockpit killed with -9 (or a crashed terminal program) leaves the terminal in the alternate screen with ' +
    'mouse reporting on. This writes what switches every such mode off — alternate screen, mouse reporting ' +
    '(1000/1002/1003/1006/1015), bracketed paste, focus events, application cursor keys and keypad, scroll ' +
    'region, colours — and shows the cursor; like `tput rmcup` plus `reset`, but it clears neither the screen nor ' +
    'the scrollback. The line settings a killed cockpit leaves raw are the shell\'s to restore (bash and zsh do ' +
    'after a killed job); in a shell that does not, type `stty sane` and press Ctrl-J. Needs no config and no fleet. ' +
    '`hangar attach` does the same before it takes the terminal.',
  args: [],
  flags: [],
  examples: ['hangar reset-terminal'],
  async run(ctx) {
    // no `stty sane` here: node puts back the tty settings it started with when it exits
    ctx.io.stdout.write(TERMINAL_RESET);
    return EXIT_OK;
  },
};

export default resetTerminal;
