import { describe, expect, it } from 'vitest';
import { addRequest, backspace, cycleBackend, defaultBackend, firstError, formErrors, moveField, openForm, typeText } from '../../src/ui/new-agent-form.js';

const BACKENDS = ['claude', 'demo', 'sh'];

describe('the new-agent form (C-b c)', () => {
  it('opens on the name, with the [defaults] backend (else the first one)', () => {
    expect(defaultBackend({ backend: 'demo' }, BACKENDS)).toBe('demo');
    expect(defaultBackend({}, BACKENDS)).toBe('claude');
    expect(defaultBackend({ backend: 'gone' }, BACKENDS)).toBe('claude');
    const form = openForm(BACKENDS, 'demo');
    expect(form).toMatchObject({ field: 'name', values: { name: '', backend: 'demo', prompt: '' }, errors: {}, busy: false });
  });

  it('Tab and Shift-Tab move between the three fields, round', () => {
    const form = openForm(BACKENDS, 'demo');
    expect(moveField(form, 1).field).toBe('backend');
    expect(moveField(moveField(form, 1), 1).field).toBe('prompt');
    expect(moveField(form, 3).field).toBe('name');
    expect(moveField(form, -1).field).toBe('prompt');
  });

  it('types into the current field; backspace takes one character (a whole emoji)', () => {
    let form = typeText(openForm(BACKENDS, 'demo'), 'gam');
    form = typeText(form, 'ma\r');
    expect(form.values.name).toBe('gamma ');
    form = moveField(moveField(form, 1), 1);
    form = typeText(form, 'go 🚀');
    expect(backspace(form).values.prompt).toBe('go ');
  });

  it('↑/↓ cycle the backend field through the backends of agents.toml, nowhere else', () => {
    const form = moveField(openForm(BACKENDS, 'demo'), 1);
    expect(cycleBackend(form, 1).values.backend).toBe('sh');
    expect(cycleBackend(cycleBackend(form, 1), 1).values.backend).toBe('claude');
    expect(cycleBackend(form, -1).values.backend).toBe('claude');
    expect(cycleBackend(typeText(form, 'x'), 1).values.backend).toBe('claude'); // unknown text: start over
    const onName = openForm(BACKENDS, 'demo');
    expect(cycleBackend(onName, 1)).toBe(onName);
  });

  it('names the field that is wrong: empty or taken name, unknown backend', () => {
    const empty = openForm(BACKENDS, 'demo');
    expect(formErrors(empty, [])).toEqual({ name: 'a name is needed' });
    const taken = typeText(empty, 'alpha');
    expect(formErrors(taken, ['alpha', 'beta'])).toEqual({ name: '"alpha" is already taken' });
    expect(formErrors(typeText(empty, 'a b'), [])).toEqual({ name: '"a b" cannot be used: it holds " " (names take letters, digits, ".", "_" and "-" only)' });
    expect(formErrors(typeText(empty, '..'), [])).toEqual({ name: '".." cannot be used: it is ".."' });
    const badBackend = { ...taken, values: { ...taken.values, name: 'gamma', backend: 'nope' } };
    const errors = formErrors(badBackend, ['alpha']);
    expect(errors).toEqual({ backend: '"nope" is not a backend of agents.toml (known: claude, demo, sh)' });
    expect(firstError(errors)).toBe('backend');
    expect(firstError({})).toBeUndefined();
  });

  it('editing a field clears its problem and the status line', () => {
    const form = { ...openForm(BACKENDS, 'demo'), errors: { name: 'a name is needed' }, status: 'refused' };
    const typed = typeText(form, 'g');
    expect(typed.errors).toEqual({});
    expect(typed.status).toBeUndefined();
  });

  it('asks the server for the trimmed values, without an empty prompt', () => {
    const form = typeText(openForm(BACKENDS, 'demo'), ' gamma ');
    expect(addRequest(form)).toEqual({ name: 'gamma', backend: 'demo' });
    const withPrompt = typeText(moveField(moveField(form, 1), 1), 'third kickoff');
    expect(addRequest(withPrompt)).toEqual({ name: 'gamma', backend: 'demo', prompt: 'third kickoff' });
  });
});
