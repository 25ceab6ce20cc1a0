import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import NewAgentForm from '../../../src/ui/components/NewAgentForm.js';
import StatusOverlay from '../../../src/ui/components/StatusOverlay.js';
import type { SessionInfo } from '../../../src/protocol/messages.js';
import { moveField, openForm, typeText } from '../../../src/ui/new-agent-form.js';

describe('NewAgentForm', () => {
  it('shows the three fields, the cursor in the current one, and the backends to choose from', () => {
    const form = moveField(typeText(openForm(['demo', 'sh'], 'demo'), 'gamma'), 1);
    const frame = render(<NewAgentForm form={form} width={70} height={12} />).lastFrame()!;
    expect(frame).toContain('new agent (added at run time, not written to agents.toml)');
    expect(frame).toMatch(/  name +gamma/);
    expect(frame).toMatch(/› backend +demo .*↑\/↓: demo · sh/);
    expect(frame).toMatch(/  prompt/);
    expect(frame).toContain('Enter start · Esc cancel');
  });

  it('puts each problem under its field, and the server\'s answer under the form', () => {
    const form = { ...openForm(['demo'], 'nope'), errors: { name: 'a name is needed', backend: '"nope" is not a backend of agents.toml (known: demo)' }, status: 'prompt_file missing' };
    const lines = render(<NewAgentForm form={form} width={100} height={12} />).lastFrame()!.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('name: a name is needed')).toBe(at('› name') + 1);
    expect(at('backend: "nope" is not a backend')).toBe(at('  backend') + 1);
    expect(at('prompt_file missing')).toBeGreaterThan(at('  prompt'));
  });
});

describe('StatusOverlay', () => {
  const info = (over: Partial<SessionInfo>): SessionInfo => ({
    name: 'alpha', kind: 'persistent', backend: 'demo', model: 'm', watch: 'none', state: 'RUNNING',
    status: 'idle', pid: 1, restarts: 0, session: 's', enabled: true, ...over,
  });

  it('notes the agents added at run time, and has no note column without them', () => {
    const withAdded = render(<StatusOverlay members={[info({}), info({ name: 'gamma', addedAtRunTime: true })]} selected={0} attention={new Set()} width={110} height={8} />).lastFrame()!;
    expect(withAdded).toMatch(/gamma .*\(added at run time, not in agents\.toml\)/);
    expect(withAdded).not.toMatch(/alpha .*added at run time/);
    const without = render(<StatusOverlay members={[info({})]} selected={0} attention={new Set()} width={110} height={8} />).lastFrame()!;
    expect(without).not.toContain('NOTE');
  });
});

describe('NewAgentForm with a long value', () => {
  it('shows the end of the field being typed, where the cursor is', () => {
    const form = typeText(moveField(moveField(openForm(['demo'], 'demo'), 1), 1), `${'x'.repeat(100)} the end`);
    const frame = render(<NewAgentForm form={form} width={60} height={12} />).lastFrame()!;
    expect(frame).toMatch(/› prompt +…x+ the end/);
  });
});
