import type { FleetConfig } from '../config/types.js';

/**
 * The repository the handoff check watches: [loop.handoff] repo, else project_dir (both
 * absolute once loaded). Apart from handoff.ts, whose fingerprints load node:crypto: the phase
 * files read it, and `hangar status` reads those (it needs no crypto).
 */
export function handoffRepo(config: FleetConfig): string {
  return config.loop.handoff?.repo ?? config.project_dir;
}
