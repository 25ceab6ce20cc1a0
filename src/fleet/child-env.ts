import { packagePath } from '../fs/package-root.js';

/** hangar's own bin/ folder (holds `hangar` and `hangar-demo`). */
const HANGAR_BIN_DIR = packagePath('bin');

/**
 * The environment every agent and service starts with: the server's own, a terminal type the
 * emulator understands, hangar's bin/ first on PATH (so `hangar-demo` runs as a backend and an
 * orchestrator agent can call `hangar send …`), which fleet and session it belongs to, and the
 * fleet server's socket (HANGAR_SOCKET: where `hangar hook` and `hangar send` reach it), and
 * the copy of the fleet it runs in (HANGAR_INSTANCE: the verbs it runs reach that copy).
 */
export function childEnv(
  base: NodeJS.ProcessEnv,
  fleet: { configPath: string; instance: string; session: string; name: string; socket: string },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.PATH = [HANGAR_BIN_DIR, env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(':');
  env.HANGAR_CONFIG = fleet.configPath;
  env.HANGAR_INSTANCE = fleet.instance;
  env.HANGAR_SESSION = fleet.session;
  env.HANGAR_AGENT = fleet.name;
  env.HANGAR_SOCKET = fleet.socket;
  return env;
}
