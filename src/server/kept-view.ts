import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { fleetViewProblem, type FleetView } from '../protocol/fleet-view.js';
import { keptViewPath as fleetKeptViewPath } from '../fs/fleet-files.js';

/** Where the fleet's view is kept: `<state_dir>/view.json`. */
export function keptViewPath(stateDir: string): string {
  return fleetKeptViewPath({ state_dir: stateDir });
}

/**
 * The fleet's view as the last cockpit reported it (protocol/fleet-view.ts), for the next one
 * that attaches: in memory, and in `<state_dir>/view.json` (written atomically) so a server
 * that restarts keeps it. A file that does not hold a view is ignored, with a warning. The file
 * is read when a cockpit first asks, not while the server is being built.
 */
export class KeptView {
  /** undefined: not read yet */
  private view: FleetView | null | undefined;

  constructor(
    private readonly path: string,
    private readonly warn: (message: string) => void,
  ) {}

  get(): FleetView | null {
    if (this.view === undefined) this.view = this.load();
    return this.view;
  }

  /** Keep `view`; a file that cannot be written costs only the restart (said in a warning). */
  set(view: FleetView): void {
    this.view = { layout: view.layout, zoomed: view.zoomed, focus: view.focus, pilot: view.pilot };
    try {
      writeFileAtomic(this.path, JSON.stringify(this.view) + '\n', 0o600);
    } catch (err) {
      this.warn(`the cockpit's view is kept until the server stops, not in ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private load(): FleetView | null {
    if (!existsSync(this.path)) return null;
    try {
      const value: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      const problem = fleetViewProblem(value);
      if (problem === null) return value as FleetView;
      this.warn(`${this.path} ignored: ${problem}`);
    } catch (err) {
      this.warn(`${this.path} ignored: ${err instanceof Error ? err.message : String(err)}`);
    }
    return null;
  }
}
