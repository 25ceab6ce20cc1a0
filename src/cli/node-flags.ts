/**
 * V8 flags for hangar's long-lived node processes: the fleet server (ensure-server.ts passes
 * them) and the cockpit (bin/hangar starts node with them; a test keeps the two in step).
 *
 * Both optimize on V8's worker thread, as node does by default. The cockpit once ran with
 * --no-concurrent-recompilation for ~5 MB of the worker's malloc arena; measured again with the
 * chrome painted as text (issue 17), it was worth 0.5 MB (76.2 against 75.6 MB in (i)), and
 * its compiles on the cockpit's own thread held a key's echo 5-10 ms at a time: in runs of 800
 * to 2,000 keys, 4-10 echoes waited more than 3 ms between the frame's arrival and its write
 * (a cpu profile shows the time as the hot function's own, with no callee); 0-1 without it.
 *
 * A young generation of 2 MB semi-spaces instead of V8's default of up to 16 MB: measured
 * here, it cut the cockpit's resident memory by ~25 MB (the young generation is touched,
 * then kept) and the server's by a few MB, for no measurable CPU in a 1,000,000-line flood.
 * 1 MB semi-spaces cost the server ~30 % more CPU in that flood; larger ones cost memory.
 *
 * One V8 worker thread instead of four: the server's heap is small, so its GC gains little
 * from helpers, while on a machine with few cores their bursts compete with the children and
 * the cockpit. Measured on 2 cores: echo p99 with 3 panes flooding 17-24 -> 11-17 ms, the
 * server's RSS ~2.3 MB lower, the flood unchanged within the noise.
 *
 * The heap flag only for processes that stay (the server; bin/hangar gives both flags to the
 * cockpit of attach and up and to `hangar mcp`, and only the second to every other verb): a heap
 * size flag changes V8's flag hash (v8.cachedDataVersionTag()), and node's own modules, whose
 * code cache was made under the default flags, are then compiled from source — measured +18 ms
 * on a start that loads net and fs, +20 ms on `hangar status` (docs/PERFORMANCE.md, issue 16).
 * --v8-pool-size is node's own option and leaves the hash alone.
 */
export const HANGAR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--v8-pool-size=1'];

/** What bin/hangar starts node with for a verb that exits (status, send, …): the pool size alone. */
export const CLI_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1'];
