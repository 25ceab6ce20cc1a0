/**
 * V8 flags for hangar's long-lived node processes: the fleet server (ensure-server.ts passes
 * them) and the cockpit (bin/hangar starts node with them and COCKPIT_NODE_FLAGS' own; a test
 * keeps the two in step).
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

/**
 * The flags of the processes that stay (bin/hangar: the cockpit of attach and up, `hangar mcp`):
 * hangar's, and their functions optimized
 * on their own thread rather than on V8's worker. The worker's compiles left ~5 MB resident in
 * that thread's malloc arena for good (freed, never given back): with this, one idle cockpit
 * 70.3 -> 65.1 MB (least of 60 s, twice each, alternating). Measured against the cost, 7 rounds
 * each with 4 panes, alternating: flood median 747 -> 680 ms, cockpit + server CPU during it
 * 820 -> 660 ms, echo p99 idle 6.9 -> 7.5 ms, under flood 10.2 -> 10.8 ms (within the rounds'
 * spread). The server keeps concurrent optimization: without it its floods ran ~8 % slower and
 * its echo p99 ~2 ms later, for 0.5 MB. The flag leaves V8's flag hash (cachedDataVersionTag)
 * as it is, so node's built-in code cache still applies: a verb that exits pays nothing for it.
 */
export const COCKPIT_NODE_FLAGS: readonly string[] = [...HANGAR_NODE_FLAGS, '--no-concurrent-recompilation'];
