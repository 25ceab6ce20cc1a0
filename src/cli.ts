/**
 * hangar's command line: find the verb in the command table, parse its arguments, run it,
 * and turn failures into messages and exit codes (0 ok, 1 runtime failure, 2 usage/config).
 */
import { existsSync } from 'node:fs';
import { restoreExtraCaCerts } from './base/extra-ca-certs.js';
import { defaultConfigPath } from './cli/default-config.js';
import { ConfigError } from './config/diagnostics.js';
import { RemoteError } from './client/fleet-client.js';
import { CliFailure, CommandContext } from './cli/context.js';
import { renderOverview, renderVerbHelp } from './cli/help.js';
import { findCommand, parseArgs, UsageError } from './cli/parse-args.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli/command.js';
import { COMMANDS } from './commands/table.js';
import { HANGAR_VERSION } from './fs/package-root.js';

/** Is there a fleet config for this folder (its agents.toml, $HANGAR_CONFIG, or one running)? */
function fleetHere(): boolean {
  return existsSync(defaultConfigPath(process.env, process.cwd()));
}

export async function main(argv: string[]): Promise<number> {
  restoreExtraCaCerts(process.env); // bin/hangar held it aside for node's start: the children get it back
  const out = { write: (t: string) => void process.stdout.write(t), isTTY: process.stdout.isTTY === true };
  const err = { write: (t: string) => void process.stderr.write(t) };
  const [first, ...rest] = argv;
  if (first === undefined && process.stdin.isTTY && process.stdout.isTTY && fleetHere()) {
    return main(['attach']); // bare `hangar` in a fleet's folder opens the cockpit, as tmux does
  }
  if (first === undefined || first === '--help' || first === '-h') {
    out.write(`${renderOverview(COMMANDS)}\n`);
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    out.write(`${HANGAR_VERSION}\n`);
    return EXIT_OK;
  }
  let ctx: CommandContext | undefined;
  try {
    const spec = findCommand(COMMANDS, first);
    const parsed = parseArgs(spec, rest);
    if (parsed.flags.help) {
      out.write(`${renderVerbHelp(spec)}\n`);
      return EXIT_OK;
    }
    ctx = new CommandContext(parsed, { stdout: out, stderr: err, stdin: process.stdin, env: process.env }, COMMANDS);
    return await spec.run(ctx, parsed);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`hangar: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ConfigError) {
      err.write(`${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof RemoteError) {
      err.write(`hangar: ${e.message}\n`);
      return e.code === 'bad_args' || e.code === 'config' ? EXIT_USAGE : EXIT_FAILURE;
    }
    if (e instanceof CliFailure) {
      err.write(`hangar: ${e.message}\n`);
      return e.exitCode;
    }
    err.write(`hangar: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_FAILURE;
  } finally {
    ctx?.close();
  }
}
