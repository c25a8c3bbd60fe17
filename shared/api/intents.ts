// Intents: a file of flows that must (or must not) get through and of the
// services the internet may reach, checked in one pass over one model. Used by
// `reachmap check`; pure, so that every shell can offer it.
import { exposureOf } from '../engine/exposure.js';
import type { NetworkModel } from '../model/types.js';
import type { CheckReport, CheckResult } from './intents/check-types.js';
import { checkFlows } from './intents/check-flows.js';
import type { IntentsDocument } from './intents/document.js';
import { checkExposure } from './intents/exposure-rules.js';

export { parseIntents } from './intents/document.js';
export type { IntentsDocument, FlowIntent, ExposureIntent, ExposureAllowRule } from './intents/document.js';
export type * from './intents/check-types.js';
export { describeResult, outcomeOf, subjectOf, summaryLine } from './intents/describe.js';

/**
 * Evaluates every intent of the document against the model (built once by the
 * caller). Throws InputError, naming the intent and field, for an endpoint or
 * selector the snapshot does not hold; nothing is reported half-done.
 */
export function checkIntents(model: NetworkModel, document: IntentsDocument): CheckReport {
  const results: CheckResult[] = checkFlows(model, document.flows, document.file);
  // the exposure audit runs only when the document has an exposure section
  if (document.exposure) results.push(checkExposure(model, document.exposure, exposureOf(model), document.file));
  const passed = results.filter((result) => result.passed).length;
  return { intents: document.file, results, summary: { total: results.length, passed, failed: results.length - passed } };
}
