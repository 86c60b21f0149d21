/**
 * A sweep's lines on its checks over every start (src/sim/sweepStarts.ts), for
 * the page's sweep panel: read from here, not the src/sim index, they load
 * with that panel's lazy chunk instead of the page's first one.
 */
export { sweepStartsLines } from '../sim/sweepStarts.ts';
