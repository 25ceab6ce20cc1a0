import { describe, expect, expectTypeOf, it } from 'vitest';
import type { FleetClient } from '../../src/client/fleet-client.js';
import type { FleetStatus, Result } from '../../src/protocol/requests.js';
import { VERBS } from '../../src/protocol/requests.js';
import { REQUEST_HANDLERS, type RequestHandlers } from '../../src/server/request-table.js';

/**
 * The table's completeness is the compiler's to check (`npm run typecheck` runs over tests):
 * each @ts-expect-error below fails the typecheck the day the line it marks compiles.
 */
describe('the request table', () => {
  it('has one handler per verb and none besides', () => {
    expect(Object.keys(REQUEST_HANDLERS).sort()).toEqual([...VERBS].sort());
  });

  it('is a mapped type: a missing or misspelt handler does not compile', () => {
    const { status, ...withoutStatus } = REQUEST_HANDLERS;
    // @ts-expect-error `status` has no handler
    const missing: RequestHandlers = withoutStatus;
    // @ts-expect-error `statsu` is no verb
    const misspelt: RequestHandlers = { ...withoutStatus, status, statsu: status };
    expect([missing, misspelt]).toHaveLength(2);
  });

  it('types a request end to end: the verb picks its arguments and its result', () => {
    const client = {} as FleetClient;
    expectTypeOf<ReturnType<typeof client.request<'status'>>>().toEqualTypeOf<Promise<FleetStatus>>();
    expectTypeOf<Result<'branch'>>().toEqualTypeOf<{ name: string; from: string; label: string; dir: string; branch: string | null }>();
    const typeOnly = (): void => {
      // @ts-expect-error no verb is called `turns` any more
      void client.request('turns', { name: 'a' });
      // @ts-expect-error `goto` needs `to`
      void client.request('goto', { name: 'a' });
      // @ts-expect-error `lines` is a number
      void client.request('peek', { name: 'a', lines: '3' });
      void client.request('status');
    };
    expect(typeOnly).toBeTypeOf('function');
  });
});
