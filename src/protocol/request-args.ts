/**
 * A request's arguments checked against its verb's schema (requests.ts): the one place the
 * server validates what a client sent, so handlers trust `Args<V>`. Pure: it answers with the
 * first problem, worded for the person or agent that sent it; the server's edge turns that
 * into a `bad_args` response.
 */
import { fleetViewProblem } from './fleet-view.js';
import { REQUESTS, type Args, type FieldSpec, type Verb } from './requests.js';

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** What a value of this field should have been, as the error says it. */
function expectation(f: FieldSpec): string {
  if (f.oneOf) return `one of: ${f.oneOf.join(', ')}`;
  switch (f.type) {
    case 'string':
      return f.nonEmpty ? 'a non-empty string' : 'a string';
    case 'number':
      return f.min === 0 && f.max === undefined ? 'a non-negative number' : `a number${range(f)}`;
    case 'integer':
      return `a whole number${range(f)}`;
    case 'boolean':
      return 'true or false';
    case 'string-list':
      return f.nonEmpty ? 'a non-empty list of strings' : 'a list of strings';
    case 'string-map':
      return 'an object of strings';
    case 'fleet-view':
      return 'a view {layout, zoomed, focus, pilot}';
  }
}

function range(f: FieldSpec): string {
  if (f.min !== undefined && f.max !== undefined) return ` from ${f.min} to ${f.max}`;
  if (f.min !== undefined) return ` of at least ${f.min}`;
  if (f.max !== undefined) return ` of at most ${f.max}`;
  return '';
}

function fits(f: FieldSpec, v: unknown): boolean {
  switch (f.type) {
    case 'string':
      return typeof v === 'string' && (!f.nonEmpty || v !== '') && (!f.oneOf || f.oneOf.includes(v));
    case 'number':
    case 'integer':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (f.type === 'number' || Number.isInteger(v)) &&
        (f.min === undefined || v >= f.min) &&
        (f.max === undefined || v <= f.max)
      );
    case 'boolean':
      return typeof v === 'boolean';
    case 'string-list':
      return isStrings(v) && (!f.nonEmpty || v.length > 0);
    case 'string-map':
      return isObj(v) && Object.values(v).every((s) => typeof s === 'string');
    case 'fleet-view':
      return fleetViewProblem(v) === null;
  }
}

function problemOf(key: string, f: FieldSpec, v: unknown): string {
  // a view says which of its own fields is wrong
  return (f.type === 'fleet-view' ? fleetViewProblem(v) : null) ?? `"${key}" must be ${expectation(f)}`;
}

export type ArgsCheck<V extends Verb> = { ok: true; args: Args<V> } | { ok: false; problem: string };

/**
 * `args` as `verb` takes them, or the first field that is wrong. A field that is absent or
 * null is left out (an optional one) or wrong (a required one); fields the verb does not
 * know are dropped, as an older server ignores what a newer client adds.
 */
export function checkArgs<V extends Verb>(verb: V, args: Obj): ArgsCheck<V> {
  const checked = checkFields(REQUESTS[verb].args, args);
  return checked.ok ? { ok: true, args: checked.args as Args<V> } : checked;
}

/** `args` against any fields' schema (an MCP tool's own arguments too): the fields given, or the first that is wrong. */
export function checkFields(fields: { readonly [field: string]: FieldSpec }, args: Obj): { ok: true; args: Obj } | { ok: false; problem: string } {
  const out: Obj = {};
  for (const [key, f] of Object.entries(fields)) {
    const v = args[key];
    if (v === undefined || v === null) {
      if (f.required) return { ok: false, problem: problemOf(key, f, v) };
      continue;
    }
    if (!fits(f, v)) return { ok: false, problem: problemOf(key, f, v) };
    out[key] = v;
  }
  return { ok: true, args: out };
}
