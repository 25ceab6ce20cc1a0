import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { findKeyPosition, indexTomlKeys, keyPathString } from '../../src/config/toml-locate.js';

const source = [
  '# comment with key = 1', //                         1
  '[defaults]', //                                     2
  'session_prefix = "p-"  # trailing', //              3
  '  model = """', //                                  4
  'fake = "inside a string"', //                       5
  '[[agent]]', //                                      6
  '"""', //                                            7
  '[backend."my.cli"]', //                             8
  'bin = \'sh -c "x"\'', //                            9
  'flags = [', //                                      10
  '  "a", # name = "not a key"', //                    11
  '  "b",', //                                         12
  ']', //                                              13
  '[[agent]]', //                                      14
  'name = "one"', //                                   15
  'wake = { interval = 5,', //                         16
  '  prompt_file = "w.md" }', //                       17
  'sub.deep = true', //                                18
  '[[agent]]', //                                      19
  "'quoted key' = 1", //                               20
  '[agent.wake]', //                                   21
  'interval = 9', //                                   22
  '[[loop.phases]]', //                                23
  'id = "p1"', //                                      24
  '[[loop.phases]]', //                                25
  '  id = "p2"', //                                    26
  'models = { builder = "opus" }', //                  27
].join('\n');

describe('indexTomlKeys', () => {
  const index = indexTomlKeys(source);
  const at = (...path: (string | number)[]) => findKeyPosition(index, path);

  it('is scanning a document smol-toml accepts', () => {
    expect(() => parse(source)).not.toThrow();
  });

  it('finds keys under tables and array-of-tables entries by index', () => {
    expect(at('defaults', 'session_prefix')).toEqual({ line: 3, col: 1 });
    expect(at('defaults', 'model')).toEqual({ line: 4, col: 3 });
    expect(at('agent', 0, 'name')).toEqual({ line: 15, col: 1 });
    expect(at('agent', 1, 'quoted key')).toEqual({ line: 20, col: 1 });
    expect(at('loop', 'phases', 0, 'id')).toEqual({ line: 24, col: 1 });
    expect(at('loop', 'phases', 1, 'id')).toEqual({ line: 26, col: 3 });
    expect(at('loop', 'phases', 1)).toEqual({ line: 25, col: 1 });
  });

  it('skips multi-line strings and arrays, so text inside them is never a key', () => {
    expect(index.has('fake')).toBe(false);
    expect(index.has(keyPathString(['defaults', 'fake']))).toBe(false);
    expect(at('backend', 'my.cli', 'flags')).toEqual({ line: 10, col: 1 });
    expect(index.has(keyPathString(['backend', 'my.cli', 'name']))).toBe(false);
    // the [[agent]] inside the string did not count: the first real entry is index 0
    expect(at('agent', 0)).toEqual({ line: 14, col: 1 });
  });

  it('handles quoted and dotted keys', () => {
    expect(at('backend', 'my.cli', 'bin')).toEqual({ line: 9, col: 1 });
    expect(at('agent', 0, 'sub', 'deep')).toEqual({ line: 18, col: 1 });
    expect(at('agent', 0, 'sub')).toEqual({ line: 18, col: 1 });
  });

  it('reports inline table members at the line of the table key', () => {
    expect(at('agent', 0, 'wake', 'prompt_file')).toEqual({ line: 16, col: 1 });
    expect(at('loop', 'phases', 1, 'models', 'builder')).toEqual({ line: 27, col: 1 });
  });

  it('attaches sub-table headers to the latest array entry', () => {
    expect(at('agent', 1, 'wake')).toEqual({ line: 21, col: 1 });
    expect(at('agent', 1, 'wake', 'interval')).toEqual({ line: 22, col: 1 });
  });

  it('falls back to the nearest ancestor and to nothing for unknown tops', () => {
    expect(at('agent', 1, 'model')).toEqual({ line: 19, col: 1 });
    expect(at('watchdog', 'x')).toBeUndefined();
  });
});
