/** The fingerprint the page and the CLI use is the model's own. */
import { expect, it } from 'vitest';
import { liveModelFingerprint, modelFingerprint } from './fingerprint.ts';

it('the build-time fingerprint is the live one (else run: npm run fingerprint)', () => {
  expect(modelFingerprint(), 'src/sim/share/model.generated.ts is stale: run npm run fingerprint').toBe(liveModelFingerprint());
});
