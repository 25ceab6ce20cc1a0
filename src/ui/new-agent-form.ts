/**
 * The `C-b c` form: name, backend, prompt for an agent added at run time. Pure: every key
 * gives a new form; the cockpit sends the request (`add`) and draws components/NewAgentForm.
 */

import { nameProblem } from '../config/name-rule.js';

export const FORM_FIELDS = ['name', 'backend', 'prompt'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface NewAgentForm {
  values: Record<FormField, string>;
  /** the field keys go to */
  field: FormField;
  /** the backends of agents.toml, in order, that ↑/↓ cycle through */
  backends: readonly string[];
  /** what is wrong with each field, shown beside it after Enter */
  errors: Partial<Record<FormField, string>>;
  /** a line under the fields: "starting…", or why the server refused */
  status?: string;
  /** the request is on its way: Enter does nothing until it is answered */
  busy: boolean;
}

/** The backend a new agent gets when nobody chooses: [defaults] backend, else the first one. */
export function defaultBackend(defaults: Record<string, unknown>, backends: readonly string[]): string {
  const configured = defaults['backend'];
  return typeof configured === 'string' && backends.includes(configured) ? configured : (backends[0] ?? '');
}

export function openForm(backends: readonly string[], backend: string): NewAgentForm {
  return { values: { name: '', backend, prompt: '' }, field: 'name', backends, errors: {}, busy: false };
}

/** Tab / Shift-Tab: the next or previous field, round. */
export function moveField(form: NewAgentForm, delta: number): NewAgentForm {
  const at = FORM_FIELDS.indexOf(form.field);
  const next = FORM_FIELDS[(at + delta + FORM_FIELDS.length * 2) % FORM_FIELDS.length]!;
  return { ...form, field: next };
}

function edit(form: NewAgentForm, value: string): NewAgentForm {
  const errors = { ...form.errors };
  delete errors[form.field];
  return { ...form, values: { ...form.values, [form.field]: value }, errors, status: undefined };
}

/** Typed or pasted text into the current field (line breaks become spaces). */
export function typeText(form: NewAgentForm, text: string): NewAgentForm {
  return edit(form, form.values[form.field] + text.replace(/[\r\n]+/g, ' '));
}

export function backspace(form: NewAgentForm): NewAgentForm {
  return edit(form, [...form.values[form.field]].slice(0, -1).join(''));
}

/** ↑/↓ on the backend field: the previous or next backend of agents.toml. */
export function cycleBackend(form: NewAgentForm, delta: number): NewAgentForm {
  if (form.field !== 'backend' || form.backends.length === 0) return form;
  const at = form.backends.indexOf(form.values.backend.trim());
  const next = at < 0 ? (delta > 0 ? 0 : form.backends.length - 1) : (at + delta + form.backends.length) % form.backends.length;
  return edit(form, form.backends[next]!);
}

/**
 * What is wrong, by field, before anything is sent: an empty or taken name, an empty or
 * unknown backend. The server checks again with the config loader's rules (prompt files,
 * sessions…); what it says then is shown as the form's status.
 */
export function formErrors(form: NewAgentForm, taken: readonly string[]): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {};
  const name = form.values.name.trim();
  const backend = form.values.backend.trim();
  const bad = name ? nameProblem(name) : null;
  if (!name) errors.name = 'a name is needed';
  else if (bad) errors.name = `"${name}" cannot be used: ${bad}`;
  else if (taken.includes(name)) errors.name = `"${name}" is already taken`;
  if (!backend) errors.backend = `choose one: ${form.backends.join(', ')}`;
  else if (!form.backends.includes(backend)) errors.backend = `"${backend}" is not a backend of agents.toml (known: ${form.backends.join(', ')})`;
  return errors;
}

/** The first field with a problem, to put the cursor on. */
export function firstError(errors: Partial<Record<FormField, string>>): FormField | undefined {
  return FORM_FIELDS.find((f) => errors[f] !== undefined);
}

/** The `add` request's arguments. */
export function addRequest(form: NewAgentForm): { name: string; backend: string; prompt?: string } {
  const prompt = form.values.prompt.trim();
  return { name: form.values.name.trim(), backend: form.values.backend.trim(), ...(prompt ? { prompt } : {}) };
}
