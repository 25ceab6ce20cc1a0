/**
 * The fields a backend's `session_file` may use, and the check that it uses no other. Pure.
 * (The pilot expands the template: pilot/session-file.ts.)
 */
import { templateFields } from './template.js';

export const SESSION_FILE_FIELDS = ['id', 'cwd', 'cwd_slug', 'cwd_sha256', 'home'] as const;

/** A message naming the unknown fields of `template`, or undefined when it uses only known ones. */
export function checkSessionFileTemplate(backend: string, template: string): string | undefined {
  const unknown = templateFields(template).filter((f) => !(SESSION_FILE_FIELDS as readonly string[]).includes(f));
  if (unknown.length === 0) return undefined;
  return `[backend.${backend}] session_file: unknown field ${unknown.map((f) => `{${f}}`).join(', ')} (known: ${SESSION_FILE_FIELDS.map((f) => `{${f}}`).join(' ')})`;
}
