import { describe, expect, it } from 'vitest';
import { blockReason, runStopHooks, stopHooksOf } from '../../src/demo/stop-hook.js';

describe("the demo's Stop hook channel (Claude Code's --settings shape)", () => {
  it('reads the command hooks of hooks.Stop, with their timeouts', () => {
    const settings = JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'hangar hook', timeout: 10 }, { type: 'prompt', prompt: 'x' }] }], SessionStart: [{ hooks: [{ type: 'command', command: 'other' }] }] } });
    expect(stopHooksOf(settings)).toEqual([{ command: 'hangar hook', timeoutS: 10 }]);
    expect(stopHooksOf('{}')).toEqual([]);
    expect(stopHooksOf('not json')).toBe('--settings must be a JSON object');
  });

  it('only a block decision with a reason goes on', () => {
    expect(blockReason('{"decision":"block","reason":"delegate it"}\n')).toBe('delegate it');
    expect(blockReason('')).toBeNull();
    expect(blockReason('{"decision":"approve","reason":"x"}')).toBeNull();
    expect(blockReason('{"decision":"block"}')).toBeNull();
  });

  it("runs each command with the payload on stdin and returns the first block's reason", async () => {
    const hooks = [
      { command: 'cat > /dev/null', timeoutS: 10 },
      { command: `node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.stringify({decision:'block',reason:'stop at '+JSON.parse(s).hook_event_name})))"`, timeoutS: 10 },
    ];
    expect(await runStopHooks(hooks, { hook_event_name: 'Stop' })).toBe('stop at Stop');
    expect(await runStopHooks([{ command: 'exit 3', timeoutS: 10 }], { hook_event_name: 'Stop' })).toBeNull();
  });
});
