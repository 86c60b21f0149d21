/**
 * What the page shows under an answer that is not complete: the sentence
 * (src/sim/incomplete.ts) and the nearer questions (src/sim/nearer.ts). Read
 * from here, not the src/sim index, they load while a search runs long or
 * when the verdict panel first shows such an answer (components/useIncomplete.ts),
 * not with the page's first chunk: a first visit needs neither.
 */
export { incompleteSentence } from '../sim/incomplete.ts';
export { nearerQuestions } from '../sim/nearer.ts';
