/**
 * Launch command templates (`--model '{model}'`, `"$(cat '{kickoff}')"`, `{bin} --dir {dir}`).
 * agents.py templates already carry their own quotes, so a value is quoted for the shell
 * context its `{field}` sits in: inside '…' only a `'` needs escaping (`'\''`); inside "…" the
 * characters \ " $ ` do; outside any quotes the value is POSIX-quoted whole. `$(…)` opens a
 * fresh context, as the shell does. Fields listed as raw (bin: a command line authored in
 * the config) are inserted as they are; unknown `{fields}` are left untouched.
 */

type Context = 'bare' | 'single' | 'double' | 'subst';

/**
 * The fields a backend's launch templates may use (resume_flag, rewind_resume, model_flag,
 * session_id_flag, attach, an exec bin…): {turn} is the number of turns a rewind keeps, {id}
 * the conversation resumed or forked, {new_id} the id hangar chose for the conversation this
 * start begins (a random UUID, fresh for every start).
 */
export const LAUNCH_FIELDS = ['bin', 'kickoff', 'session', 'model', 'server', 'dir', 'id', 'turn', 'new_id'] as const;
export type LaunchField = (typeof LAUNCH_FIELDS)[number];

const FIELD = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/;
const ANY_FIELD = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A shell word for s: safe words as they are, anything else single-quoted. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (SAFE_WORD.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function renderTemplate(template: string, fields: Record<string, string>, opts: { raw?: string[] } = {}): string {
  const raw = new Set(opts.raw ?? []);
  const stack: Context[] = ['bare'];
  const top = (): Context => stack[stack.length - 1] as Context;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    const field = c === '{' ? FIELD.exec(template.slice(i)) : null;
    const name = field?.[1];
    if (field && name !== undefined && Object.hasOwn(fields, name)) {
      const value = fields[name] as string;
      out += raw.has(name) ? value : quoteFor(top(), value);
      i += field[0].length;
      continue;
    }
    const ctx = top();
    if (c === '\\' && ctx !== 'single') {
      out += template.slice(i, i + 2); // an escaped character changes no context
      i += 2;
      continue;
    }
    if (ctx === 'single') {
      if (c === "'") stack.pop();
    } else if (c === '$' && template[i + 1] === '(') {
      stack.push('subst');
      out += '$(';
      i += 2;
      continue;
    } else if (ctx === 'double') {
      if (c === '"') stack.pop();
    } else if (c === "'") stack.push('single');
    else if (c === '"') stack.push('double');
    else if (c === ')' && ctx === 'subst') stack.pop();
    out += c;
    i++;
  }
  return out;
}

function quoteFor(ctx: Context, value: string): string {
  switch (ctx) {
    case 'single':
      return value.replace(/'/g, `'\\''`);
    case 'double':
      return value.replace(/[\\"$`]/g, (m) => `\\${m}`);
    default:
      return shellQuote(value);
  }
}

/** The `{field}` names a template uses, in order of first use (each once), wherever they sit. */
export function templateFields(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(ANY_FIELD)) names.add(match[1] as string);
  return [...names];
}

/** Prompt text slots ({phase_id} {plan} {status} {role}): plain replacement, no quoting. */
export function fillPromptTemplate(text: string, fields: Record<string, string>): string {
  let out = text;
  for (const [k, v] of Object.entries(fields)) out = out.split(`{${k}}`).join(v);
  return out;
}
