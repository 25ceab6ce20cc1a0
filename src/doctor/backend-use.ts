/**
 * What a backend's definition says about the program it runs, read without running it: the
 * program `bin` starts, the words of the arguments hangar adds, and the folder its session
 * transcripts live in. Pure: doctor/gather.ts looks these up on the machine.
 */
import { dirname } from 'node:path';
import { hookOption } from '../config/hook-flags.js';
import type { BackendConfig } from '../config/types.js';
import { sessionFilePattern } from '../pilot/session-file.js';

/** The program `bin` starts: its first word after any `NAME=value` environment assignments. */
export function programOf(bin: string): string {
  const words = bin.trim().split(/\s+/);
  return words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? words[0] ?? '';
}

/** Every word of the arguments hangar passes the backend's program (placeholders included, as written; the hooks' option, or for gemini their variable, too). */
export function argumentWords(backend: BackendConfig): string[] {
  const templates = [backend.flags, backend.session_id_flag, backend.resume_flag, backend.rewind_resume, backend.model_flag, backend.remote_control ? backend.remote_control_flag : undefined, hookOption(backend) ?? undefined];
  return [...new Set(templates.flatMap((t) => (t ? t.trim().split(/\s+/) : [])).filter((w) => w !== ''))];
}

// stands for the conversation id while expanding: no path holds a NUL
const ID_MARK = '\u0000';

/**
 * The folder of `session_file` for an agent working in `cwd`: the template expanded as the
 * pilot expands it (pilot/session-file.ts), cut before the first part that depends on a
 * conversation (`{id}` or a `*`). That folder exists once the CLI has kept a session there.
 */
export function sessionFolder(template: string, cwd: string, home: string): string {
  const pattern = sessionFilePattern(template, { id: ID_MARK, cwd, home })!;
  const segments = pattern.split('/');
  const variable = segments.findIndex((s) => s.includes('*') || s.includes(ID_MARK));
  return variable === -1 ? dirname(pattern) : segments.slice(0, variable).join('/') || '/';
}
