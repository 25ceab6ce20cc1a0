/**
 * The driver's hands: the actions its pure decisions return (actions.ts), carried out against
 * the fleet, each recorded as a watchdog event. What belongs to the driver's own bookkeeping —
 * a restart's budget, the flag that tells its start from a person's, pings held for a busy
 * agent — it does through the host.
 */
import type { FleetPort } from './fleet-port.js';
import type { WatchdogAction, WatchdogEventKind } from './actions.js';

export interface ActionHost {
  fleet: FleetPort;
  /** a restart asked for by a decision other than heal (a stall): counted against the budget */
  fail(name: string, reason: string): void;
  /** the watchdog restarts it itself (true), or that restart failed (false) */
  restarting(name: string, on: boolean): void;
  /** a handoff ping, held in the agent's inbox until it can take it (idle, none being typed) */
  hold(name: string, ping: { text: string; reason: string }): void;
  /** whether the agent can take its handoff pings now */
  pingsDeliverable(name: string): boolean;
  /** the hold nothing is typed into the agent during (`its usage-limit hold`, `its budget hold`); null: none */
  holdOf(name: string): string | null;
  /** type every ping held for the agent as one message, when it can take them */
  deliverPings(name: string): void;
}

/** Carry out a decision's actions, recording each as a watchdog event of `kind`. */
export function performActions(host: ActionHost, actions: WatchdogAction[], kind: WatchdogEventKind): void {
  const { fleet } = host;
  const pinged = new Set<string>();
  for (const action of actions) {
    switch (action.type) {
      case 'note':
        fleet.watchdogEvent(action.kind, action.level, action.message, action.name);
        break;
      case 'mark':
        if (action.status === 'crashed' && fleet.isRunning(action.name)) {
          // given up on a live session (a fatal screen, the wrong program): stop it, then say why
          const { name, status, detail } = action;
          void fleet.down([name]).then(() => fleet.annotate(name, status, detail));
        } else fleet.annotate(action.name, action.status, action.detail, action.until, action.source);
        break;
      case 'restart': {
        // only heal restarts directly; a stall's restart counts against the budget like any failure
        if (kind !== 'restart') {
          host.fail(action.name, action.reason);
          break;
        }
        fleet.watchdogEvent(kind, 'info', `restarting ${action.name}: ${action.reason}`, action.name);
        host.restarting(action.name, true);
        void fleet.restart(action.name).catch((err: Error) => {
          host.restarting(action.name, false);
          fleet.watchdogEvent(kind, 'warn', `restart of ${action.name} failed: ${err.message}`, action.name);
        });
        break;
      }
      case 'start':
        fleet.watchdogEvent(kind, 'info', `starting ${action.name}: ${action.reason}`, action.name);
        void fleet.up([action.name]).catch((err: Error) => fleet.watchdogEvent(kind, 'warn', `start of ${action.name} failed: ${err.message}`, action.name));
        break;
      case 'stop':
        fleet.watchdogEvent(kind, 'info', `stopping ${action.name}: ${action.reason}`, action.name);
        void fleet.down([action.name]);
        break;
      case 'send': {
        if (!fleet.names().includes(action.name) || !fleet.isRunning(action.name)) {
          fleet.watchdogEvent(kind, 'warn', `${action.reason}: ${action.name} is not running; message dropped`, action.name);
          break;
        }
        if (kind === 'handoff-ping') {
          // every ping goes through the inbox: pings due together are typed as one message
          host.hold(action.name, { text: action.text, reason: action.reason });
          pinged.add(action.name);
          if (!host.pingsDeliverable(action.name)) {
            const hold = host.holdOf(action.name);
            const until = hold ? `${hold} ends` : 'it is idle';
            fleet.watchdogEvent(kind, 'info', `${action.reason} → ${action.name} waits until ${until}`, action.name);
          }
          break;
        }
        fleet.watchdogEvent(kind, 'info', `${action.reason} → ${action.name}: ${action.text.slice(0, 80)}`, action.name);
        void fleet
          .session(action.name)
          .sendMessage(action.text)
          .then((r) => {
            if (!r.confirmed) fleet.watchdogEvent(kind, 'warn', `message to ${action.name} not confirmed after ${r.attempts} tries`, action.name);
          });
        break;
      }
    }
  }
  for (const name of pinged) host.deliverPings(name);
}
