/**
 * The fleet server process: `node dist/hangar-server.js --config ABS [--instance NAME] [--name LABEL]`
 * (this file, bundled).
 * Started (detached) by the CLI; tells its parent it is ready on fd 3, then owns the fleet
 * until `hangar down` or a signal.
 */
import { closeSync, writeSync } from 'node:fs';
import { restoreExtraCaCerts } from '../base/extra-ca-certs.js';
import { formatDiagnostics } from '../config/diagnostics.js';
import { loadConfig } from '../config/load.js';
import { serverLogPath } from '../fs/fleet-files.js';
import { withoutAgentOverrides } from '../config/overrides.js';
import { preparePrivateDirectory } from '../fs/private-directory.js';
import { FleetServer } from './fleet-server.js';
import { ServerAlreadyRunning } from './protocol-server.js';
import { captureServerLog } from './server-log.js';

/** Exit code meaning "another live server owns this fleet's socket". */
const EXIT_ALREADY_RUNNING = 3;

function tellParent(line: string): void {
  try {
    writeSync(3, `${line}\n`);
    closeSync(3);
  } catch {
    // started by hand, without a ready pipe
  }
}

async function run(argv: string[]): Promise<void> {
  restoreExtraCaCerts(process.env); // the CLI held it aside for node's start: the agents get it back
  let configPath: string | undefined;
  let instance: string | undefined;
  let runName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') configPath = argv[++i];
    else if (argv[i] === '--instance') instance = argv[++i];
    else if (argv[i] === '--name') runName = argv[++i];
  }
  if (!configPath) {
    console.error('hangar server: --config PATH is required');
    process.exit(2);
  }
  // The config as written: one-off overrides (--set, AGENT_MODEL_x …) come with each request.
  const { config, warnings } = loadConfig({ path: configPath, env: withoutAgentOverrides(process.env), instance });
  // before anything is written there (server.log, events.jsonl): refused when another user owns it
  preparePrivateDirectory(config.log_dir);
  const serverLog = captureServerLog(serverLogPath(config), { maxBytes: config.log_max, keep: config.log_keep });
  if (warnings.length) console.error(formatDiagnostics(warnings));

  const server = new FleetServer(config, { onShutdown: () => process.exit(0), serverLog, ...(runName ? { runName } : {}) });
  try {
    await server.listen();
  } catch (err) {
    if (err instanceof ServerAlreadyRunning) {
      tellParent('already-running');
      process.exit(EXIT_ALREADY_RUNNING);
    }
    throw err;
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => void server.stop());
  }
  process.on('uncaughtException', (err) => {
    console.error(`hangar server: uncaught: ${err.stack ?? err}`);
    void server.stop('crashed').finally(() => process.exit(1));
  });
  tellParent('ready');
}

run(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`hangar server: ${err instanceof Error ? err.message : String(err)}`);
  tellParent(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
