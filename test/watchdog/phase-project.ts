/** A throwaway project with a builder/adversary loop over phases, for the phase tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { FleetConfig } from '../../src/config/types.js';

export interface PhaseProjectOptions {
  phases?: string[];
  /** the kickoff template (default: a line naming the phase, plan, status and role) */
  kickoff?: string;
  /** extra TOML appended to [loop] (before the phases) */
  loop?: string;
  /** TOML after the phases, e.g. a [loop.on_complete] table */
  tail?: string;
  /** the demo backend's bin (default: hangar-demo) */
  bin?: string;
}

export class PhaseProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'hangar-phases-'));
  readonly configPath = join(this.dir, 'agents.toml');

  constructor(private opts: PhaseProjectOptions = {}) {
    this.write('prompts/builder.md', 'You build.\n');
    this.write('prompts/adversary.md', 'You attack.\n');
    this.write('prompts/kickoff.md', opts.kickoff ?? 'Phase {phase_id}: follow {plan}, record progress in {status}. You are the {role}.\n');
    this.writeConfig(opts.phases ?? ['p1', 'p2', 'p3']);
  }

  /** (Re)write agents.toml with these phases; p2 gives the builder its own model. */
  writeConfig(phases: string[]): void {
    const phaseTables = phases
      .map((id) => `[[loop.phases]]\nid = "${id}"\nplan = "plans/${id}.md"\nstatus = "STATUS-${id}.md"\n${id === 'p2' ? 'models = { builder = "model-p2" }\n' : ''}`)
      .join('\n');
    this.write(
      'agents.toml',
      `[defaults]
session_prefix = "ph-"
log_dir = "state"
backend = "demo"

[backend.demo]
bin = "${this.opts.bin ?? 'hangar-demo'}"
active_re = "esc to interrupt"
model_flag = "--model {model}"

[[agent]]
name = "builder"
kind = "loop"
role = "builder"
model = "model-base"

[[agent]]
name = "adversary"
kind = "loop"
role = "adversary"

[[agent]]
name = "finisher"
kind = "task"
enabled = false
prompt = "write FINISHED.md release notes"

[[agent]]
name = "idle-loop"
kind = "loop"
role = "builder"
enabled = false

[loop]
kickoff_template = "prompts/kickoff.md"
roles_dir = "prompts"
${this.opts.loop ?? ''}

${phaseTables}
${this.opts.tail ?? ''}
`,
    );
  }

  write(rel: string, text: string): string {
    const path = join(this.dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  config(): FleetConfig {
    return loadConfig({ path: this.configPath, env: {} }).config;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const DONE = (body = 'Shipped it; every gate is green.') => `# Status\n\n## DONE\n\n${body}\n`;
export const TEMPLATE = '# Status\n\n## DONE\n\nNot yet.\n';
