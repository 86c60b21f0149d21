/**
 * The worker itself (verdict.worker.ts, run here on a stand-in scope): a race job runs the modular search alone; a
 * search the cap stops without a fault asks the page for a raced result (`capped`) and takes it without searching
 * again, or runs the modular search itself when the page has none. Either way, the verdict of verdictOf.
 */
import { beforeAll, expect, it } from 'vitest';
import { questionKey, questionOf, type QuestionInput } from '../sim/index.ts';
import { verdictOf } from '../sim/verdictRun.ts';
import type { RaceAnswer, VerdictRequest, VerdictResponse } from './protocol.ts';

const posted: VerdictResponse[] = [];
let scope: { onmessage: ((ev: { data: VerdictRequest | RaceAnswer }) => void) | null };

beforeAll(async () => {
  scope = { onmessage: null };
  Object.assign(globalThis, { self: Object.assign(scope, { postMessage: (m: VerdictResponse) => posted.push(m) }) });
  await import('./verdict.worker.ts');
});

const send = (data: VerdictRequest | RaceAnswer) => scope.onmessage!({ data });

/** Waits (polling the event loop) for the first message after `from` that `pick` accepts. */
async function next<T extends VerdictResponse>(from: number, pick: (m: VerdictResponse) => m is T): Promise<T> {
  for (;;) {
    const m = posted.slice(from).find(pick);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Four readers at a 30,000-state cap: the state search stops without a fault, the modular search proves Never.
const input: QuestionInput = { scenario: 'flash-unbind', kernel: 'mainline', fixes: ['srcu-drain'], params: { readers: 4, erase: null }, mode: 'any' } as QuestionInput;
const key = questionKey(questionOf(input));
const CAP = 30_000;

it('a race job posts the modular search\'s result; the capped search takes it and gives the verdict verdictOf gives', async () => {
  const from = posted.length;
  send({ id: 1, maxStates: CAP, speedcheck: false, jobs: [{ key, question: input, race: true }] });
  const raced = await next(from, (m): m is Extract<VerdictResponse, { type: 'raced' }> => m.type === 'raced');
  expect(raced.given.result.proved).toBe(true);

  const at = posted.length;
  send({ id: 2, maxStates: CAP, speedcheck: false, jobs: [{ key, question: input }] });
  const capped = await next(at, (m): m is Extract<VerdictResponse, { type: 'capped' }> => m.type === 'capped');
  expect(capped).toEqual({ id: 2, type: 'capped', key });
  const asked = posted.length;
  send({ type: 'given', key, given: raced.given });
  const result = await next(asked, (m): m is Extract<VerdictResponse, { type: 'result' }> => m.type === 'result');
  expect(result.verdict).toEqual(verdictOf(input, { maxStates: CAP }));
  // It did not search again: no progress of a modular search of its own after the page's answer.
  expect(posted.slice(asked).some((m) => m.type === 'progress' && m.views !== undefined)).toBe(false);
});

it('with no raced result (null), the capped search runs the modular search itself: the same verdict', async () => {
  const at = posted.length;
  send({ id: 3, maxStates: CAP, speedcheck: false, jobs: [{ key, question: input }] });
  await next(at, (m): m is Extract<VerdictResponse, { type: 'capped' }> => m.type === 'capped');
  send({ type: 'given', key, given: null });
  const result = await next(at, (m): m is Extract<VerdictResponse, { type: 'result' }> => m.type === 'result' && m.id === 3);
  expect(result.verdict).toEqual(verdictOf(input, { maxStates: CAP }));
});

it('a search that completes does not ask the page', async () => {
  const small = { ...input, params: { readers: 2, erase: null } } as QuestionInput;
  const at = posted.length;
  send({ id: 4, maxStates: CAP, speedcheck: false, jobs: [{ key: 'small', question: small }] });
  const result = await next(at, (m): m is Extract<VerdictResponse, { type: 'result' }> => m.type === 'result' && m.id === 4);
  expect(result.verdict.incomplete).toBe(false);
  expect(posted.slice(at).some((m) => m.type === 'capped')).toBe(false);
});
