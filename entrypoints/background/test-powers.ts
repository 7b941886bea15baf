import type { Handlers } from '../../utils/messaging/router';
import { seedContacts, type TouchpointDatabase } from '../../utils/store';

/**
 * Messages only the e2e/benchmark build answers. index.ts adds them behind the build-time constant
 * __TOUCHPOINT_E2E__, so the store build drops this module and the seeding code it pulls in.
 */
export function testHandlers(db: () => Promise<TouchpointDatabase>): Handlers {
  return {
    'debug.seed': async ({ contacts, queue, seed }) => {
      const d = await db();
      const started = performance.now();
      await seedContacts(d, contacts, { queue, seed });
      return { seeded: contacts, ms: Math.round(performance.now() - started) };
    },
  };
}
