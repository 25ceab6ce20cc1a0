/**
 * Whether a backend's pilot rewind strategy has what it needs: `resume` a rewind_resume
 * template holding {id} and {turn}, an arg-mode command line to add it to, and a way for
 * hangar to learn the conversation id (session_id_flag gives it, session_id_re reads it off
 * the screen, a session_file with {id} is found as the newest such file). Pure.
 */

import type { Severity } from './diagnostics.js';
import { LAUNCH_FIELDS, templateFields } from './template.js';
import type { BackendConfig } from './types.js';

export interface RewindFinding {
  /** the backend key the finding is placed at */
  key: 'rewind' | 'rewind_resume' | 'session_id_flag';
  message: string;
  severity: Severity;
}

const EXAMPLE = 'rewind_resume = "--resume {id} --at-turn {turn}"';

/** `templateWritten`: rewind_resume is in the file, perhaps with a wrong type already reported. */
export function checkRewind(backend: BackendConfig, templateWritten = backend.rewind_resume !== undefined): RewindFinding[] {
  const label = `[backend.${backend.name}]`;
  const findings: RewindFinding[] = [];
  const template = backend.rewind_resume;
  if (template !== undefined) {
    const used = templateFields(template);
    const missing = (['id', 'turn'] as const).filter((f) => !used.includes(f));
    const unknown = used.filter((f) => !(LAUNCH_FIELDS as readonly string[]).includes(f));
    if (missing.length > 0) {
      findings.push({ key: 'rewind_resume', severity: 'error',
        message: `${label} rewind_resume: must contain {id} and {turn} (the conversation, and how many of its turns to keep), ` +
          `got ${JSON.stringify(template)}; a CLI that cannot resume at a turn wants rewind = "replay" or "recap"` });
    }
    if (unknown.length > 0) {
      findings.push({ key: 'rewind_resume', severity: 'error',
        message: `${label} rewind_resume: unknown field ${unknown.map((f) => `{${f}}`).join(', ')} (known: ${LAUNCH_FIELDS.map((f) => `{${f}}`).join(' ')})` });
    }
    if (backend.rewind !== 'resume') {
      findings.push({ key: 'rewind_resume', severity: 'warning',
        message: `${label} rewind_resume is not used: rewind is "${backend.rewind}" (set rewind = "resume" to use it)` });
    }
  }
  const flag = backend.session_id_flag;
  if (flag !== undefined) {
    if (!templateFields(flag).includes('new_id')) {
      findings.push({ key: 'session_id_flag', severity: 'error',
        message: `${label} session_id_flag: must contain {new_id} (the id hangar chose for the new conversation), got ${JSON.stringify(flag)}, e.g. "--session-id {new_id}"` });
    }
    if (backend.prompt_delivery !== 'arg') {
      findings.push({ key: 'session_id_flag', severity: 'warning',
        message: `${label} session_id_flag is not used: it goes on bin's command line, which prompt_delivery = "${backend.prompt_delivery}" does not build (put {new_id} in the template that starts the CLI instead)` });
    }
  }
  if (backend.rewind !== 'resume') return findings;
  if (!templateWritten) {
    findings.push({ key: 'rewind', severity: 'error',
      message: `${label}: rewind = "resume" needs rewind_resume, the arguments that resume conversation {id} at turn {turn} (e.g. ${EXAMPLE})` });
  }
  if (backend.prompt_delivery !== 'arg') {
    findings.push({ key: 'rewind', severity: 'error',
      message: `${label}: rewind = "resume" needs prompt_delivery = "arg" (rewind_resume goes on bin's command line), got "${backend.prompt_delivery}"; use "replay" or "recap"` });
  }
  const idFromFile = backend.session_file !== undefined && templateFields(backend.session_file).includes('id');
  if (backend.session_id_re === undefined && flag === undefined && !idFromFile) {
    findings.push({ key: 'rewind', severity: 'warning',
      message: `${label}: rewind = "resume" with no way to learn the conversation id (session_id_flag to give it, session_id_re to read it off the screen, or a session_file with {id}), so a goto has no conversation to resume` });
  }
  return findings;
}
