import type { FleetConfig } from '../config/types.js';
import { blocksFleet, diagnose } from '../doctor/checks.js';
import type { ServerState } from '../doctor/facts.js';
import { gatherFacts } from '../doctor/gather.js';
import { doctorText } from '../doctor/report-text.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG, type CommandSpec } from '../cli/command.js';
import type { CommandContext } from '../cli/context.js';

const doctor: CommandSpec = {
  name: 'doctor',
  summary: 'say whether this machine can run this fleet: each backend\'s program and version, node-pty, log_dir, the socket, the terminal, ssh/kubectl for remote agents — each finding with its fix',
  description:
    'Checks, for every backend the agents use, that its program is on PATH (hangar\'s bin/ first, as agents get it), that its version has the flags hangar passes, and that its session folder exists; that node-pty runs a program in a pty and @xterm/headless loads; that log_dir and state_dir are yours and writable, the socket path fits a Unix socket, and whether a server is running; what the terminal can do (truecolor, DEC 2026 synchronized output, OSC 52); and for agents on other machines, that ssh or kubectl is on PATH, whether their hooks come back (over ssh, through the forwarded socket; over kubectl, never: the screen decides) and what stays local-only. Changes nothing and connects nowhere. Exits 1 when something blocks the fleet (✗); warnings (!) do not.',
  args: [],
  flags: [JSON_FLAG],
  examples: ['hangar doctor', 'hangar doctor --json'],
  async run(ctx) {
    const { config, configError } = loadForDoctor(ctx);
    const facts = await gatherFacts({
      config,
      configError,
      server: config ? await serverState(ctx) : null,
      env: ctx.io.env,
      stdin: process.stdin,
      stdout: process.stdout,
    });
    const findings = diagnose(facts);
    if (ctx.json) ctx.printJson(findings);
    else ctx.io.stdout.write(doctorText(findings));
    return blocksFleet(findings) ? EXIT_FAILURE : EXIT_OK;
  },
};

/** The config, or why it could not be loaded: the machine's own checks run either way. */
function loadForDoctor(ctx: CommandContext): { config: FleetConfig | null; configError: string | null } {
  try {
    return { config: ctx.config(), configError: null };
  } catch (err) {
    return { config: null, configError: (err as Error).message };
  }
}

async function serverState(ctx: CommandContext): Promise<ServerState> {
  try {
    const client = await ctx.tryClient();
    if (!client) return { state: 'none' };
    return { state: 'running', pid: client.server.pid };
  } catch (err) {
    return { state: 'unreachable', error: (err as Error).message };
  }
}

export default doctor;
