/**
 * The bitset helpers the reduced explorer's set computations read: `bits`
 * (a run of bits as one number) agrees with reading the bits one by one
 * (`hasBit`), across word boundaries and at every length up to 32.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bits, hasBit } from './footprint.ts';

describe('bits', () => {
  it('reads the same bits as hasBit, one by one', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 32 }),
      (words, o, start, len) => {
        const b = Uint32Array.from([0xdeadbeef, 0xdeadbeef, ...words]);
        const got = bits(b, o, start, len);
        for (let i = 0; i < 32; i++) {
          const want = i < len && hasBit(b, o, start + i);
          expect(((got >>> i) & 1) === 1).toBe(want);
        }
      },
    ), { numRuns: 2000, seed: Number(process.env.SEED ?? 20261206) });
  });
});
