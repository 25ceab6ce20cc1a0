import { resolve } from 'node:path';
import { formatDiagnostics } from '../config/diagnostics.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { AGENT_OVERRIDE_VARIABLE } from '../config/overrides.js';
import type { FleetConfig } from '../config/types.js';
import { DEFAULT_INSTANCE } from '../config/instance-name.js';
import type { FleetClient } from '../client/fleet-client.js';
import type { CommandSpec, ParsedArgs } from './command.js';
import { defaultConfigPath } from './default-config.js';
import { connectFleet, connectOrStartFleet, startFleet } from './ensure-server.js';
import { chooseInstance } from './instance-choice.js';
import { liveServers } from '../server/server-registry.js';

export interface Output {
  write(text: string): void;
  /** a terminal a person reads (the CLI's own stdout on a tty; never the cockpit palette's sink): a verb may ask there */
  readonly isTTY?: boolean;
}

/** A runtime failure to report as `hangar: message` with exit 1. */
export class CliFailure extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** What a verb's `run` gets: output streams, the fleet's config, and a way to reach its server. */
export class CommandContext {
  private loaded: LoadedConfig | null = null;
  private readonly clients: FleetClient[] = [];

  constructor(
    readonly parsed: ParsedArgs,
    readonly io: { stdout: Output; stderr: Output; stdin: NodeJS.ReadableStream; env: NodeJS.ProcessEnv },
    /** the command table this verb was found in (cli.ts gives it): `help` lists it, the cockpit's palette runs it */
    readonly commands: readonly CommandSpec[],
  ) {}

  get json(): boolean {
    return this.parsed.flags.json === true;
  }

  get sets(): string[] {
    const sets = this.parsed.flags.set;
    return Array.isArray(sets) ? sets : [];
  }

  /** --config, else $HANGAR_CONFIG, else ./agents.toml, else the one fleet running from here */
  get configPath(): string {
    const flag = this.parsed.flags.config;
    return typeof flag === 'string' ? flag : defaultConfigPath(this.io.env, process.cwd());
  }

  /**
   * The copy of the fleet this verb runs or reaches: --instance; else $HANGAR_INSTANCE (an agent's
   * own copy) when the config is not named by --config either; else the one copy of the config
   * running, `default` when none is. Several running and none named: a failure listing them.
   */
  get instance(): string {
    const flag = this.parsed.flags.instance;
    if (typeof flag === 'string') return flag;
    if (this.io.env.HANGAR_INSTANCE && typeof this.parsed.flags.config !== 'string') return this.io.env.HANGAR_INSTANCE;
    const path = this.configPath;
    const choice = chooseInstance(resolve(path), path, liveServers(this.io.env));
    if ('ambiguous' in choice) throw new CliFailure(choice.ambiguous);
    return choice.instance;
  }

  /** This run's name in `hangar instances` (`up --name`), for a server this verb starts. */
  private get runName(): string | undefined {
    const name = this.parsed.flags.name;
    return typeof name === 'string' ? name : undefined;
  }

  /** The env overrides (AGENT_MODEL_x / AGENT_BACKEND_x) this invocation carries. */
  get agentEnvOverrides(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.io.env)) {
      if (v !== undefined && AGENT_OVERRIDE_VARIABLE.test(k)) out[k] = v;
    }
    return out;
  }

  /** Load and validate the config once; warnings go to stderr. Throws ConfigError (exit 2). */
  config(): FleetConfig {
    return this.loadedConfig().config;
  }

  /** The config with what the loader learnt about it (where each backend key came from). */
  loadedConfig(): LoadedConfig {
    if (!this.loaded) {
      const loaded = loadConfig({ path: this.configPath, sets: this.sets, env: this.io.env, instance: this.instance });
      if (loaded.warnings.length) this.io.stderr.write(`${formatDiagnostics(loaded.warnings)}\n`);
      this.loaded = loaded;
    }
    return this.loaded;
  }

  /** The running server's client, or null when the fleet's server is not running. */
  async tryClient(): Promise<FleetClient | null> {
    const client = await connectFleet(this.config(), 'cli');
    if (client) this.clients.push(client);
    return client;
  }

  /** The running server's client; a clear failure when there is none. */
  async client(): Promise<FleetClient> {
    const client = await this.tryClient();
    if (!client) {
      const config = this.config();
      const which = config.instance === DEFAULT_INSTANCE ? '' : ` --instance ${config.instance}`;
      throw new CliFailure(`no hangar server is running for ${this.configPath}${which} (start the fleet with: hangar up${which})`);
    }
    return client;
  }

  /** The server's client, starting the server when it is not running. */
  async startClient(): Promise<FleetClient> {
    const client = await connectOrStartFleet(this.config(), 'cli', this.runName);
    this.clients.push(client);
    return client;
  }

  /**
   * Start the fleet's server (none runs) and connect to it; `started` is false when another
   * one won the race meanwhile, and the client is connected to that one.
   */
  async startServer(): Promise<{ client: FleetClient; started: boolean }> {
    const answer = await startFleet(this.config(), 'cli', this.runName);
    this.clients.push(answer.client);
    return answer;
  }

  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  close(): void {
    for (const c of this.clients.splice(0)) c.close();
  }
}
