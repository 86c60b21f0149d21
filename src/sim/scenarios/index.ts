import type { ScenarioId, ScenarioSource } from '../types.ts';
import { devresOrder } from './devresOrder.ts';
import { flashUnbind } from './flashUnbind.ts';
import { qspiUnbind } from './qspiUnbind.ts';

/** The built-in scenarios, as data. */
export const SCENARIOS: Readonly<Record<ScenarioId, ScenarioSource>> = {
  'qspi-unbind': qspiUnbind,
  'flash-unbind': flashUnbind,
  'devres-order': devresOrder,
};
