/**
 * Which vitest project runs each test file, decided by what the file does (not by its folder):
 * - unit: everything not listed here. No child process, no pty (test/helpers/no-children.ts
 *   makes starting one throw): nothing waits on a child, so it is the quick project.
 * - pty: starts real children — ptys, the hangar binary and its server, git, node, sh.
 * - e2e: the real cockpit in a real pty (`fleet.cockpit()`, `hangar up` in a PtyScreen).
 * - soak: pure like unit (and under its guard), but long: seeded random equivalence runs over many
 *   steps. `npm test` runs them; `npm run test:unit` leaves them out so it stays quick.
 * - faults: test/faults/ (kill -9s, crash loops, a fuzzer), after the rest.
 * - real: test/real-clis/, the installed claude and codex themselves. Only with
 *   HANGAR_REAL_CLIS=1 (`npm run test:real-clis`): never part of `npm test`.
 * test/architecture/test-projects.test.ts checks these lists against the files.
 */
export const SOAK_TESTS: readonly string[] = [
  'test/session/alt-buffer-lines.test.ts',
  'test/session/plain-flood.test.ts',
];

export const E2E_TESTS: readonly string[] = [
  'test/integration/cockpit-clipboard.e2e.test.ts',
  'test/integration/cockpit-keys.e2e.test.ts',
  'test/integration/cockpit-notify.e2e.test.ts',
  'test/integration/cockpit-pilot.e2e.test.ts',
  'test/integration/cockpit-transcript.e2e.test.ts',
  'test/integration/cockpit-view.e2e.test.ts',
  'test/integration/cockpit.e2e.test.ts',
  'test/integration/doctor-terminal.e2e.test.ts',
  'test/integration/instances.e2e.test.ts',
  'test/integration/log-flood.e2e.test.ts',
  'test/integration/orchestrator.e2e.test.ts',
  'test/integration/orchestra.e2e.test.ts',
  'test/integration/up-and-recovery.test.ts',
  'test/integration/worktrees.e2e.test.ts',
];

export const PTY_TESTS: readonly string[] = [
  'test/bench/resident-pages.test.ts',
  'test/build/bundle.test.ts',
  'test/build/package-files.test.ts',
  'test/cli/backends.test.ts',
  'test/cli/extra-ca-certs.test.ts',
  'test/cli/init.test.ts',
  'test/cli/models.test.ts',
  'test/config/template.test.ts',
  'test/demo/demo-commands.e2e.test.ts',
  'test/demo/demo-fork.e2e.test.ts',
  'test/demo/demo-session-log.e2e.test.ts',
  'test/demo/demo-session.e2e.test.ts',
  'test/demo/stop-hook.test.ts',
  'test/watchers/quality-run.test.ts',
  'test/fleet/add-agent.test.ts',
  'test/integration/hook-status.test.ts',
  'test/integration/session-file-status.test.ts',
  'test/fleet/launch-command.test.ts',
  'test/fleet/orchestrator-launch.test.ts',
  'test/fleet/remote-launch.test.ts',
  'test/fleet/restart-race.test.ts',
  'test/fleet/send-wait-turn.test.ts',
  'test/fs/rotating-file.test.ts',
  'test/server/work-changes.test.ts',
  'test/pilot/hook-turn-end.test.ts',
  'test/integration/add-cli.test.ts',
  'test/integration/added-agents-restart.e2e.test.ts',
  'test/integration/builtin-backends.e2e.test.ts',
  'test/integration/transcript-limits.e2e.test.ts',
  'test/integration/transcript-cli.e2e.test.ts',
  'test/integration/budget.e2e.test.ts',
  'test/integration/usage-costs.e2e.test.ts',
  'test/integration/watchers.e2e.test.ts',
  'test/integration/doctor-cli.test.ts',
  'test/integration/fleet-cli.test.ts',
  'test/integration/launch-failure.e2e.test.ts',
  'test/integration/logs-rotation.e2e.test.ts',
  'test/integration/owner-and-names.e2e.test.ts',
  'test/integration/phase-advance.e2e.test.ts',
  'test/integration/phase-cli.test.ts',
  'test/integration/pilot-conversation-file.e2e.test.ts',
  'test/integration/pilot-conversation-given.e2e.test.ts',
  'test/integration/pilot-conversation-screen.e2e.test.ts',
  'test/integration/pilot-restart.e2e.test.ts',
  'test/integration/pilot.e2e.test.ts',
  'test/integration/mcp-server.test.ts',
  'test/integration/remote-agent.e2e.test.ts',
  'test/integration/remote-sshd.test.ts',
  'test/integration/server-log.e2e.test.ts',
  'test/integration/server-restart.e2e.test.ts',
  'test/integration/watchdog-heal.e2e.test.ts',
  'test/integration/watchdog-hold.e2e.test.ts',
  'test/pilot/agent-worktree.test.ts',
  'test/server/agent-worktrees.test.ts',
  'test/pilot/git-run.test.ts',
  'test/pilot/git-snapshot-dirs.test.ts',
  'test/pilot/git-snapshot.test.ts',
  'test/pilot/pilot-conversation.test.ts',
  'test/pilot/session-file-turns.test.ts',
  'test/pilot/strategies.test.ts',
  'test/server/fleet-server.test.ts',
  'test/server/log-full.test.ts',
  'test/cli/node-flags.test.ts',
  'test/server/pilot-input.test.ts',
  'test/server/previous-server.test.ts',
  'test/server/instance-registry.test.ts',
  'test/server/server-log.test.ts',
  'test/session/cpu-pacing.test.ts',
  'test/session/parse-feed-session.test.ts',
  'test/session/exit-output.test.ts',
  'test/session/pty-direct-write.test.ts',
  'test/terminal/watched-pty.test.ts',
  'test/session/output-flow.test.ts',
  'test/session/process-runs.test.ts',
  'test/session/raw-log.test.ts',
  'test/session/send-message.test.ts',
  'test/session/session-input.test.ts',
  'test/session/session.test.ts',
  'test/session/stop.test.ts',
  'test/transport/socket-server.test.ts',
  'test/watchdog/handoff-git.test.ts',
  'test/watchdog/phase-controller.test.ts',
  'test/watchdog/selftest.test.ts',
  'test/watchdog/watchdog.test.ts',
];

export const FAULT_TESTS = 'test/faults/**/*.test.ts';

/** The real agent CLIs where installed (the `real` project, only with HANGAR_REAL_CLIS=1). */
export const REAL_CLI_TESTS = 'test/real-clis/**/*.test.ts';

/** Every test file: what is in no list above is a unit test. */
export const ALL_TESTS: readonly string[] = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
