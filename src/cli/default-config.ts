import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runningServers } from '../server/server-registry.js';

/**
 * The config a verb uses without --config: $HANGAR_CONFIG, else ./agents.toml, else — when
 * exactly one running fleet's config lives in this folder (say it was started with
 * `--config agents.example.toml`) — that one. Otherwise ./agents.toml, whose absence the
 * loader reports.
 */
export function defaultConfigPath(env: NodeJS.ProcessEnv, cwd: string): string {
  if (env.HANGAR_CONFIG) return env.HANGAR_CONFIG;
  if (existsSync(join(cwd, 'agents.toml'))) return 'agents.toml';
  // two copies of one config running (--instance) are still one config
  const here = [...new Set(runningServers(env).map((s) => s.config).filter((c) => dirname(c) === cwd))];
  if (here.length === 1) return relative(cwd, here[0]!);
  return 'agents.toml';
}
