import type { CommandSpec } from '../cli/command.js';
import branch from './branch.js';
import checkpoints from './checkpoints.js';
import costs from './costs.js';
import budget from './budget.js';
import watchers from './watchers.js';
import diff from './diff.js';
import doctor from './doctor.js';
import goto from './goto.js';
import history from './history.js';
import pilot from './pilot.js';
import undo from './undo.js';
import add from './add.js';
import ask from './ask.js';
import check from './check.js';
import end from './end.js';
import attach from './attach.js';
import backends from './backends.js';
import down from './down.js';
import events from './events.js';
import help from './help.js';
import init from './init.js';
import instances from './instances.js';
import keys from './keys.js';
import logs from './logs.js';
import mcp from './mcp.js';
import models from './models.js';
import peek from './peek.js';
import phase from './phase.js';
import resetTerminal from './reset-terminal.js';
import restart from './restart.js';
import screen from './screen.js';
import selftest from './selftest.js';
import send from './send.js';
import status from './status.js';
import transcript from './transcript.js';
import up from './up.js';
import wait from './wait.js';
import worktrees from './worktrees.js';

/**
 * The one table of verbs: the CLI parser, `hangar help`, the README's CLI reference and the
 * cockpit's command palette all read it. Order is the order help lists them in.
 */
export const COMMANDS: readonly CommandSpec[] = [init, up, attach, down, instances, add, status, costs, budget, watchers, backends, models, send, keys, wait, peek, check, end, ask, screen, logs, events, restart, pilot, checkpoints, goto, undo, branch, diff, worktrees, history, transcript, phase, mcp, doctor, selftest, resetTerminal, help];
