/**
 * The model's types, from the three files that define them: the catalogue's
 * authoring form (catalogue/source.ts), the compiled program
 * (engine/program.ts) and the trace of one execution (engine/trace.ts).
 */
export type * from './catalogue/source.ts';
export { RES_STATES } from './catalogue/source.ts';
export type * from './engine/program.ts';
export type * from './engine/trace.ts';
