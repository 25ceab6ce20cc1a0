import { describe, expect, it } from 'vitest';
import { HELD_EXTRA_CA_CERTS, holdExtraCaCerts, restoreExtraCaCerts } from '../../src/base/extra-ca-certs.js';

describe('NODE_EXTRA_CA_CERTS held aside for a hangar process', () => {
  it('moves to the held name for the start, and back in the started process', () => {
    const started = holdExtraCaCerts({ PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem' });
    expect(started).toEqual({ PATH: '/bin', [HELD_EXTRA_CA_CERTS]: '/etc/corp-ca.pem' });
    restoreExtraCaCerts(started);
    expect(started).toEqual({ PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem' });
  });

  it('keeps an empty value as set, and adds nothing when it was not set', () => {
    const empty = holdExtraCaCerts({ NODE_EXTRA_CA_CERTS: '' });
    restoreExtraCaCerts(empty);
    expect(empty).toEqual({ NODE_EXTRA_CA_CERTS: '' });
    const none = holdExtraCaCerts({ PATH: '/bin' });
    restoreExtraCaCerts(none);
    expect(none).toEqual({ PATH: '/bin' });
  });
});
