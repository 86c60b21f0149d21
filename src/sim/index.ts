/**
 * The public surface of src/sim: re-exports only. The store, the worker and
 * the CLI import from here. Everything behind it is pure and deterministic.
 * The searches are not here (verdictRun.ts, sweepRun.ts, startsCheckRun.ts):
 * the worker and the CLI import them directly, so the page's first chunk
 * does not carry the explorer.
 */
export * from './types.ts';
export {
  SCENARIO_DEFS, SCENARIO_IDS, FIX_IDS, KERNEL_IDS, FIX_RECORDS, KERNELS, COMMITS, DEFAULT_KERNEL,
  scenarioDef, kernelDef, fixRecord, scenarioDefaults, buildSource, orderFixes, fixNotOn, fixCaveat, isScenario, isFix, isKernel,
  type ScenarioDef, type FixRecord, type KernelDef, type Commit,
} from './catalogue/index.ts';
export {
  type Verdict, type VerdictWord, type Counterexample, type Counting, type ExploreProgress, type ModularAttempt, DEFAULT_MAX_STATES, COUNTING, verdictWord,
} from './engine/verdict.ts';
export { ERR_FLAG } from './engine/compile.ts';
export {
  type Question, type QuestionInput, type VerdictOptions, RACE_AFTER_MS, questionOf, questionKey, shapeKey, questionText, questionJson, paramWords, startsText, testName,
  resolveParams, programOf, herdLine, SOMETIMES_PROVED, NEVER_PROVED, replayCounted, UNCOUNTED_REPLAY, formatCount, countingText, memoryText, memoryBoundOf, latencyProbe, LAT_PROBE_US,
} from './question.ts';
export {
  startsCheckBound, startsCheckKey, startsCheckText, startsCheckWant, startsWitnessView, type StartsCheck, type StartsWord,
} from './startsCheck.ts';
export { buildProgram, simulate, counterexampleView, FIX_SETS } from './api.ts';
export { MODES } from './catalogue/source.ts';
export { parseLink, formatLongLink, parseSched, formatSched, type ParseResult } from './link.ts';
export {
  DEFAULT_VIEW, emptyView, normalizeView, replayStart, type ViewState, type ParamOverrides, type LinkError, type AxisMode,
} from './share/view.ts';
export { parseDuration, formatDuration, fragmentOf, isTextBlock, MAX_DURATION } from './share/codecs.ts';
export {
  PARAM_SPECS, PARAM_KEYS, VIEW_KEYS, paramByKey, withParam, type ParamKey, type ParamValue, type ParamSpec, type KeySpec,
} from './share/keys.ts';
export { keyDocLines, keyDocs } from './share/keyDocs.ts';
export { taskShort, taskName, taskWithPid } from './interpret/names.ts';
export {
  traceEnd, lockHolds, resourceSegments, srcuIntervals, flagIntervals, type Interval, type LockHold, type ResSegment as ResInterval, type SrcuIntervals,
} from './interpret/intervals.ts';
export {
  encodeView, LINK_FORMAT, type DecodeResult, modelFingerprint, linkNotices, type LinkFacts,
  decodeLink, toChromeTrace, type ChromeTrace, type ChromeEvent, checkBase, linkAt, isLocalBase,
} from './share/index.ts';
export {
  compareViews, divergence, stepIdentity, stepWords, eventFunction, sideName,
  type Comparison, type CompareSide, type Divergence, type DivergeStep,
} from './compare.ts';
export { compareSides, type SweepAxis, type SweepSpec } from './share/view.ts';
export {
  sweepValues, sweepGrid, sweepSize, sweepCellView, sweepNotes, sweepLegend, faultShare, sweepValueText,
  parseSweep, parseSweepAxis, formatSweep, formatSweepAxis, formatSweepValue, sweepAxis, sweepOf, MAX_SWEEP_STEPS, DEFAULT_SWEEP_STEPS, SWEEP_AXIS_SYNTAX,
  type SweepCell, type SweepOptions,
} from './sweep.ts';
// compareText (the comparison block for email) is imported from './share/compareText.ts' directly, like textBlock.
export { toCompareChromeTrace } from './share/chromeTrace.ts';
