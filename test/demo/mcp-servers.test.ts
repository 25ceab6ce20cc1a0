import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInlineConfig, parseMcpConfig } from '../../src/demo/mcp-servers.js';

describe("the demo's --mcp-config", () => {
  it("reads Claude Code's mcpServers shape: command, args, env (args and env optional)", () => {
    const text = JSON.stringify({ mcpServers: { hangar: { type: 'stdio', command: '/usr/bin/node', args: ['/h/bin/hangar', 'mcp'], env: { HANGAR_AGENT: 'lead' } }, other: { command: 'x' } } });
    expect(isInlineConfig(text)).toBe(true);
    expect(isInlineConfig('/tmp/mcp.json')).toBe(false);
    expect(parseMcpConfig(text, '--mcp-config')).toEqual({
      ok: true,
      servers: [
        { name: 'hangar', command: '/usr/bin/node', args: ['/h/bin/hangar', 'mcp'], env: { HANGAR_AGENT: 'lead' } },
        { name: 'other', command: 'x', args: [], env: {} },
      ],
    });
  });

  it('says what is wrong, and where', () => {
    expect(parseMcpConfig('{nope', 'f.json')).toMatchObject({ ok: false, error: expect.stringMatching(/^f\.json: not JSON/) });
    expect(parseMcpConfig('{}', 'f.json')).toEqual({ ok: false, error: 'f.json: no "mcpServers" object' });
    expect(parseMcpConfig('{"mcpServers": {}}', 'f.json')).toEqual({ ok: false, error: 'f.json: "mcpServers" names no server' });
    expect(parseMcpConfig('{"mcpServers": {"s": {"url": "http://x"}}}', 'f.json')).toEqual({ ok: false, error: 'f.json: mcpServers.s: needs a "command" (only stdio servers)' });
    expect(parseMcpConfig('{"mcpServers": {"s": {"command": "x", "args": "a b"}}}', 'f.json')).toEqual({ ok: false, error: 'f.json: mcpServers.s.args: must be a list of strings' });
    expect(parseMcpConfig('{"mcpServers": {"s": {"command": "x", "env": {"A": 1}}}}', 'f.json')).toEqual({ ok: false, error: 'f.json: mcpServers.s.env: must map names to strings' });
  });

  it('leaves the SDK out of a plain start: only mcp-client.ts imports it, and main.ts only dynamically', () => {
    const source = (file: string) => readFileSync(new URL(`../../src/demo/${file}`, import.meta.url), 'utf8');
    const staticImports = (text: string) => [...text.matchAll(/^import[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports(source('main.ts'))).not.toContain('./mcp-client.js');
    expect(source('main.ts')).toContain("await import('./mcp-client.js')");
    for (const file of ['main.ts', 'app.ts', 'args.ts', 'mcp-servers.ts', 'tool-call.ts', 'session-log.ts', 'conversation-store.ts', 'agent-state.ts', 'prompt-command.ts']) {
      expect(staticImports(source(file)).filter((i) => i!.startsWith('@modelcontextprotocol')), file).toEqual([]);
    }
  });
});
