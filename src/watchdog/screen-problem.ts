/**
 * agents.py's two checks on a live session, as a pure decision: it runs another declared
 * backend's program (process_name), or its screen shows the backend's fatal_re. Either is a
 * reason to restart it; null when neither.
 */
import type { BackendConfig } from '../config/types.js';
import { screenShowsFatal } from '../session/status.js';
import type { AgentSettings } from './agent-settings.js';

export function screenProblem(
  foregroundProcess: string,
  rows: readonly string[],
  { backend, patterns }: Pick<AgentSettings, 'backend' | 'patterns'>,
  backends: Readonly<Record<string, BackendConfig>>,
): string | null {
  const expected = backend.process_name;
  if (expected) {
    const known = new Set(Object.values(backends).flatMap((b) => (b.process_name ? [b.process_name] : [])));
    // only a definite OTHER declared backend is a mismatch, never a transient shell
    if (known.has(foregroundProcess) && foregroundProcess !== expected) return `running ${foregroundProcess}, expected ${expected}`;
  }
  if (screenShowsFatal(rows, patterns)) return `screen shows the backend's fatal error (fatal_re)`;
  return null;
}
